using System;
using System.Linq;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>Rejects, at connect time, an access token Partner Center would reject on every call.</summary>
    internal static class AccessTokenCheck
    {
        public static void RequireUsable(AccessTokenClaims claims, PcEnvironment environment)
        {
            if (claims.ExpiresOn is DateTimeOffset expires && expires <= DateTimeOffset.UtcNow)
            {
                throw new CloudBlueMcaException(
                    ErrorIds.InvalidAccessToken,
                    ErrorKind.AuthenticationError,
                    $"The access token expired at {expires:u}. Get a new one, or connect with a credential that renews itself (-RefreshToken, -Credential, -Certificate).");
            }

            // v1 tokens carry the application id URI as audience, v2 tokens the resource app's id.
            var accepted = new[] { environment.Resource, environment.Resource + "/", PcEnvironment.PartnerCenterAppId };
            if (claims.Audience == null || !accepted.Contains(claims.Audience, StringComparer.OrdinalIgnoreCase))
            {
                throw new CloudBlueMcaException(
                    ErrorIds.InvalidAccessToken,
                    ErrorKind.AuthenticationError,
                    $"The access token is for audience '{claims.Audience}', but Partner Center {environment.Name} only accepts tokens for {environment.Resource} (it answers others with 401, code 900420; Azure AD Graph tokens for https://graph.windows.net are no longer accepted). Request scope {environment.AppOnlyScope} (app-only) or {environment.DelegatedScope} (app+user).");
            }
        }
    }
}
