using System;
using System.Management.Automation;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Infrastructure;

namespace CloudBlueMca.Cmdlets.PartnerCenter
{
    /// <summary>
    /// Gets customers of the partner from Partner Center: by Microsoft tenant id (from the
    /// pipeline too, e.g. Test-McaAcceptance's MsTenantId), or every customer, page by page.
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PcCustomer")]
    [OutputType(typeof(PcCustomer))]
    public sealed class GetPcCustomerCommand : PcCmdlet
    {
        /// <summary>Customer (Microsoft tenant) ids; none lists every customer.</summary>
        [Parameter(Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("CustomerTenantId", "TenantId", "MsTenantId")]
        public Guid[]? CustomerId { get; set; }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            if (CustomerId is null || CustomerId.Length == 0)
            {
                WriteEveryCustomer(connection);
                return;
            }

            foreach (var id in CustomerId)
            {
                try
                {
                    WriteObject(Run(ctx => PartnerCenterCustomers.GetAsync(connection, id, ctx)));
                }
                catch (CloudBlueMcaException ex)
                {
                    WriteEngineError(ex);
                }
            }
        }

        private void WriteEveryCustomer(PcConnection connection)
        {
            var pager = PartnerCenterCustomers.List(connection);
            try
            {
                while (pager.HasMore)
                {
                    WriteObject(Run(pager.NextPageAsync), enumerateCollection: true);
                }
            }
            catch (CloudBlueMcaException ex)
            {
                WriteEngineError(ex);
            }
        }
    }
}
