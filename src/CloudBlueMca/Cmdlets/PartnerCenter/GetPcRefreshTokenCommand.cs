using System.Management.Automation;
using System.Security;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Infrastructure;

namespace CloudBlueMca.Cmdlets.PartnerCenter
{
    /// <summary>
    /// Returns the connection's newest refresh token as a SecureString, so an unattended runbook
    /// can store the token Entra rotated during the run (secure application model).
    /// </summary>
    [Cmdlet(VerbsCommon.Get, "PcRefreshToken")]
    [OutputType(typeof(SecureString))]
    public sealed class GetPcRefreshTokenCommand : PcCmdlet
    {
        protected override void EndProcessing()
        {
            var connection = ResolveConnection();
            try
            {
                WriteObject(PartnerCenterTokens.GetRefreshToken(connection));
            }
            catch (CloudBlueMcaException error)
            {
                ThrowEngineError(error);
            }
        }
    }
}
