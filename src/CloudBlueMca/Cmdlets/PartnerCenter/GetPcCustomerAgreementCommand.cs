using System;
using System.Management.Automation;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Infrastructure;

namespace CloudBlueMca.Cmdlets.PartnerCenter
{
    /// <summary>
    /// Gets the agreements Partner Center holds for customers: one object per attestation, and
    /// for the MCA one more with SignedDirectly when the customer accepted it in the Microsoft
    /// 365 admin center. Takes customer ids from Get-PcCustomer (Id) and Test-McaAcceptance
    /// (MsTenantId).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PcCustomerAgreement")]
    [OutputType(typeof(PcCustomerAgreement))]
    public sealed class GetPcCustomerAgreementCommand : PcCmdlet
    {
        /// <summary>Customer (Microsoft tenant) ids.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipeline = true, ValueFromPipelineByPropertyName = true)]
        [Alias("CustomerTenantId", "TenantId", "MsTenantId", "Id")]
        public Guid[] CustomerId { get; set; } = new Guid[0];

        /// <summary>Default MicrosoftCustomerAgreement; always sent, because the API's own default is the retired cloud agreement.</summary>
        [Parameter]
        public PcAgreementType AgreementType { get; set; } = PcAgreementType.MicrosoftCustomerAgreement;

        protected override void OnBeginProcessing()
        {
            try
            {
                PartnerCenterAgreements.RequireAgreementApis(ResolveConnection());
            }
            catch (CloudBlueMcaException error)
            {
                ThrowEngineError(error);
            }
        }

        protected override void ProcessRecord()
        {
            var connection = ResolveConnection();
            foreach (var id in CustomerId)
            {
                try
                {
                    WriteObject(Run(ctx => PartnerCenterAgreements.GetAsync(connection, id, AgreementType, ctx)), enumerateCollection: true);
                }
                catch (CloudBlueMcaException error)
                {
                    WriteEngineError(error);
                }
            }
        }
    }
}
