using System.Management.Automation;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Infrastructure;

namespace CloudBlueMca.Cmdlets.PartnerCenter
{
    /// <summary>
    /// Closes a Partner Center connection and drops its tokens: the one passed with -Connection
    /// (a Connect-PcService -PassThru result), else this runspace's default. The runspace default
    /// is forgotten when it is the one closed; other runspaces are unaffected.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "PcService")]
    [OutputType(typeof(void))]
    public sealed class DisconnectPcServiceCommand : CloudBlueMcaCmdlet
    {
        /// <summary>The connection to close; the runspace default when omitted.</summary>
        [Parameter(ValueFromPipeline = true)]
        public PcConnection? Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = Connection ?? PcCmdlet.DefaultConnections.Current;
            if (connection is null)
            {
                WriteVerbose("There is no Partner Center connection in this runspace.");
                return;
            }

            if (ReferenceEquals(connection, PcCmdlet.DefaultConnections.Current))
            {
                PcCmdlet.DefaultConnections.Current = null;
            }

            PartnerCenterConnector.Disconnect(connection);
            WriteVerbose($"Disconnected from {connection}.");
        }
    }
}
