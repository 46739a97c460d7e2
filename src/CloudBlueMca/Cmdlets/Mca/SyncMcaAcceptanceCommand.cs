using System.Collections.Generic;
using System.Linq;
using System.Management.Automation;
using System.Threading.Tasks;
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
    /// NeedsContact, Unavailable or Skipped where nothing is written. Two bulk runs stream one
    /// into the other: checkAccount per customer account (concurrent up to -ThrottleLimit) names
    /// its Microsoft accounts, each of which becomes a row of the sync run, where both sides are
    /// read ahead, ShouldProcess is asked per write on the pipeline thread, the approved writes
    /// run concurrently up to -ThrottleLimit, and each result is written as soon as it and every
    /// earlier row are settled.
    /// </summary>
    [Cmdlet(VerbsData.Sync, "McaAcceptance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(McaSyncResult))]
    public sealed class SyncMcaAcceptanceCommand : CloudBlueCmdlet
    {
        private readonly HashSet<int> _seen = new HashSet<int>();
        private McaSyncWorkflow? _workflow;
        private BulkPipeline<AcceptanceCheckRow>? _accounts;
        private BulkPipeline<SyncRow>? _sync;

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

            _sync = StartBulk(_workflow!, ThrottleLimit, "Synchronising MCA acceptance");
            _accounts = StartBulk(_workflow!.Accounts, ThrottleLimit, "Checking customer accounts", AddSyncRows);
            _accounts.Follower = _sync;
        }

        protected override void ProcessRecord()
        {
            foreach (var accountId in AccountId ?? new int[0])
            {
                AddAccount(accountId);
            }
        }

        protected override void EndProcessing()
        {
            if (!MyInvocation.BoundParameters.ContainsKey(nameof(AccountId)) && !MyInvocation.ExpectingInput)
            {
                var pager = _workflow!.ListAccounts();
                while (pager.HasMore)
                {
                    foreach (var accountId in ReadPage(pager))
                    {
                        AddAccount(accountId);
                    }
                }
            }

            _accounts!.Finish();
            _sync!.Finish();
        }

        private void AddAccount(int accountId)
        {
            if (_seen.Add(accountId))
            {
                _accounts!.Add(new AcceptanceCheckRow(new AcceptanceCheckRequest(accountId, null)));
            }
        }

        // Each checked account's Microsoft accounts (or its failed check) join the sync run in input order.
        private void AddSyncRows(AcceptanceCheckRow checkedAccount)
        {
            if (checkedAccount.Error != null)
            {
                _sync!.Add(SyncRow.Failed(checkedAccount.Request.AccountId, checkedAccount.Error));
                return;
            }

            foreach (var status in checkedAccount.Output.Cast<McaAcceptanceStatus>())
            {
                _sync!.Add(new SyncRow(status));
            }
        }

        // Results of accounts already listed are written while the next page is read.
        private IReadOnlyList<int> ReadPage(SyncAccountPager pager)
        {
            var page = pager.NextPageAsync(Operation);
            page.ContinueWith(_ => WakeFromEngine(), TaskScheduler.Default);
            while (!page.IsCompleted)
            {
                _accounts!.WriteReady();
                if (IsStopRequested)
                {
                    throw new PipelineStoppedException();
                }

                WaitForEngine(250);
            }

            return page.GetAwaiter().GetResult();
        }
    }
}
