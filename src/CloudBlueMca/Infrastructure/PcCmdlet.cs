using System.Management.Automation;
using CloudBlueMca.Engine;

namespace CloudBlueMca.Infrastructure
{
    /// <summary>
    /// Base of the cmdlets that call Partner Center: the <c>-Connection</c> parameter and the lookup
    /// of the connection to use (explicit, else the runspace default set by Connect-PcService).
    /// </summary>
    public abstract class PcCmdlet : CloudBlueMcaCmdlet
    {
        /// <summary>The default connection of each runspace, set by Connect-PcService.</summary>
        internal static RunspaceConnections<PcConnection> DefaultConnections { get; } = new RunspaceConnections<PcConnection>();

        /// <summary>A connection from Connect-PcService -PassThru; the runspace default when omitted.</summary>
        [Parameter]
        public PcConnection? Connection { get; set; }

        /// <summary>The connection to use, or a terminating NotConnected error.</summary>
        protected PcConnection ResolveConnection()
        {
            var connection = Connection ?? DefaultConnections.Current;
            if (connection is null)
            {
                ThrowEngineError(NotConnectedErrors.PartnerCenterMissing());
            }
            else if (!connection.IsConnected)
            {
                ThrowEngineError(NotConnectedErrors.PartnerCenterClosed(connection.ApiUri.ToString()));
            }

            return connection!;
        }
    }
}
