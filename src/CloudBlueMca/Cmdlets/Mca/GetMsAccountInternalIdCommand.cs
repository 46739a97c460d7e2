using System.Management.Automation;
using CloudBlueMca.Engine.Mca;
using CloudBlueMca.Infrastructure;

namespace CloudBlueMca.Cmdlets.Mca
{
    /// <summary>
    /// Finds the internal identifier of Microsoft accounts by initial subdomain (seed 000).
    /// Pipeline input streams through a bulk run that looks subdomains up in groups, so ten
    /// thousand subdomains cost tens of requests, not ten thousand; each input's accounts are
    /// written as soon as it and every earlier input are answered.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "MsAccountInternalId")]
    [OutputType(typeof(MsAccount))]
    public sealed class GetMsAccountInternalIdCommand : CloudBlueCmdlet
    {
        private BulkPipeline<MsAccountLookupRow>? _bulk;

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
            _bulk = StartBulk(new MsAccountLookup(ResolveConnection(), ThrottleLimit), ThrottleLimit, "Looking up Microsoft accounts");
        }

        protected override void ProcessRecord()
        {
            foreach (var input in InitialSubdomain)
            {
                _bulk!.Add(new MsAccountLookupRow(input));
            }
        }

        protected override void EndProcessing() => _bulk!.Finish();
    }
}
