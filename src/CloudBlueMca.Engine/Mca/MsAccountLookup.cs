using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CloudBlueMca.Engine.Bulk;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>
    /// Get-MsAccountInternalId (seed 000) for many subdomains at once: one batched look-up by
    /// <c>initial_subdomain</c>, then one by <c>ms_account_id</c> so each Microsoft account
    /// carries all its Tenant resources (only some of them hold the subdomain, seed 001).
    /// </summary>
    public sealed class MsAccountLookup : IBulkWorkflow<MsAccountLookupRow>
    {
        private readonly TenantDirectory _directory;

        /// <param name="throttleLimit">Look-up requests sent at once (1..<see cref="McaConfirmationWorkflow.MaxThrottleLimit"/>).</param>
        public MsAccountLookup(CloudBlueConnection connection, int throttleLimit = McaConfirmationWorkflow.DefaultThrottleLimit)
        {
            _directory = new TenantDirectory(connection, throttleLimit);
        }

        public int LookUpGroupSize => McaConfirmationWorkflow.GroupSize;

        /// <summary>One group at a time: its chunks already run up to the throttle limit, which bounds the requests in flight.</summary>
        public int LookUpConcurrency => 1;

        public async Task LookUpAsync(IReadOnlyList<MsAccountLookupRow> rows, OperationContext context)
        {
            var results = await FindAsync(rows.Select(r => r.Input).ToList(), context).ConfigureAwait(false);
            for (var i = 0; i < rows.Count; i++)
            {
                rows[i].Settle(results[i].Error, results[i].Accounts);
            }
        }

        /// <summary>Get-MsAccountInternalId changes nothing: no row ever plans an update.</summary>
        public Task UpdateAsync(MsAccountLookupRow row, OperationContext context) =>
            throw new InvalidOperationException("Get-MsAccountInternalId sends no updates.");

        /// <summary>One result per input, in input order.</summary>
        public async Task<IReadOnlyList<MsAccountLookupResult>> FindAsync(IReadOnlyList<string> inputs, OperationContext context)
        {
            var parsed = inputs.Select(Parse).ToList();
            var labels = parsed.Where(p => p.Label != null).Select(p => p.Label!).Distinct(StringComparer.Ordinal).ToList();

            var bySubdomain = await _directory.FindBySubdomainsAsync(labels, context).ConfigureAwait(false);
            var msAccountIds = labels.SelectMany(bySubdomain.MsAccountIdsOf).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var byMsAccount = await _directory.FindByMsAccountIdsAsync(msAccountIds, context).ConfigureAwait(false);

            var results = new List<MsAccountLookupResult>(inputs.Count);
            var warned = new HashSet<string>(StringComparer.Ordinal);
            for (var i = 0; i < inputs.Count; i++)
            {
                results.Add(parsed[i].Label is string label
                    ? Resolve(inputs[i], label, bySubdomain, byMsAccount, warned, context)
                    : Failed(inputs[i], parsed[i].Error!));
            }

            return results;
        }

        private static (string? Label, CloudBlueMcaException? Error) Parse(string input)
        {
            try
            {
                return (InitialSubdomain.Normalize(input), null);
            }
            catch (CloudBlueMcaException error)
            {
                return (null, error);
            }
        }

        private static MsAccountLookupResult Resolve(string input, string label, TenantLookup bySubdomain, TenantLookup byMsAccount, HashSet<string> warned, OperationContext context)
        {
            if (bySubdomain.Failure(label) is CloudBlueMcaException lookupError)
            {
                return Failed(input, ForInput(input, lookupError));
            }

            var ids = bySubdomain.MsAccountIdsOf(label);
            if (ids.Count == 0)
            {
                return Failed(input, new CloudBlueMcaException(
                    ErrorIds.MsAccountNotFound,
                    ErrorKind.ObjectNotFound,
                    $"No Microsoft account has the initial subdomain '{label}': no Tenant resource with initial_subdomain '{label}' was found. Check the spelling (the first label of the account's onmicrosoft.com domain) and the -TenantTypeId of the connection.",
                    input));
            }

            if (ids.Count > 1 && warned.Add(label))
            {
                context.Log.Warning($"The initial subdomain '{label}' belongs to {ids.Count} Microsoft accounts: {string.Join(", ", ids)}. One object is written for each.");
            }

            var accounts = new List<MsAccount>();
            foreach (var id in ids)
            {
                if (byMsAccount.Failure(id) is CloudBlueMcaException tenantsError)
                {
                    return Failed(input, ForInput(input, tenantsError));
                }

                // The second look-up normally returns a superset; fall back to the first if the
                // platform changed in between, so an account is never written without Tenants.
                var records = byMsAccount.Found(id);
                if (records.Count == 0)
                {
                    records = bySubdomain.Found(label).Where(r => string.Equals(r.MsAccountId, id, StringComparison.OrdinalIgnoreCase)).ToList();
                }

                accounts.Add(new MsAccount
                {
                    InitialSubdomain = label,
                    MsAccountId = id,
                    AccountId = records.Select(r => r.AccountId).FirstOrDefault(a => a != null),
                    Tenants = records.Select(r => r.Resource).ToArray(),
                });
            }

            return new MsAccountLookupResult(input, accounts, null);
        }

        // A batched request served many inputs: each gets its own error, targeting its own input.
        private static CloudBlueMcaException ForInput(string input, CloudBlueMcaException error) =>
            new CloudBlueMcaException(error.ErrorId, error.Kind, $"'{input}' was not looked up: {error.Message}", input, error);

        private static MsAccountLookupResult Failed(string input, CloudBlueMcaException error) =>
            new MsAccountLookupResult(input, new MsAccount[0], error);
    }
}
