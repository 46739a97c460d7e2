using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CloudBlueMca.Engine.Bulk;
using CloudBlueMca.Engine.Mca;
using CloudBlueMca.Engine.PartnerCenter;

namespace CloudBlueMca.Engine.Sync
{
    /// <summary>
    /// Sync-McaAcceptance as a <see cref="BulkRun{TRow}"/> workflow, one row per Microsoft
    /// account. The cmdlet runs <see cref="Accounts"/> (checkAccount per customer account) first
    /// and turns each account's Microsoft accounts into rows in input order; here each row reads
    /// CloudBlue's contact (its Tenant resources) and Partner Center's attestations and
    /// direct-sign status, <see cref="SyncDecision"/> says what to do, and the row settles or
    /// plans its one write, keyed by its Microsoft account. A failed Partner Center read makes the
    /// row Unavailable, never a write.
    /// </summary>
    public sealed class McaSyncWorkflow : IBulkWorkflow<SyncRow>
    {
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
            Accounts = new McaAcceptanceCheck(cloudBlue, throttleLimit);
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

        /// <summary>Most Partner Center reads of one group, and most writes, in flight at once.</summary>
        public int ThrottleLimit { get; }

        /// <summary>The first stage: checkAccount per customer account, whose Microsoft accounts become this workflow's rows.</summary>
        public McaAcceptanceCheck Accounts { get; }

        /// <summary>
        /// One row per look-up, so that the look-ups in flight (<see cref="LookUpConcurrency"/>)
        /// bound the Partner Center reads in flight by the throttle limit, and each Microsoft
        /// account is decided as soon as its own reads answer. The cost is one Tenant request per
        /// Microsoft account, beside the two or three Partner Center reads it needs anyway.
        /// </summary>
        public int LookUpGroupSize => 1;

        /// <summary>The throttle limit: look-ups overlap each other and the writes, up to this many.</summary>
        public int LookUpConcurrency => ThrottleLimit;

        /// <summary>Every customer account that has a Tenant resource, page by page.</summary>
        public SyncAccountPager ListAccounts() => new SyncAccountPager(_cloudBlue);

        public async Task LookUpAsync(IReadOnlyList<SyncRow> rows, OperationContext context)
        {
            // A failed check comes settled: nothing to read for it.
            var pending = rows.Where(r => !r.IsSettled).ToList();
            if (pending.Count == 0)
            {
                return;
            }

            var tenants = await _directory.FindByMsAccountIdsAsync(pending.Select(r => r.Status!.MsAccountId).Distinct(StringComparer.OrdinalIgnoreCase).ToList(), context).ConfigureAwait(false);
            var sides = await ThrottledTasks.SelectAsync(pending, ThrottleLimit, row => ReadPartnerCenterAsync(row.Status!, context), context.Cancellation).ConfigureAwait(false);
            var now = _now();
            for (var i = 0; i < pending.Count; i++)
            {
                await DecideAsync(pending[i], tenants, sides[i], now, context).ConfigureAwait(false);
            }
        }

        public async Task UpdateAsync(SyncRow row, OperationContext context)
        {
            var result = row.PlannedResult!;
            try
            {
                if (row.CloudBlueWrite is CloudBlueWritePlan cloudBlue)
                {
                    await _directory.PutContactAsync(cloudBlue.Tenant, cloudBlue.Contact, context).ConfigureAwait(false);
                }
                else
                {
                    var write = row.PartnerCenterWrite!;
                    if (!await PartnerCenterAgreements.PostAsync(_partnerCenter, write.CustomerId, write.Contact, write.TemplateId, context).ConfigureAwait(false))
                    {
                        // 600061: Partner Center held this contact after all (attested meanwhile),
                        // perhaps with another date: decide from what it holds, as a first read would.
                        var onRecord = await PartnerCenterAgreements.FindAttestationAsync(_partnerCenter, write.CustomerId, write.Contact, context).ConfigureAwait(false);
                        SyncDecision.AfterDuplicateAttestation(result, onRecord);
                    }
                }

                row.Succeed(result);
            }
            catch (CloudBlueMcaException error)
            {
                row.FailWith(error);
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

        private async Task DecideAsync(SyncRow row, TenantLookup tenants, PartnerCenterSide partnerCenter, DateTimeOffset now, OperationContext context)
        {
            var status = row.Status!;
            if (tenants.Failure(status.MsAccountId) is CloudBlueMcaException lookupError)
            {
                row.FailWith(lookupError);
                return;
            }

            var records = tenants.Found(status.MsAccountId).Select(r => r.Resource).ToList();
            var decision = SyncDecision.Decide(status, records, partnerCenter, Direction, now, _localZone);
            if (decision.CloudBlueWrite != null)
            {
                row.PlanCloudBlueWrite(decision.Result, decision.CloudBlueWrite);
            }
            else if (decision.PartnerCenterContact != null)
            {
                try
                {
                    var templateId = await PartnerCenterAgreements.GetCustomerAgreementTemplateIdAsync(_partnerCenter, context).ConfigureAwait(false);
                    row.PlanPartnerCenterWrite(decision.Result, new PartnerCenterWritePlan(partnerCenter.CustomerId, decision.PartnerCenterContact, templateId));
                }
                catch (CloudBlueMcaException error)
                {
                    row.FailWith(error);
                }
            }
            else
            {
                row.Succeed(decision.Result);
            }
        }
    }
}
