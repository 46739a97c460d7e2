using System.Management.Automation;
using CloudBlueMca.Infrastructure;

namespace CloudBlueMca.Cmdlets.CloudBlue
{
    /// <summary>
    /// Closes a CloudBlue connection and releases its HTTP client: the one passed with
    /// -Connection (a Connect-CloudBlue -PassThru result), else this runspace's default. The
    /// runspace default is forgotten when it is the one closed; other runspaces are unaffected.
    /// </summary>
    [Cmdlet(VerbsCommunications.Disconnect, "CloudBlue")]
    [OutputType(typeof(void))]
    public sealed class DisconnectCloudBlueCommand : CloudBlueMcaCmdlet
    {
        /// <summary>The connection to close; the runspace default when omitted.</summary>
        [Parameter(ValueFromPipeline = true)]
        public CloudBlueConnection? Connection { get; set; }

        protected override void ProcessRecord()
        {
            var connection = Connection ?? CloudBlueCmdlet.DefaultConnections.Current;
            if (connection is null)
            {
                WriteVerbose("There is no CloudBlue connection in this runspace.");
                return;
            }

            if (ReferenceEquals(connection, CloudBlueCmdlet.DefaultConnections.Current))
            {
                CloudBlueCmdlet.DefaultConnections.Current = null;
            }

            connection.Close();
            WriteVerbose($"Disconnected from {connection.Uri}.");
        }
    }
}
