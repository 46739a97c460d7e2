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
    /// Pipeline input is gathered and checked in batches with the checkAccount calls
    /// overlapping, so thousands of accounts do not cost thousands of sequential round trips;
    /// results are written in input order.
    /// -Quiet writes one bool per input: $true when no matched tenant still requires
    /// acceptance, $false when one does or when the account or tenant is not found. A request
    /// failure (network, permission) writes an error instead, because no answer is known.
    /// </remarks>
    [Cmdlet(VerbsDiagnostic.Test, "McaAcceptance")]
    [OutputType(typeof(McaAcceptanceStatus), typeof(bool))]
    public sealed class TestMcaAcceptanceCommand : BatchingCloudBlueCmdlet<AcceptanceCheckRequest>
    {
        private McaAcceptanceCheck? _check;

        /// <summary>System id of the customer account, e.g. 1000011.</summary>
        [Parameter(Mandatory = true, Position = 0, ValueFromPipelineByPropertyName = true)]
        [ValidateRange(1, int.MaxValue)]
        public int AccountId { get; set; }

        /// <summary>Only the tenant whose domain's first label is exactly this.</summary>
        [Parameter(ValueFromPipelineByPropertyName = true)]
        public string? InitialSubdomain { get; set; }

        [Parameter]
        public SwitchParameter Quiet { get; set; }

        protected override void OnBeginProcessing()
        {
            try
            {
                _check = new McaAcceptanceCheck(ResolveConnection());
            }
            catch (CloudBlueMcaException error)
            {
                ThrowEngineError(error);
            }
        }

        protected override int BatchSize => McaAcceptanceCheck.BatchSize;

        protected override void ProcessRecord() => Enqueue(new AcceptanceCheckRequest(AccountId, InitialSubdomain));

        protected override void ProcessBatch(AcceptanceCheckRequest[] requests)
        {
            foreach (var result in Run(operation => _check!.CheckAllAsync(requests, operation)))
            {
                if (result.Error is CloudBlueMcaException error)
                {
                    if (Quiet && error.Kind == ErrorKind.ObjectNotFound)
                    {
                        WriteObject(false);
                    }
                    else
                    {
                        WriteEngineError(error);
                    }
                }
                else if (Quiet)
                {
                    WriteObject(result.Statuses.All(s => !s.AcceptanceRequired));
                }
                else
                {
                    foreach (var status in result.Statuses)
                    {
                        WriteObject(status);
                    }
                }
            }
        }
    }
}
