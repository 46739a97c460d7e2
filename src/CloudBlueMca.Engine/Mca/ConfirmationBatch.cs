using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>
    /// One batch of Confirm-McaAcceptance rows. The cmdlet repeats
    /// <see cref="PlanAsync"/> → ShouldProcess per plan → <see cref="ExecuteAsync"/> while
    /// <see cref="HasPending"/>, then writes <see cref="Outcomes"/> in input order.
    /// Rows for a Microsoft account that an earlier row of the same round already acts on wait
    /// for the next round and are planned against the account as that row left it; so
    /// duplicates in a CSV are confirmed once and then reported AlreadyConfirmed, and two PUTs
    /// never race on one account.
    /// </summary>
    public sealed class ConfirmationBatch
    {
        private readonly McaConfirmationWorkflow _workflow;
        private readonly TenantDirectory _directory;
        private readonly List<ConfirmationRow> _rows;
        private List<ConfirmationPlan> _awaitingApproval = new List<ConfirmationPlan>();
        private bool _prepared;

        internal ConfirmationBatch(McaConfirmationWorkflow workflow, TenantDirectory directory, IReadOnlyList<ConfirmationRequest> requests)
        {
            _workflow = workflow;
            _directory = directory;
            _rows = requests.Select((request, index) => new ConfirmationRow(index, request)).ToList();
        }

        public bool HasPending => _rows.Any(r => r.IsPending);

        private int FinishedCount => _rows.Count(r => !r.IsPending);

        /// <summary>One outcome per request, in input order; complete once <see cref="HasPending"/> is false.</summary>
        public IReadOnlyList<ConfirmationOutcome> Outcomes => _rows.Select(r => r.Outcome ?? ConfirmationOutcome.Declined).ToList();

        /// <summary>
        /// Validates and looks up the pending rows, settles those that need no PUT (errors,
        /// AlreadyConfirmed) and returns the PUTs waiting for approval.
        /// </summary>
        public async Task<IReadOnlyList<ConfirmationPlan>> PlanAsync(OperationContext context)
        {
            var finishedBefore = FinishedCount;
            if (!_prepared)
            {
                // Only the first round validates and resolves subdomains: after it every pending
                // row has a Microsoft account id.
                _prepared = true;
                foreach (var row in _rows)
                {
                    row.Validate(_workflow.Now, _workflow.LocalZone);
                }

                await ResolveSubdomainsAsync(context).ConfigureAwait(false);
            }

            var claimed = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
            var round = _rows.Where(r => r.IsPending && claimed.Add(r.MsAccountId!)).ToList();
            var tenants = await _directory.FindByMsAccountIdsAsync(claimed, context).ConfigureAwait(false);

            _awaitingApproval = new List<ConfirmationPlan>();
            foreach (var row in round)
            {
                Plan(row, tenants);
            }

            _workflow.ReportProgress(FinishedCount - finishedBefore, context);
            return _awaitingApproval;
        }

        /// <summary>
        /// Sends the approved PUTs, at most the throttle limit at a time; plans not approved
        /// are settled as declined (no output, no error: that is what -WhatIf asks for).
        /// </summary>
        public async Task ExecuteAsync(IReadOnlyCollection<ConfirmationPlan> approved, OperationContext context)
        {
            var declined = _awaitingApproval.Where(p => !approved.Contains(p)).ToList();
            foreach (var plan in declined)
            {
                plan.Row.Decline();
            }

            _workflow.ReportProgress(declined.Count, context);
            _awaitingApproval = new List<ConfirmationPlan>();
            await ThrottledTasks.ForEachAsync(approved, _workflow.ThrottleLimit, plan => PutAsync(plan, context), context.Cancellation).ConfigureAwait(false);
        }

        private async Task ResolveSubdomainsAsync(OperationContext context)
        {
            var unresolved = _rows.Where(r => r.IsPending && r.MsAccountId == null).ToList();
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
            var decision = ConfirmationDecision.Decide(row.Contact!, records.Select(r => r.Resource).ToList(), row.Request.TenantResourceId, _workflow.Force, row.Name);
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
                _awaitingApproval.Add(new ConfirmationPlan(row, decision.Target!, knownSubdomain));
            }
        }

        private async Task PutAsync(ConfirmationPlan plan, OperationContext context)
        {
            try
            {
                await _directory.PutContactAsync(plan.Tenant, plan.Row.Contact!, context).ConfigureAwait(false);
                plan.Row.Succeed(plan.Tenant, ConfirmationResult.Confirmed, plan.KnownSubdomain);
            }
            catch (CloudBlueMcaException error)
            {
                plan.Row.FailRequest(error);
            }

            _workflow.ReportProgress(1, context);
        }
    }
}
