using System;
using System.Threading.Tasks;
using CloudBlueMca.Engine.PartnerCenter.Auth;
using Microsoft.Identity.Client;
using ClientCredential = CloudBlueMca.Engine.PartnerCenter.Auth.ClientCredential;

namespace CloudBlueMca.Engine.PartnerCenter
{
    /// <summary>
    /// Signs in to Partner Center with one of the credential kinds and returns the connection.
    /// Every kind acquires its first token here, so a wrong secret, tenant or audience fails at
    /// Connect-PcService rather than at the first Get-PcCustomer.
    /// </summary>
    public static class PartnerCenterConnector
    {
        /// <summary>
        /// Public client for interactive and device-code sign-in when no -ApplicationId is given:
        /// the first-party Azure CLI client the archived PartnerCenter module used for the same
        /// purpose. It is pre-consented in every tenant and can obtain Partner Center
        /// user_impersonation tokens (reference §2.6), so users need no app registration of their
        /// own to start; a partner that wants its own app passes -ApplicationId.
        /// </summary>
        public const string DefaultPublicClientId = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

        private const string AnyOrganization = "organizations";

        public static async Task<PcConnection> ConnectAsync(PcConnectRequest request, OperationContext context)
        {
            var endpoints = PcEndpoints.Resolve(PcEnvironment.Get(request.Environment), request.ApiUri, request.Authority);
            switch (request.Kind)
            {
                case PcAuthenticationKind.Interactive:
                case PcAuthenticationKind.DeviceCode:
                    return await ConnectUserAsync(request, endpoints, context).ConfigureAwait(false);
                case PcAuthenticationKind.ClientSecret:
                case PcAuthenticationKind.Certificate:
                    return await ConnectAppOnlyAsync(request, endpoints, context).ConfigureAwait(false);
                case PcAuthenticationKind.RefreshToken:
                    return await ConnectWithRefreshTokenAsync(request, endpoints, context).ConfigureAwait(false);
                case PcAuthenticationKind.AccessToken:
                    return ConnectWithAccessToken(request, endpoints, context);
                default:
                    throw new CloudBlueMcaException(ErrorIds.InvalidCredential, ErrorKind.InvalidArgument, $"Unknown authentication kind '{request.Kind}'.");
            }
        }

        /// <summary>Closes the connection: its tokens and MSAL cache are dropped and it cannot be used again.</summary>
        public static void Disconnect(PcConnection connection) => connection.Close();

        private static async Task<PcConnection> ConnectUserAsync(PcConnectRequest request, PcEndpoints endpoints, OperationContext context)
        {
            var clientId = RequireApplicationId(request.ApplicationId ?? DefaultPublicClientId);
            var tenant = string.IsNullOrWhiteSpace(request.TenantId) ? AnyOrganization : request.TenantId!.Trim();
            var scope = endpoints.Environment.DelegatedScope;
            var application = MsalApplications.Public(clientId, tenant, endpoints, request.SignInRequestTimeout);
            var authority = endpoints.CalledAuthority(tenant);
            LogSigningIn(context, request, authority, scope);

            var result = await MsalFailures.AcquireAsync(
                    () => request.Kind == PcAuthenticationKind.DeviceCode
                        ? DeviceCodeSignIn.SignInAsync(application, scope, context)
                        : new InteractiveSignIn(request.CanOpenBrowser).SignInAsync(application, scope, context),
                    "Signing in to Partner Center",
                    authority,
                    context.Cancellation)
                .ConfigureAwait(false);
            return UserConnection(request, endpoints, clientId, application, authority, result, scope, context);
        }

