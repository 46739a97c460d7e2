using System.Security;

namespace CloudBlueMca.Engine.PartnerCenter
{
    /// <summary>The refresh-token side of the secure application model (reference §2.4), behind Get-PcRefreshToken.</summary>
    public static class PartnerCenterTokens
    {
        /// <summary>
        /// The connection's newest refresh token: each redemption (at Connect-PcService and at
        /// every silent renewal) returns a new one that replaces the old, so an unattended run
        /// stores this one after it has finished. Throws RefreshTokenUnavailable for app-only,
        /// access-token and closed connections, and when the sign-in returned none.
        /// </summary>
        public static SecureString GetRefreshToken(PcConnection connection)
        {
            if (!connection.IsConnected)
            {
                throw Unavailable("This Partner Center connection was closed by Disconnect-PcService, and its tokens with it. Read the refresh token before disconnecting.");
            }

            if (connection.IsAppOnly)
            {
                throw Unavailable($"This connection is app-only ({connection.AuthenticationKind}): client credentials get no refresh token. Refresh tokens come from app+user sign-ins: Connect-PcService interactively, with -UseDeviceAuthentication, or with -RefreshToken.");
            }

            if (connection.AuthenticationKind == PcAuthenticationKind.AccessToken)
            {
                throw Unavailable("This connection was made with -AccessToken, which carries no refresh token. Connect with -RefreshToken, interactively or with -UseDeviceAuthentication to get one.");
            }

            var token = connection.NewestRefreshToken();
            if (string.IsNullOrEmpty(token))
            {
                throw Unavailable($"The sign-in at {connection.Endpoints.Authority(connection.TenantId ?? "organizations")} returned no refresh token. Check that the application may use the offline_access permission, then connect again.");
            }

            var secure = new SecureString();
            foreach (var character in token!)
            {
                secure.AppendChar(character);
            }

            secure.MakeReadOnly();
            return secure;
        }

        private static CloudBlueMcaException Unavailable(string message) =>
            new CloudBlueMcaException(ErrorIds.RefreshTokenUnavailable, ErrorKind.InvalidOperation, message);
    }
}
