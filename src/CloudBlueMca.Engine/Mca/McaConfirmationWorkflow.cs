using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CloudBlueMca.Engine.Bulk;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>
    /// Confirm-McaAcceptance (seed 001, steps 3-4) as a <see cref="BulkRun{TRow}"/> workflow: a
    /// group of rows is validated, its subdomains resolved with one batched look-up and its
    /// Microsoft accounts' Tenants read with another; each row then settles (an error, or
    /// AlreadyConfirmed) or plans one PUT of its contact, keyed by its Microsoft account so two
    /// rows of one account never race and a duplicate is planned against what the first left.
    /// </summary>
    public sealed class McaConfirmationWorkflow : IBulkWorkflow<ConfirmationRow>
    {
        public const int DefaultThrottleLimit = 8;

        /// <summary>Upper bound of -ThrottleLimit; the HTTP pipeline allows this many connections per server.</summary>
        public const int MaxThrottleLimit = 64;

        /// <summary>Rows looked up together: a few in() requests of up to 2,000 URL characters each.</summary>
        public const int GroupSize = 250;

        private readonly TenantDirectory _directory;
        private readonly Func<DateTimeOffset> _now;

        public McaConfirmationWorkflow(CloudBlueConnection connection, bool force, int throttleLimit)
            : this(connection, force, throttleLimit, () => DateTimeOffset.Now, TimeZoneInfo.Local)
        {
        }

        /// <param name="now">The clock; tests pin it.</param>
        /// <param name="localZone">The user's time zone, whose calendar says what "today" is for a given date.</param>
        internal McaConfirmationWorkflow(CloudBlueConnection connection, bool force, int throttleLimit, Func<DateTimeOffset> now, TimeZoneInfo localZone)
        {
            if (throttleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "The throttle limit must be at least 1.");
            }

            Force = force;
            ThrottleLimit = throttleLimit;
            _now = now;
            LocalZone = localZone;
            _directory = new TenantDirectory(connection, throttleLimit);
        }

        public bool Force { get; }

        /// <summary>Most PUTs in flight at once.</summary>
        public int ThrottleLimit { get; }

        public int LookUpGroupSize => GroupSize;

        /// <summary>Two groups, so the next group's look-ups overlap the current group's PUTs.</summary>
        public int LookUpConcurrency => 2;

        internal TimeZoneInfo LocalZone { get; }

        public async Task LookUpAsync(IReadOnlyList<ConfirmationRow> rows, OperationContext context)
        {
            var now = _now();
            foreach (var row in rows.Where(r => !r.IsValidated))
            {
                row.Validate(now, LocalZone);
            }

            await ResolveSubdomainsAsync(rows.Where(r => !r.IsSettled && r.MsAccountId == null).ToList(), context).ConfigureAwait(false);

            var pending = rows.Where(r => !r.IsSettled).ToList();
            var tenants = await _directory.FindByMsAccountIdsAsync(pending.Select(r => r.MsAccountId!).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), context).ConfigureAwait(false);
            foreach (var row in pending)
            {
                Plan(row, tenants);
            }
        }

        public async Task UpdateAsync(ConfirmationRow row, OperationContext context)
        {
            try
            {
                await _directory.PutContactAsync(row.PlannedTenant!, row.Contact!, context).ConfigureAwait(false);
                row.Succeed(row.PlannedTenant!, ConfirmationResult.Confirmed, row.KnownSubdomain);
            }
            catch (CloudBlueMcaException error)
            {
                row.FailRequest(error);
            }
        }

        private async Task ResolveSubdomainsAsync(IReadOnlyList<ConfirmationRow> unresolved, OperationContext context)
        {
            if (unresolved.Count == 0)
            {
                return;
            }

            var lookup = await _directory.FindBySubdomainsAsync(unresolved.Select(r => r.Label!).Distinct(StringComparer.Ordinal).ToList(), context).ConfigureAwait(false);
            foreach (var row in unresolved)
            {
                if (lookup.Failure(row.Label!) is CloudBlueMcaException error)
                {
                    row.FailRequest(error);
                    continue;
                }

                var ids = lookup.MsAccountIdsOf(row.Label!);
                if (ids.Count == 0)
                {
                    row.Fail(new CloudBlueMcaException(
                        ErrorIds.MsAccountNotFound,
                        ErrorKind.ObjectNotFound,
                        $"No Microsoft account has the initial subdomain '{row.Label}', so nothing was sent. Check the subdomain with Get-MsAccountInternalId.",
                        row.Name));
                }
                else if (ids.Count > 1)
                {
                    row.Fail(new CloudBlueMcaException(
                        ErrorIds.AmbiguousSubdomain,
                        ErrorKind.InvalidArgument,
                        $"The initial subdomain '{row.Label}' belongs to {ids.Count} Microsoft accounts ({string.Join(", ", ids)}), so nothing was sent. Give -MsAccountId to say which one.",
                        row.Name));
                }
                else
                {
                    row.MsAccountId = ids[0];
                }
            }
        }

        private void Plan(ConfirmationRow row, TenantLookup tenants)
        {
            if (tenants.Failure(row.MsAccountId!) is CloudBlueMcaException error)
            {
                row.FailRequest(error);
                return;
            }

            var records = tenants.Found(row.MsAccountId!);
            if (records.Count == 0)
            {
                row.Fail(new CloudBlueMcaException(
                    ErrorIds.MsAccountNotFound,
                    ErrorKind.ObjectNotFound,
                    $"No Tenant resource belongs to the Microsoft account '{row.MsAccountId}'{(row.Name == row.MsAccountId ? string.Empty : $" of '{row.Name}'")}, so nothing was sent. Check the id with Get-MsAccountInternalId.",
                    row.Name));
                return;
            }

            var knownSubdomain = records.Select(r => r.InitialSubdomain).FirstOrDefault(s => s != null);
            var decision = ConfirmationDecision.Decide(row.Contact!, records.Select(r => r.Resource).ToList(), row.Request.TenantResourceId, Force, row.Name);
            if (decision.Error != null)
            {
                row.Fail(decision.Error);
            }
            else if (decision.AlreadyConfirmed)
            {
                row.Succeed(decision.Target!, ConfirmationResult.AlreadyConfirmed, knownSubdomain);
            }
            else
            {
                row.PlanPut(decision.Target!, knownSubdomain);
            }
        }
    }
}
