using System;
using System.Linq;
using System.Management.Automation;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Agreements;
using CloudBlueMca.Engine.Mca;
using CloudBlueMca.Infrastructure;

namespace CloudBlueMca.Cmdlets.PartnerCenter
{
    /// <summary>
    /// Records the partner's attestation that a customer accepted the Microsoft Customer
    /// Agreement (POST /v1/customers/{id}/agreements). Rows are gathered into batches: what
    /// Partner Center already holds is read concurrently, ShouldProcess is asked per row here on
    /// the pipeline thread, then the approved POSTs run concurrently up to -ThrottleLimit, and
    /// results are written in input order.
    /// </summary>
    [Cmdlet(VerbsCommon.New, "PcCustomerAgreement", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(PcAgreementConfirmation))]
    public sealed class NewPcCustomerAgreementCommand : PcCmdlet
    {
        private AgreementWorkflow? _workflow;
        private InputBatches<AgreementRequest>? _batches;

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
            try
            {
                _workflow = new AgreementWorkflow(ResolveConnection(), ThrottleLimit);
            }
            catch (CloudBlueMcaException error)
            {
                ThrowEngineError(error);
            }

            _batches = new InputBatches<AgreementRequest>(AgreementWorkflow.BatchSize, ProcessBatch);
        }

        protected override void ProcessRecord() =>
            _batches!.Add(new[]
            {
                new AgreementRequest
                {
                    CustomerId = CustomerId,
                    FirstName = FirstName,
                    LastName = LastName,
                    Email = Email,
                    PhoneNumber = PhoneNumber,
                    DateAgreed = DateAgreed,
                },
            });

        protected override void EndProcessing() => _batches!.Flush();

        private void ProcessBatch(AgreementRequest[] requests)
        {
            var rows = Run(operation => _workflow!.PlanAsync(requests, operation));
            var approved = rows.Where(row => row.NeedsPost && ShouldProcess(row.Target, row.Action)).ToList();
            Run(operation => _workflow!.ExecuteAsync(rows, approved, operation));
            foreach (var row in rows)
            {
                if (row.Error != null)
                {
                    WriteEngineError(row.Error);
                }
                else if (row.Confirmation != null)
                {
                    WriteObject(row.Confirmation);
                }
            }
        }
    }
}
