using System;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>
    /// App-only tokens (client secret or certificate). AcquireTokenForClient answers from the
    /// application's in-memory cache until the token nears expiry, then asks Entra again.
    /// </summary>
    internal sealed class ClientCredentialTokenSource : ITokenSource
    {
        private readonly IConfidentialClientApplication _application;
        private readonly string[] _scopes;
        private readonly string _calledAuthority;

        public ClientCredentialTokenSource(IConfidentialClientApplication application, string scope, string calledAuthority)
        {
            _application = application;
            _scopes = new[] { scope };
            _calledAuthority = calledAuthority;
        }

        public async Task<PcAccessToken> GetTokenAsync(OperationContext context)
        {
            var result = await MsalFailures.AcquireAsync(() => _application.AcquireTokenForClient(_scopes).ExecuteAsync(context.Cancellation), "Getting an app-only token for " + _scopes[0], _calledAuthority, context.Cancellation).ConfigureAwait(false);
            return new PcAccessToken(result.AccessToken, result.ExpiresOn);
        }
    }
}
