using System;
using System.Threading.Tasks;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>An access token the user supplied: used as is until it expires, never renewed.</summary>
    internal sealed class StaticTokenSource : ITokenSource
    {
        private readonly PcAccessToken _token;

        public StaticTokenSource(PcAccessToken token)
        {
            _token = token;
        }

        public Task<PcAccessToken> GetTokenAsync(OperationContext context)
        {
            if (_token.ExpiresOn is DateTimeOffset expires && expires <= DateTimeOffset.UtcNow)
            {
                throw new CloudBlueMcaException(
                    ErrorIds.InvalidAccessToken,
                    ErrorKind.AuthenticationError,
                    $"The access token given to Connect-PcService expired at {expires:u} and cannot be renewed. Connect again with a new token, or with a credential that renews itself (-RefreshToken, -Credential, -Certificate).");
            }

            return Task.FromResult(_token);
        }
    }
}
