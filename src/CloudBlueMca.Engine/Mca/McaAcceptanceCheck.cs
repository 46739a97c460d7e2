using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CloudBlueMca.Engine.Aps;
using CloudBlueMca.Engine.Bulk;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>
    /// Test-McaAcceptance: the application instance's <c>checkAccount</c> custom operation for one
    /// customer account (seed 001, step 2), one <see cref="McaAcceptanceStatus"/> per tenant.
    /// </summary>
    public sealed class McaAcceptanceCheck : IBulkWorkflow<AcceptanceCheckRow>
    {
        private readonly CloudBlueConnection _connection;
        private readonly string _applicationInstanceId;

        /// <param name="throttleLimit">Most checkAccount calls in flight at once.</param>
        /// <exception cref="CloudBlueMcaException"><see cref="ErrorIds.ApplicationInstanceRequired"/> when the connection knows no application instance.</exception>
        public McaAcceptanceCheck(CloudBlueConnection connection, int throttleLimit = McaConfirmationWorkflow.DefaultThrottleLimit)
        {
            if (throttleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "The throttle limit must be at least 1.");
            }

            _connection = connection;
            _applicationInstanceId = connection.RequireApplicationInstanceId();
            LookUpConcurrency = throttleLimit;
        }

        /// <summary>checkAccount answers one account per call: each row is its own look-up.</summary>
        public int LookUpGroupSize => 1;

        /// <summary>The throttle limit: calls overlap, up to this many.</summary>
        public int LookUpConcurrency { get; }

        /// <summary>
        /// Checks every request, up to the throttle limit at a time. One result per request, in
        /// request order; a failed check is that request's error and the others go on.
        /// </summary>
        public async Task<IReadOnlyList<AcceptanceCheckResult>> CheckAllAsync(IReadOnlyList<AcceptanceCheckRequest> requests, OperationContext context) =>
            await ThrottledTasks.SelectAsync(requests, LookUpConcurrency, request => CheckOneAsync(request, context), context.Cancellation).ConfigureAwait(false);

        public async Task LookUpAsync(IReadOnlyList<AcceptanceCheckRow> rows, OperationContext context)
        {
            var results = await CheckAllAsync(rows.Select(r => r.Request).ToList(), context).ConfigureAwait(false);
            for (var i = 0; i < rows.Count; i++)
            {
                rows[i].Settle(results[i].Error, results[i].Statuses);
            }
        }

        /// <summary>Test-McaAcceptance changes nothing: no row ever plans an update.</summary>
        public Task UpdateAsync(AcceptanceCheckRow row, OperationContext context) =>
            throw new InvalidOperationException("Test-McaAcceptance sends no updates.");

        /// <param name="accountId">System id of the customer account.</param>
        /// <param name="initialSubdomain">
        /// Keep only tenants whose domain's first label equals it exactly. The seed says the domain
        /// "contains" the subdomain; an exact label match is stricter on purpose, so that
        /// <c>example</c> never matches <c>example2.onmicrosoft.com</c>.
        /// </param>
        public async Task<IReadOnlyList<McaAcceptanceStatus>> CheckAsync(int accountId, string? initialSubdomain, OperationContext context)
        {
            var label = string.IsNullOrWhiteSpace(initialSubdomain) ? null : InitialSubdomain.Normalize(initialSubdomain);
            var query = new[]
            {
                new KeyValuePair<string, string>("accountId", accountId.ToString(CultureInfo.InvariantCulture)),
                new KeyValuePair<string, string>("planId", "0"),
            };

            JsonNode? response;
            try
            {
                response = await _connection.Client.GetCustomOperationAsync(_applicationInstanceId, "checkAccount", query, context).ConfigureAwait(false);
            }
            catch (ApsRequestException error) when (error.StatusCode == 404)
            {
                throw new CloudBlueMcaException(
                    ErrorIds.AccountNotFound,
                    ErrorKind.ObjectNotFound,
                    $"Customer account {accountId} was not found by checkAccount: {error.Message} Check the customer's system id (the number shown in the control panel, e.g. 1000011).",
                    accountId,
                    error);
            }

            var statuses = Read(accountId, response as JsonObject);
            if (statuses.Count == 0)
            {
                throw new CloudBlueMcaException(
                    ErrorIds.TenantNotFound,
                    ErrorKind.ObjectNotFound,
                    $"Customer account {accountId} has no Microsoft account: checkAccount returned no tenants.",
                    accountId);
            }

            if (label == null)
            {
                return statuses;
            }

            var matching = statuses.Where(s => s.InitialSubdomain == label).ToList();
            if (matching.Count == 0)
            {
                throw new CloudBlueMcaException(
                    ErrorIds.TenantNotFound,
                    ErrorKind.ObjectNotFound,
                    $"Customer account {accountId} has no Microsoft account with initial subdomain '{label}'. Its domains are: {string.Join(", ", statuses.Select(s => s.Domain))}.",
                    accountId);
            }

            return matching;
        }

        private async Task<AcceptanceCheckResult> CheckOneAsync(AcceptanceCheckRequest request, OperationContext context)
        {
            try
            {
                var statuses = await CheckAsync(request.AccountId, request.InitialSubdomain, context).ConfigureAwait(false);
                return new AcceptanceCheckResult(request, statuses, null);
            }
            catch (CloudBlueMcaException error)
            {
                // A request error names the URL as its target; the row's own error names its account.
                var own = Equals(error.Target, request.AccountId)
                    ? error
                    : new CloudBlueMcaException(error.ErrorId, error.Kind, $"Customer account {request.AccountId} was not checked: {error.Message}", request.AccountId, error);
                return new AcceptanceCheckResult(request, new McaAcceptanceStatus[0], own);
            }
        }

        private static List<McaAcceptanceStatus> Read(int accountId, JsonObject? response)
        {
            var metadata = response?["microsoft_cloud_agreement_metadata"] as JsonObject;
            var templateId = TenantJson.Text(metadata?["templateId"]);
            var link = TenantJson.Text(metadata?["agreementLink"]);
            var tenants = response?["tenants"] as JsonArray ?? new JsonArray();
            return tenants.OfType<JsonObject>().Select(tenant =>
            {
                var domain = TenantJson.Text(tenant["domain"]) ?? string.Empty;
                return new McaAcceptanceStatus
                {
                    AccountId = accountId,
                    Domain = domain,
                    InitialSubdomain = InitialSubdomain.FirstLabelOf(domain),
                    MsAccountId = TenantJson.Text(tenant["id"]) ?? string.Empty,
                    MsTenantId = TenantJson.Text(tenant["ms_tenant_id"]),

                    // Unknown or missing means "not known to be accepted": report it as required.
                    AcceptanceRequired = TenantJson.Boolean(tenant["is_acceptance_of_microsoft_cloud_agreement_required"]) ?? true,
                    AgreementTemplateId = templateId,
                    AgreementLink = link,
                };
            }).ToList();
        }
    }
}