        private static async Task<PcConnection> ConnectAppOnlyAsync(PcConnectRequest request, PcEndpoints endpoints, OperationContext context)
        {
            var clientId = RequireApplicationId(request.ApplicationId);
            var tenant = RequireTenant(request.TenantId, appOnly: true);
            var credential = request.Kind == PcAuthenticationKind.ClientSecret
                ? ClientCredential.FromSecret(RequireSecret(request))
                : ClientCredential.FromCertificate(ResolveCertificate(request)
                    ?? throw new CloudBlueMcaException(ErrorIds.InvalidCredential, ErrorKind.InvalidArgument, "A certificate sign-in needs -Certificate or -CertificateThumbprint."));
            var scope = endpoints.Environment.AppOnlyScope;
            var application = MsalApplications.Confidential(clientId, tenant, endpoints, credential, request.SignInRequestTimeout);
            var authority = endpoints.CalledAuthority(tenant);
            LogSigningIn(context, request, authority, scope);

            var tokens = new ClientCredentialTokenSource(application, scope, authority);
            var first = await tokens.GetTokenAsync(context).ConfigureAwait(false);
            return Connected(new PcConnection(endpoints, request.Kind, tenant, clientId, isAppOnly: true, account: null, tokens, first, request.ConnectionPipeline()), context);
        }

        private static async Task<PcConnection> ConnectWithRefreshTokenAsync(PcConnectRequest request, PcEndpoints endpoints, OperationContext context)
        {
            var clientId = RequireApplicationId(request.ApplicationId);
            var tenant = RequireTenant(request.TenantId, appOnly: false);
            var refreshToken = request.RefreshToken == null ? string.Empty : SecureStrings.Reveal(request.RefreshToken);
            if (refreshToken.Length == 0)
            {
                throw new CloudBlueMcaException(ErrorIds.InvalidCredential, ErrorKind.InvalidArgument, "-RefreshToken is empty. Pass the refresh token stored after the secure application model's consent step.");
            }

            // A confidential (web) app must prove itself on every refresh (AADSTS7000218 otherwise);
            // a public (native) app must not (reference §2.4).
            var certificate = ResolveCertificate(request);
            var scope = endpoints.Environment.DelegatedScope;
            var timeout = request.SignInRequestTimeout;
            IClientApplicationBase application = request.ClientSecret != null
                ? MsalApplications.Confidential(clientId, tenant, endpoints, ClientCredential.FromSecret(RequireSecret(request)), timeout)
                : certificate != null
                    ? MsalApplications.Confidential(clientId, tenant, endpoints, ClientCredential.FromCertificate(certificate), timeout)
                    : (IClientApplicationBase)MsalApplications.Public(clientId, tenant, endpoints, timeout);
            var authority = endpoints.CalledAuthority(tenant);
            LogSigningIn(context, request, authority, scope);

            var result = await MsalFailures.AcquireAsync(
                    () => ((IByRefreshToken)application).AcquireTokenByRefreshToken(new[] { scope }, refreshToken).ExecuteAsync(context.Cancellation),
                    "Redeeming the refresh token",
                    authority,
                    context.Cancellation)
                .ConfigureAwait(false);
            return UserConnection(request, endpoints, clientId, application, authority, result, scope, context);
        }

        private static PcConnection ConnectWithAccessToken(PcConnectRequest request, PcEndpoints endpoints, OperationContext context)
        {
            var token = request.AccessToken == null ? string.Empty : SecureStrings.Reveal(request.AccessToken).Trim();
            if (token.Length == 0)
            {
                throw new CloudBlueMcaException(ErrorIds.InvalidAccessToken, ErrorKind.InvalidArgument, "-AccessToken is empty.");
            }

            // Entra issues Partner Center tokens as JWTs; anything else (a refresh token, a secret,
            // a truncated paste) would fail only at the first call, far from its cause.
            var claims = AccessTokenClaims.Read(token)
                ?? throw new CloudBlueMcaException(
                    ErrorIds.InvalidAccessToken,
                    ErrorKind.InvalidArgument,
                    "-AccessToken is not a JSON Web Token (three base64url parts separated by dots, as Entra ID issues for Partner Center), so Partner Center would refuse it. Pass the access_token value of a token response for the Partner Center API, not a refresh token or a secret.");
            AccessTokenCheck.RequireUsable(claims, endpoints.Environment);

            var first = new PcAccessToken(token, claims.ExpiresOn);
            return Connected(
                new PcConnection(endpoints, PcAuthenticationKind.AccessToken, request.TenantId ?? claims.TenantId, claims.ApplicationId, claims.IsAppOnly, claims.Account, new StaticTokenSource(first), first, request.ConnectionPipeline()),
                context);
        }

