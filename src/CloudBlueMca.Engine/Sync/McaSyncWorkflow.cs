using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CloudBlueMca.Engine.Mca;
using CloudBlueMca.Engine.PartnerCenter;

namespace CloudBlueMca.Engine.Sync
{
    /// <summary>
    /// Sync-McaAcceptance for one invocation: for each CloudBlue customer account, checkAccount
    /// names its Microsoft accounts and their Microsoft tenants; the Tenant resources give
    /// CloudBlue's contact; Partner Center gives the tenant's attestations and direct-sign status;
    /// <see cref="SyncDecision"/> says what to do. Per batch the cmdlet calls
    /// <see cref="PlanAsync"/>, asks ShouldProcess for each row that would write, and calls
    /// <see cref="ExecuteAsync"/>; then it writes the rows in input order.
    /// </summary>
    public sealed class McaSyncWorkflow
    {
        /// <summary>How many customer accounts the cmdlet gathers before it plans them together.</summary>
        public const int BatchSize = 50;

        private readonly McaAcceptanceCheck _check;
        private readonly TenantDirectory _directory;
        private readonly PcConnection _partnerCenter;
        private readonly CloudBlueConnection _cloudBlue;
        private readonly string? _partnerCenterUnavailable;
        private readonly Func<DateTimeOffset> _now;
        private readonly TimeZoneInfo _localZone;

        /// <summary>Throws ApplicationInstanceRequired when the CloudBlue connection knows no application instance.</summary>
        public McaSyncWorkflow(CloudBlueConnection cloudBlue, PcConnection partnerCenter, McaSyncDirection direction, int throttleLimit)
            : this(cloudBlue, partnerCenter, direction, throttleLimit, () => DateTimeOffset.Now, TimeZoneInfo.Local)
        {
        }

        internal McaSyncWorkflow(CloudBlueConnection cloudBlue, PcConnection partnerCenter, McaSyncDirection direction, int throttleLimit, Func<DateTimeOffset> now, TimeZoneInfo localZone)
        {
            if (throttleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "The throttle limit must be at least 1.");
            }

            _cloudBlue = cloudBlue;
            _partnerCenter = partnerCenter;
            _check = new McaAcceptanceCheck(cloudBlue);
            _directory = new TenantDirectory(cloudBlue, throttleLimit);
            Direction = direction;
            ThrottleLimit = throttleLimit;
            _now = now;
            _localZone = localZone;
            try
            {
                PartnerCenterAgreements.RequireAgreementApis(partnerCenter);
            }
            catch (CloudBlueMcaException error)
            {
                // Every row says why, and nothing is written on the strength of Partner Center.
                _partnerCenterUnavailable = error.Message;
            }
        }

        public McaSyncDirection Direction { get; }

        public int ThrottleLimit { get; }

        /// <summary>Every customer account that has a Tenant resource, page by page.</summary>
        public SyncAccountPager ListAccounts() => new SyncAccountPager(_cloudBlue);

        /// <summary>
        /// Reads both sides for the accounts and decides each Microsoft account. Rows that need no
        /// write are settled; the rest wait for approval. A failed check settles its account as
        /// one error row; a failed Partner Center read makes that row Unavailable.
        /// </summary>
        public async Task<IReadOnlyList<SyncRow>> PlanAsync(IReadOnlyList<int> accountIds, OperationContext context)
        {
            var checks = await _check.CheckAllAsync(accountIds.Select(id => new AcceptanceCheckRequest(id, null)).ToList(), context).ConfigureAwait(false);
            var statuses = checks.Where(c => c.Error == null).SelectMany(c => c.Statuses).ToList();
            var tenants = await _directory.FindByMsAccountIdsAsync(statuses.Select(s => s.MsAccountId).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), context).ConfigureAwait(false);
            var partnerCenter = await ThrottledTasks.SelectAsync(statuses, ThrottleLimit, status => ReadPartnerCenterAsync(status, context), context.Cancellation).ConfigureAwait(false);
            var sides = statuses.Zip(partnerCenter, (status, side) => (status, side)).ToList();

