using System.Management.Automation;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Mca;
using CloudBlueMca.Infrastructure;

namespace CloudBlueMca.Cmdlets.Mca
{
    /// <summary>
    /// Finds the internal identifier of Microsoft accounts by initial subdomain (seed 000).
    /// Pipeline input is gathered and looked up in batches, so ten thousand subdomains cost
    /// tens of requests, not ten thousand.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MsAccountInternalId")]
    [OutputType(typeof(MsAccount))]
    public sealed class GetMsAccountInternalIdCommand : BatchingCloudBlueCmdlet<string>
    {
        private MsAccountLookup? _lookup;

        /// <summary><c>example</c> and <c>example.onmicrosoft.com</c> mean the same.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Domain", "DomainName", "Subdomain")]
        [AllowEmptyString]
        public string[] InitialSubdomain { get; set; } = new string[0];

        /// <summary>Look-up requests sent at once (a batch of many subdomains is split into several URLs).</summary>
        [Parameter]
        [ValidateRange(1, McaConfirmationWorkflow.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = McaConfirmationWorkflow.DefaultThrottleLimit;

        protected override void OnBeginProcessing()
        {
            _lookup = new MsAccountLookup(ResolveConnection(), ThrottleLimit);
        }

        protected override int BatchSize => MsAccountLookup.BatchSize;

        protected override void ProcessRecord() => Enqueue(InitialSubdomain);

        protected override void ProcessBatch(string[] inputs)
        {
            foreach (var result in Run(operation => _lookup!.FindAsync(inputs, operation)))
            {
                if (result.Error != null)
                {
                    WriteEngineError(result.Error);
                    continue;
                }

                foreach (var account in result.Accounts)
                {
                    WriteObject(account);
                }
            }
        }
    }
}
