using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Mca;
using CloudBlueMca.Engine.Sync;
using CloudBlueMca.Infrastructure;

namespace CloudBlueMca.Cmdlets.Mca
{
    /// <summary>
    /// Keeps the MCA records of CloudBlue (cloud_agreement_contact) and Partner Center (the
    /// partner's attestations) in step, per Microsoft account of each customer account: copies
    /// the record to the side that lacks it as -Direction allows, and reports InSync, Conflict,
    /// NeedsContact, Unavailable or Skipped where nothing is written. Accounts are gathered into
    /// batches: both sides are read concurrently up to -ThrottleLimit, ShouldProcess is asked per
    /// write here on the pipeline thread, then the approved writes run concurrently, and results
    /// are written in input order.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "McaAcceptance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(McaSyncResult))]
    public sealed class SyncMcaAcceptanceCommand : BatchingCloudBlueCmdlet<int>
    {
        private readonly HashSet<int> _seen = new HashSet<int>();
        private McaSyncWorkflow? _workflow;

        /// <summary>CloudBlue customer system ids; omitted = every customer account that has a Tenant resource.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, int.MaxValue)]
        public int[]? AccountId { get; set; }

        [Parameter]
        public McaSyncDirection Direction { get; set; } = McaSyncDirection.ToCloudBlue;

        [Parameter]
        [ValidateRange(1, McaConfirmationWorkflow.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = McaConfirmationWorkflow.DefaultThrottleLimit;

        /// <summary>A connection from Connect-PcService -PassThru; the runspace default when omitted.</summary>
        [Parameter]
        public PcConnection? PcConnection { get; set; }

        protected override int BatchSize => McaSyncWorkflow.BatchSize;

        protected override void OnBeginProcessing()
        {
            var cloudBlue = Connection ?? DefaultConnections.Current;
            var partnerCenter = PcConnection ?? PcCmdlet.DefaultConnections.Current;
            var missing = new List<string>();
            if (cloudBlue == null)
            {
                missing.Add("CloudBlue (run Connect-CloudBlue, or pass -Connection)");
            }

            if (partnerCenter == null || !partnerCenter.IsConnected)
            {
                missing.Add("Partner Center (run Connect-PcService, or pass -PcConnection)");
            }

            if (missing.Count > 0)
            {
                ThrowEngineError(
                    ErrorIds.NotConnected,
                    ErrorKind.InvalidOperation,
                    $"Sync-McaAcceptance reads and writes both CloudBlue and Partner Center, and is not connected to {string.Join(" nor to ", missing)}.");
            }

            try
            {
                _workflow = new McaSyncWorkflow(cloudBlue!, partnerCenter!, Direction, ThrottleLimit);
            }
            catch (CloudBlueMcaException error)
            {
                ThrowEngineError(error);
            }
        }

        protected override void ProcessRecord()
        {
            if (AccountId != null)
            {
                Enqueue(AccountId.Where(_seen.Add));
            }
        }

        protected override void EndProcessing()
        {
            if (!MyInvocation.BoundParameters.ContainsKey(nameof(AccountId)) && !MyInvocation.ExpectingInput)
            {
                var pager = _workflow!.ListAccounts();
                while (pager.HasMore)
                {
                    Enqueue(Run(pager.NextPageAsync).Where(_seen.Add));
                }
            }

            base.EndProcessing();
        }

        protected override void ProcessBatch(int[] accountIds)
        {
            var rows = Run(operation => _workflow!.PlanAsync(accountIds, operation));
            var approved = rows.Where(row => row.NeedsWrite && ShouldProcess(row.Target, row.Action)).ToList();
            Run(operation => _workflow!.ExecuteAsync(rows, approved, operation));
            foreach (var row in rows)
            {
                if (row.Error != null)
                {
                    WriteEngineError(row.Error);
                }
                else if (row.Output != null)
                {
                    WriteObject(row.Output);
                }
            }
        }
    }
}
