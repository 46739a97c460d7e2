using System;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>
    /// App+user tokens after a sign-in (interactive, device code, refresh token): every call asks
    /// MSAL silently for the signed-in account, which redeems the cached refresh token when the
    /// access token nears expiry.
    /// </summary>
    internal sealed class UserTokenSource : ITokenSource
    {
        private readonly IClientApplicationBase _application;
        private readonly IAccount _account;
        private readonly string[] _scopes;
        private readonly string _calledAuthority;

        public UserTokenSource(IClientApplicationBase application, IAccount account, string scope, string calledAuthority)
        {
            _application = application;
            _account = account;
            _scopes = new[] { scope };
            _calledAuthority = calledAuthority;
        }

        public async Task<PcAccessToken> GetTokenAsync(OperationContext context)
        {
            var result = await MsalFailures.AcquireAsync(() => _application.AcquireTokenSilent(_scopes, _account).ExecuteAsync(context.Cancellation), "Renewing the token of " + _account.Username, _calledAuthority, context.Cancellation).ConfigureAwait(false);
            return new PcAccessToken(result.AccessToken, result.ExpiresOn);
        }
    }
}
