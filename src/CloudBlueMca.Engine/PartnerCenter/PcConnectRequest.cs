using System;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using CloudBlueMca.Engine.Http;
using Microsoft.Identity.Client;

namespace CloudBlueMca.Engine.PartnerCenter
{
    /// <summary>
    /// What Connect-PcService collected: the credential kind and its parts, the cloud, and
    /// optional endpoint overrides. Secrets arrive as SecureString and are read only when MSAL
    /// needs them.
    /// </summary>
    public sealed class PcConnectRequest
    {
        public PcAuthenticationKind Kind { get; set; } = PcAuthenticationKind.Interactive;

        /// <summary>One of <see cref="PcEnvironment.All"/> by name.</summary>
        public string Environment { get; set; } = PcEnvironment.AzureCloud;

        public Uri? ApiUri { get; set; }

        public Uri? Authority { get; set; }

        /// <summary>The partner's tenant (id or domain). Interactive and device code default to <c>organizations</c>.</summary>
        public string? TenantId { get; set; }

        /// <summary>Entra application (client) id; interactive and device code default to <see cref="PartnerCenterConnector.DefaultPublicClientId"/>.</summary>
        public string? ApplicationId { get; set; }

        public SecureString? ClientSecret { get; set; }

        public X509Certificate2? Certificate { get; set; }

        public string? CertificateThumbprint { get; set; }

        public SecureString? RefreshToken { get; set; }

        public SecureString? AccessToken { get; set; }

        /// <summary>
        /// -TimeoutSec: how long one request may take, sign-in requests included. Null keeps the
        /// REST calls' 100-second default and gives sign-in requests the shorter
        /// <see cref="SignInTimeout"/>.
        /// </summary>
        public TimeSpan? Timeout { get; set; }

        /// <summary>
        /// Sign-in requests' timeout when -TimeoutSec is not given: an authority that does not
        /// answer a token request in this long is down or blocked, and the user learns it in
        /// seconds instead of after 100.
        /// </summary>
        public static TimeSpan SignInTimeout { get; } = TimeSpan.FromSeconds(20);

        /// <summary>Retry and timeout settings of the connection's REST calls; tests shorten the waits.</summary>
        internal HttpPipelineOptions? PipelineOptions { get; set; }

        /// <summary>The connection's REST pipeline settings, with -TimeoutSec applied.</summary>
        internal HttpPipelineOptions ConnectionPipeline()
        {
            var options = PipelineOptions ?? new HttpPipelineOptions();
            return Timeout is TimeSpan timeout
                ? options with { RequestTimeout = timeout, MaxTotalTime = timeout > options.MaxTotalTime ? timeout : options.MaxTotalTime }
                : options;
        }

        /// <summary>Timeout of each request to the authority.</summary>
        internal TimeSpan SignInRequestTimeout => Timeout ?? SignInTimeout;

        /// <summary>Whether the interactive flow may open a browser; tests replace it to exercise the device-code fallback.</summary>
        internal Func<IPublicClientApplication, bool> CanOpenBrowser { get; set; } = Auth.InteractiveSignIn.CanOpenSystemBrowser;
    }
}
