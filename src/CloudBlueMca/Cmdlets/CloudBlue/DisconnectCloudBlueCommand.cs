using System.Management.Automation;
using CloudBlueMca.Infrastructure;

namespace CloudBlueMca.Cmdlets.CloudBlue
{
    /// <summary>
    /// Forgets this runspace's default CloudBlue connection and releases its HTTP client. Other
    /// runspaces and connections kept in variables from other Connect-CloudBlue calls are unaffected.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "CloudBlue")]
    [OutputType(typeof(void))]
    public sealed class DisconnectCloudBlueCommand : CloudBlueMcaCmdlet
    {
        protected override void EndProcessing()
        {
            var connection = CloudBlueCmdlet.DefaultConnections.Current;
            if (connection is null)
            {
                WriteVerbose("There is no CloudBlue connection in this runspace.");
                return;
            }

            CloudBlueCmdlet.DefaultConnections.Current = null;
            connection.Close();
            WriteVerbose($"Disconnected from {connection.Uri}.");
        }
    }
}
