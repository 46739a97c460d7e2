using System.Management.Automation;
using CloudBlueMca.Engine;

namespace CloudBlueMca.Infrastructure
{
    /// <summary>
    /// Base of the cmdlets that call CloudBlue: the <c>-Connection</c> parameter and the lookup of
    /// the connection to use (explicit, else the runspace default set by Connect-CloudBlue).
    /// </summary>
    public abstract class CloudBlueCmdlet : CloudBlueMcaCmdlet
    {
        /// <summary>The default connection of each runspace, set by Connect-CloudBlue.</summary>
        internal static RunspaceConnections<CloudBlueConnection> DefaultConnections { get; } = new RunspaceConnections<CloudBlueConnection>();

        /// <summary>A connection from Connect-CloudBlue -PassThru; the runspace default when omitted.</summary>
        [Parameter]
        public CloudBlueConnection? Connection { get; set; }

        /// <summary>The connection to use, or a terminating NotConnected error.</summary>
        protected CloudBlueConnection ResolveConnection()
        {
            var connection = Connection ?? DefaultConnections.Current;
            if (connection is null)
            {
                ThrowEngineError(NotConnectedErrors.CloudBlueMissing());
            }
            else if (!connection.IsConnected)
            {
                ThrowEngineError(NotConnectedErrors.CloudBlueClosed(connection.Uri.ToString()));
            }

            return connection!;
        }
    }
}