        private static PcConnection UserConnection(PcConnectRequest request, PcEndpoints endpoints, string clientId, IClientApplicationBase application, string authority, AuthenticationResult result, string scope, OperationContext context)
        {
            if (result.Account == null)
            {
                throw new CloudBlueMcaException(
                    ErrorIds.AuthenticationFailed,
                    ErrorKind.AuthenticationError,
                    $"The sign-in at {authority} returned no account, so its token could not be renewed later. Check that the application is registered for user sign-in.");
            }

            var tokens = new UserTokenSource(application, result.Account, scope, authority);
            var first = new PcAccessToken(result.AccessToken, result.ExpiresOn);
            return Connected(new PcConnection(endpoints, request.Kind, result.TenantId, clientId, isAppOnly: false, result.Account.Username, tokens, first, request.ConnectionPipeline()), context);
        }

        private static System.Security.Cryptography.X509Certificates.X509Certificate2? ResolveCertificate(PcConnectRequest request)
        {
            if (request.Certificate != null)
            {
                return CertificateLocator.RequirePrivateKey(request.Certificate);
            }

            return string.IsNullOrWhiteSpace(request.CertificateThumbprint) ? null : CertificateLocator.Find(request.CertificateThumbprint!);
        }

        private static string RequireSecret(PcConnectRequest request)
        {
            var secret = request.ClientSecret == null ? string.Empty : SecureStrings.Reveal(request.ClientSecret);
            return secret.Length > 0
                ? secret
                : throw new CloudBlueMcaException(ErrorIds.InvalidCredential, ErrorKind.InvalidArgument, "The client secret is empty: -Credential's password must be the application's secret value.");
        }

        private static string RequireApplicationId(string? applicationId)
        {
            var trimmed = applicationId?.Trim();
            return Guid.TryParse(trimmed, out _)
                ? trimmed!
                : throw new CloudBlueMcaException(
                    ErrorIds.InvalidCredential,
                    ErrorKind.InvalidArgument,
                    $"'{applicationId}' is not an application id: Entra application (client) ids are GUIDs (with -Credential, the user name is the application id).",
                    applicationId);
        }

        private static string RequireTenant(string? tenantId, bool appOnly)
        {
            var tenant = tenantId?.Trim();
            if (string.IsNullOrEmpty(tenant))
            {
                throw new CloudBlueMcaException(ErrorIds.InvalidCredential, ErrorKind.InvalidArgument, "-TenantId is required for this credential: give the partner's tenant id or its .onmicrosoft.com domain.");
            }

            if (appOnly && (string.Equals(tenant, AnyOrganization, StringComparison.OrdinalIgnoreCase) || string.Equals(tenant, "common", StringComparison.OrdinalIgnoreCase)))
            {
                throw new CloudBlueMcaException(ErrorIds.InvalidCredential, ErrorKind.InvalidArgument, $"-TenantId '{tenant}' cannot be used for app-only sign-in: give the partner's own tenant id or domain.", tenant);
            }

            return tenant!;
        }

        private static void LogSigningIn(OperationContext context, PcConnectRequest request, string authority, string scope) =>
            context.Log.Verbose($"Partner Center sign-in ({request.Kind}) at {authority} for scope {scope}; sign-in requests time out after {request.SignInRequestTimeout.TotalSeconds:0} s.");

        private static PcConnection Connected(PcConnection connection, OperationContext context)
        {
            context.Log.Verbose($"Connected: {connection}; API {connection.ApiUri}; token expires {connection.ExpiresOn?.ToString("u") ?? "(unknown)"}.");
            return connection;
        }
    }
}
