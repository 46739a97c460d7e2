using System.Management.Automation;
using CloudBlueMca.Engine.Mca;
using CloudBlueMca.Infrastructure;

namespace CloudBlueMca.Cmdlets.Mca
{
    /// <summary>
    /// Records who accepted the Microsoft Customer Agreement on a Tenant resource of the
    /// Microsoft account (seed 001, steps 3-4). Rows stream through a bulk run: look-ups are
    /// batched and overlap the PUTs, ShouldProcess is asked per row on the pipeline thread, the
    /// approved PUTs run concurrently up to -ThrottleLimit, and each result is written as soon as
    /// it and every earlier row are settled.
    /// </summary>
    [Cmdlet(VerbsLifecycle.Confirm, "McaAcceptance", SupportsShouldProcess = true, ConfirmImpact = ConfirmImpact.Medium)]
    [OutputType(typeof(McaConfirmation))]
    public sealed class ConfirmMcaAcceptanceCommand : CloudBlueCmdlet
    {
        private BulkPipeline<ConfirmationRow>? _bulk;
        private int _rows;

        /// <summary>Internal id of the Microsoft account; wins over InitialSubdomain when both come.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? MsAccountId { get; set; }

        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? InitialSubdomain { get; set; }

        /// <summary>
        /// A plain subdomain string from the pipeline: 'contoso' | Confirm-McaAcceptance @contact,
        /// as with Get-MsAccountInternalId. Any other object binds by property name instead.
        /// </summary>
        /// <remarks>
        /// Not InitialSubdomain itself by value: PowerShell's last-resort binding would convert a
        /// whole CSV row that has only an MsAccountId column into "@{MsAccountId=...}" and bind that
        /// as its subdomain.
        /// </remarks>
        [Parameter(ValueFromPipeline = true)]
        public PSObject? InputObject { get; set; }

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

        [Parameter(Mandatory = true, ValueFromPipelineByPropertyName = true)]
        [Alias("Phone")]
        [AllowEmptyString]
        public string PhoneNumber { get; set; } = string.Empty;

        /// <summary>
        /// A [datetime] or ISO 8601 text (yyyy-MM-dd, optionally with a time), read by
        /// <see cref="Engine.AgreementDate"/>'s rules; not in the future. Default: none given, which
        /// matches a recorded contact of the same person whatever its date, and sends today's
        /// UTC date otherwise. Sent as yyyy-MM-dd.
        /// </summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        [AgreementDateArgument]
        public object? DateAgreed { get; set; }

        /// <summary>The Tenant resource to record the contact on; default: one in aps:ready, else the first.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? TenantResourceId { get; set; }

        [Parameter]
        [ValidateRange(1, McaConfirmationWorkflow.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = McaConfirmationWorkflow.DefaultThrottleLimit;

        /// <summary>Replace a different contact that is already recorded.</summary>
        [Parameter]
        public SwitchParameter Force { get; set; }

        protected override void OnBeginProcessing()
        {
            _bulk = StartBulk(new McaConfirmationWorkflow(ResolveConnection(), Force, ThrottleLimit), ThrottleLimit, "Confirming MCA acceptance");
        }

        protected override void ProcessRecord()
        {
            _bulk!.Add(new ConfirmationRow(++_rows, new ConfirmationRequest
            {
                MsAccountId = MsAccountId,
                InitialSubdomain = InitialSubdomain ?? (MsAccountId == null ? InputObject?.BaseObject as string : null),
                FirstName = FirstName,
                LastName = LastName,
                Email = Email,
                PhoneNumber = PhoneNumber,
                DateAgreed = DateAgreed,
                TenantResourceId = TenantResourceId,
            }));
        }

        protected override void EndProcessing() => _bulk!.Finish();
    }
}