            var rows = new List<SyncRow>();
            var now = _now();
            foreach (var check in checks)
            {
                if (check.Error != null)
                {
                    rows.Add(new SyncRow(check.Request.AccountId, null, check.Error));
                    continue;
                }

                foreach (var (status, side) in sides.Where(s => s.status.AccountId == check.Request.AccountId && check.Statuses.Contains(s.status)))
                {
                    rows.Add(await DecideAsync(status, tenants, side, now, context).ConfigureAwait(false));
                }
            }

            return rows;
        }

        /// <summary>Writes the approved rows, at most the throttle limit at a time; the others that would write are declined (no output, no error).</summary>
        public async Task ExecuteAsync(IReadOnlyList<SyncRow> rows, IReadOnlyCollection<SyncRow> approved, OperationContext context)
        {
            foreach (var row in rows.Where(r => r.NeedsWrite && !approved.Contains(r)))
            {
                row.Decline();
            }

            await ThrottledTasks.ForEachAsync(approved, ThrottleLimit, row => WriteAsync(row, context), context.Cancellation).ConfigureAwait(false);
        }

        private async Task WriteAsync(SyncRow row, OperationContext context)
        {
            try
            {
                if (row.CloudBlueWrite != null)
                {
                    await _directory.PutContactAsync(row.CloudBlueWrite.Tenant, row.CloudBlueWrite.Contact, context).ConfigureAwait(false);
                }
                else
                {
                    var write = row.PartnerCenterWrite!;
                    if (!await PartnerCenterAgreements.PostAsync(_partnerCenter, write.CustomerId, write.Contact, write.TemplateId, context).ConfigureAwait(false))
                    {
                        // 600061: Partner Center held this contact after all (attested meanwhile).
                        row.Result!.Action = McaSyncAction.InSync;
                        row.Result.Reason = "Partner Center already held this contact when it was sent (600061); nothing was added.";
                    }
                }

                row.Written = true;
            }
            catch (CloudBlueMcaException error)
            {
                row.Fail(new CloudBlueMcaException(error.ErrorId, error.Kind, $"MCA acceptance of {row.Target} was not synchronised: {error.Message}", row.Result?.InitialSubdomain ?? (object)row.AccountId, error));
            }
        }

        private async Task<PartnerCenterSide> ReadPartnerCenterAsync(McaAcceptanceStatus status, OperationContext context)
        {
            if (_partnerCenterUnavailable != null)
            {
                return PartnerCenterSide.Unavailable(_partnerCenterUnavailable);
            }

            if (!Guid.TryParse(status.MsTenantId, out var customerId))
            {
                return PartnerCenterSide.Unavailable("checkAccount reports no Microsoft tenant id for this Microsoft account, so Partner Center cannot be asked about it.");
            }

            try
            {
                var attestations = await PartnerCenterAgreements.ReadAttestationsAsync(_partnerCenter, customerId, context).ConfigureAwait(false);
                var signed = attestations.Count == 0 && await _partnerCenter.Client.GetDirectSignStatusAsync(customerId, context).ConfigureAwait(false);
                return new PartnerCenterSide(customerId, attestations, signed, null);
            }
            catch (CloudBlueMcaException error)
            {
                return PartnerCenterSide.Unavailable($"Partner Center could not be read ({error.ErrorId}): {error.Message}");
            }
        }

        private async Task<SyncRow> DecideAsync(McaAcceptanceStatus status, TenantLookup tenants, PartnerCenterSide partnerCenter, DateTimeOffset now, OperationContext context)
        {
            if (tenants.Failure(status.MsAccountId) is CloudBlueMcaException lookupError)
            {
                return new SyncRow(status.AccountId, null, lookupError);
            }

            var records = tenants.Found(status.MsAccountId).Select(r => r.Resource).ToList();
            var decision = SyncDecision.Decide(status, records, partnerCenter, Direction, now, _localZone);
            var row = new SyncRow(status.AccountId, decision.Result, null) { CloudBlueWrite = decision.CloudBlueWrite };
            if (decision.PartnerCenterContact != null)
            {
                try
                {
                    var templateId = await PartnerCenterAgreements.GetCustomerAgreementTemplateIdAsync(_partnerCenter, context).ConfigureAwait(false);
                    row.PartnerCenterWrite = new PartnerCenterWritePlan(partnerCenter.CustomerId, decision.PartnerCenterContact, templateId);
                }
                catch (CloudBlueMcaException error)
                {
                    row.Fail(error);
                }
            }

            return row;
        }
    }
}
