using System.Management.Automation;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Infrastructure;

namespace CloudBlueMca.Cmdlets.PartnerCenter
{
    /// <summary>
    /// Forgets this runspace's default Partner Center connection and drops its tokens. Other
    /// runspaces are unaffected.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "PcService")]
    [OutputType(typeof(void))]
    public sealed class DisconnectPcServiceCommand : CloudBlueMcaCmdlet
    {
        protected override void EndProcessing()
        {
            var connection = PcCmdlet.DefaultConnections.Current;
            if (connection is null)
            {
                WriteVerbose("There is no Partner Center connection in this runspace.");
                return;
            }

            PcCmdlet.DefaultConnections.Current = null;
            PartnerCenterConnector.Disconnect(connection);
            WriteVerbose($"Disconnected from {connection}.");
        }
    }
}
