using System;
using System.Security;
using CloudBlueMca.Engine.Http;

namespace CloudBlueMca.Engine.CloudBlue
{
    /// <summary>What Connect-CloudBlue was given.</summary>
    internal sealed class CloudBlueConnectRequest
    {
        public const string DefaultTenantTypeId = "http://www.parallels.com/Office365/Tenant/2.8";

        public CloudBlueConnectRequest(string uri, string consumerKey, SecureString consumerSecret)
        {
            Uri = uri;
            ConsumerKey = consumerKey;
            ConsumerSecret = consumerSecret;
        }

        /// <summary>The brand endpoint as typed; no scheme means https.</summary>
        public string Uri { get; }

        public string ConsumerKey { get; }

        /// <summary>
        /// Stays a SecureString until the signer is built, the last moment its plain text is needed
        /// (HMAC-SHA1 needs the key bytes); after that only the signer's derived key remains.
        /// </summary>
        public SecureString ConsumerSecret { get; }

        public string? ApplicationInstanceId { get; init; }

        public string TenantTypeId { get; init; } = DefaultTenantTypeId;

        public bool SkipCertificateCheck { get; init; }

        /// <summary>
        /// -TimeoutSec: how long one request of the connection may take, the connect probe
        /// included. Null keeps <see cref="Pipeline"/>'s per-request timeout and gives the probe
        /// the shorter <see cref="ConnectProbeTimeout"/>.
        /// </summary>
        public TimeSpan? Timeout { get; init; }

        /// <summary>
        /// The connect requests' timeout when -TimeoutSec is not given: a brand endpoint that
        /// does not answer its version in this long is not usable, and the user learns it in
        /// seconds instead of after the 100-second request timeout.
        /// </summary>
        public static TimeSpan ConnectProbeTimeout { get; } = TimeSpan.FromSeconds(20);

        /// <summary>Retry and timeout settings; tests shorten them.</summary>
        public HttpPipelineOptions Pipeline { get; init; } = new HttpPipelineOptions();
    }
}
