using System;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Identity.Client;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>
    /// Builds the one MSAL application a connection uses. Its token cache is MSAL's default
    /// in-memory cache, so tokens live exactly as long as the connection and never touch disk.
    /// </summary>
    internal static class MsalApplications
    {
        /// <summary>Registered on the public client for the interactive flow (system browser, any free port).</summary>
        private const string LoopbackRedirectUri = "http://localhost";

        public static IPublicClientApplication Public(string clientId, string tenant, PcEndpoints endpoints, TimeSpan requestTimeout) =>
            Common(PublicClientApplicationBuilder.Create(clientId), tenant, endpoints, requestTimeout)
                .WithRedirectUri(LoopbackRedirectUri)
                .Build();

        public static IConfidentialClientApplication Confidential(string clientId, string tenant, PcEndpoints endpoints, ClientCredential credential, TimeSpan requestTimeout)
        {
            var builder = Common(ConfidentialClientApplicationBuilder.Create(clientId), tenant, endpoints, requestTimeout);
            builder = credential.Certificate != null
                ? builder.WithCertificate(credential.Certificate)
                : builder.WithClientSecret(credential.Secret);
            return builder.Build();
        }

        private static T Common<T>(T builder, string tenant, PcEndpoints endpoints, TimeSpan requestTimeout)
            where T : AbstractApplicationBuilder<T> =>
            builder
                .WithAuthority(endpoints.Authority(tenant), validateAuthority: !endpoints.IsCustomAuthority)
                .WithInstanceDiscovery(!endpoints.IsCustomAuthority)
                .WithHttpClientFactory(new MsalHttpClientFactory(endpoints, requestTimeout))
                .WithClientName("CloudBlueMca")
                .WithClientVersion(ClientVersion);

        private static string ClientVersion => typeof(MsalApplications).Assembly.GetName().Version?.ToString() ?? "0.0.0";
    }

    /// <summary>How a confidential application proves itself: a secret or a certificate with its private key.</summary>
    internal sealed class ClientCredential
    {
        private ClientCredential(string? secret, X509Certificate2? certificate)
        {
            Secret = secret ?? string.Empty;
            Certificate = certificate;
        }

        public string Secret { get; }

        public X509Certificate2? Certificate { get; }

        public static ClientCredential FromSecret(string secret) => new ClientCredential(secret, null);

        public static ClientCredential FromCertificate(X509Certificate2 certificate) => new ClientCredential(null, certificate);
    }
}
