using System.Linq;
using System.Management.Automation;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Mca;
using CloudBlueMca.Infrastructure;

namespace CloudBlueMca.Cmdlets.Mca
{
    /// <summary>
    /// Checks whether the Microsoft Customer Agreement still has to be accepted for the
    /// Microsoft accounts of a customer account (seed 001, step 2).
    /// </summary>
    /// <remarks>
    /// A piped <see cref="MsAccount"/> binds AccountId and InitialSubdomain. An MsAccount whose
    /// AccountId is null (the platform did not return the account link) cannot bind the
    /// mandatory [int] AccountId: PowerShell then writes a parameter-binding error for that
    /// object only and goes on with the next. That is deliberate: guessing an account would
    /// check the wrong customer.
    /// Pipeline input streams through a bulk run with up to -ThrottleLimit checkAccount calls
    /// overlapping, so thousands of accounts do not cost thousands of sequential round trips;
    /// each input's results are written as soon as it and every earlier input are answered.
    /// -Quiet writes one bool per input: $true when no matched tenant still requires
    /// acceptance, $false when one does or when the account or tenant is not found. A request
    /// failure (network, permission) writes an error instead, because no answer is known.
    /// </remarks>
    [Cmdlet(VerbsDiagnostic.Test, "McaAcceptance")]
    [OutputType(typeof(McaAcceptanceStatus), typeof(bool))]
    public sealed class TestMcaAcceptanceCommand : CloudBlueCmdlet
    {
        private BulkPipeline<AcceptanceCheckRow>? _bulk;

        /// <summary>System id of the customer account, e.g. 1000011.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, int.MaxValue)]
        public int AccountId { get; set; }

        /// <summary>Only the tenant whose domain's first label is exactly this.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? InitialSubdomain { get; set; }

        [Parameter]
        public SwitchParameter Quiet { get; set; }

        /// <summary>Most checkAccount calls in flight at once.</summary>
        [Parameter]
        [ValidateRange(1, McaConfirmationWorkflow.MaxThrottleLimit)]
        public int ThrottleLimit { get; set; } = McaConfirmationWorkflow.DefaultThrottleLimit;

        protected override void OnBeginProcessing()
        {
            try
            {
                _bulk = StartBulk(new McaAcceptanceCheck(ResolveConnection(), ThrottleLimit), ThrottleLimit, "Checking MCA acceptance", Write);
            }
            catch (CloudBlueMcaException error)
            {
                ThrowEngineError(error);
            }
        }

        protected override void ProcessRecord() => _bulk!.Add(new AcceptanceCheckRow(new AcceptanceCheckRequest(AccountId, InitialSubdomain)));

        protected override void EndProcessing() => _bulk!.Finish();

        private void Write(AcceptanceCheckRow row)
        {
            if (!Quiet)
            {
                WriteRow(row);
            }
            else if (row.Error is CloudBlueMcaException error)
            {
                if (error.Kind == ErrorKind.ObjectNotFound)
                {
                    WriteObject(false);
                }
                else
                {
                    WriteEngineError(error);
                }
            }
            else
            {
                WriteObject(row.Output.Cast<McaAcceptanceStatus>().All(s => !s.AcceptanceRequired));
            }
        }
    }
}
