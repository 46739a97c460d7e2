using System;
using System.Management.Automation;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Agreements;
using CloudBlueMca.Engine.Mca;
using CloudBlueMca.Infrastructure;

namespace CloudBlueMca.Cmdlets.PartnerCenter
{
    /// <summary>
    /// Records the partner's attestation that a customer accepted the Microsoft Customer
    /// Agreement (POST /v1/customers/{id}/agreements). Rows stream through a bulk run, as
    /// Confirm-McaAcceptance's do: what Partner Center already holds is read ahead, ShouldProcess
    /// is asked per row on the pipeline thread, the approved POSTs run concurrently up to
    /// -ThrottleLimit, and each result is written as soon as it and every earlier row are settled.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "PcCustomerAgreement", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PcAgreementConfirmation))]
    public sealed class NewPcCustomerAgreementCommand : PcCmdlet
    {
        private BulkPipeline<AgreementRow>? _bulk;

        /// <summary>The customer's Microsoft tenant id.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [Alias("CustomerTenantId", "TenantId", "MsTenantId", "Id")]
        public Guid CustomerId { get; set; }

        // Mandatory so a missing column fails that row's binding; empty values are allowed
        // through so the row gets the module's InvalidContact error, which lists every problem.
        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string FirstName { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string LastName { get; set; } = string.Empty;

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [AllowEmptyString]
        public string Email { get; set; } = string.Empty;

        /// <summary>Optional in Partner Center.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [Alias("Phone")]
        [AllowEmptyString]
        public string? PhoneNumber { get; set; }

        /// <summary>
        /// A [datetime] or ISO 8601 text (yyyy-MM-dd, optionally with a time), read by
        /// <see cref="Engine.AgreementDate"/>'s rules; not in the future. Default: today's UTC
        /// date. Sent as midnight UTC of the date.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AgreementDateArgument]
        public object? DateAgreed { get; set; }

        [Parameter]
        [ValidateRange(1, McaConfirmationWorkflow.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = McaConfirmationWorkflow.DefaultThrottleLimit;

        protected override void OnBeginProcessing()
        {
            AgreementWorkflow? workflow = null;
            try
            {
                workflow = new AgreementWorkflow(ResolveConnection(), ThrottleLimit);
            }
            catch (CloudBlueMcaException error)
            {
                ThrowEngineError(error);
            }

            _bulk = StartBulk(workflow!, ThrottleLimit, "Attesting MCA acceptance in Partner Center");
        }

        protected override void ProcessRecord() =>
            _bulk!.Add(new AgreementRow(new AgreementRequest
            {
                CustomerId = CustomerId,
                FirstName = FirstName,
                LastName = LastName,
                Email = Email,
                PhoneNumber = PhoneNumber,
                DateAgreed = DateAgreed,
            }));

        protected override void EndProcessing() => _bulk!.Finish();
    }
}
