using System;
using System.Threading;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Aps;

namespace CloudBlueMca
{
    /// <summary>
    /// A signed-in CloudBlue Commerce brand endpoint, as Connect-CloudBlue returns it. Holds no
    /// secret in any public member; the signing key lives inside the internal client.
    /// </summary>
    public sealed class CloudBlueConnection
    {
        private int _closed;

        internal CloudBlueConnection(ApsClient client, string? applicationInstanceId, string tenantTypeId, bool skipCertificateCheck, DateTimeOffset connectedAt, TimeSpan requestTimeout)
        {
            Client = client;
            Uri = client.BaseUri;
            ConsumerKey = client.ConsumerKey;
            ApplicationInstanceId = applicationInstanceId;
            TenantTypeId = tenantTypeId;
            SkipCertificateCheck = skipCertificateCheck;
            ConnectedAt = connectedAt;
            TimeoutSec = (int)Math.Ceiling(requestTimeout.TotalSeconds);
        }

        /// <summary>The brand endpoint, e.g. https://cb.example.com/ (any /aps or /aps/2 the user typed removed).</summary>
        public Uri Uri { get; }

        /// <summary>Where requests go: the same as <see cref="Uri"/>; named alike on <see cref="PcConnection"/>.</summary>
        public Uri Endpoint => Uri;

        /// <summary>How requests are signed; CloudBlue's APS REST API offers scripts only OAuth consumer keys.</summary>
        public CloudBlueAuthenticationKind AuthenticationKind => CloudBlueAuthenticationKind.OAuthConsumerKey;

        /// <summary>The OAuth consumer key (not secret: the secret is never kept here).</summary>
        public string ConsumerKey { get; }

        /// <summary>APS ID of the Microsoft 365 application instance; null when it could not be determined.</summary>
        public string? ApplicationInstanceId { get; }

        /// <summary>APS type id of Tenant resources, e.g. http://www.parallels.com/Office365/Tenant/2.8.</summary>
        public string TenantTypeId { get; }

        public bool SkipCertificateCheck { get; }

        /// <summary>When Connect-CloudBlue succeeded (UTC).</summary>
        public DateTimeOffset ConnectedAt { get; }

        /// <summary>Seconds one request may take before it fails with RequestTimedOut (Connect-CloudBlue -TimeoutSec; default 100).</summary>
        public int TimeoutSec { get; }

        /// <summary>False once Disconnect-CloudBlue closed this connection.</summary>
        public bool IsConnected => Volatile.Read(ref _closed) == 0;

        internal ApsClient Client { get; }

        /// <summary>The application instance id, or a clear error for cmdlets that need it (checkAccount).</summary>
        internal string RequireApplicationInstanceId()
        {
            if (ApplicationInstanceId is string id)
            {
                return id;
            }

            throw new CloudBlueMcaException(
                ErrorIds.ApplicationInstanceRequired,
                ErrorKind.InvalidOperation,
                $"This command needs the APS ID of the Microsoft 365 application instance, which was not determined when connecting to {Uri}. Connect again with it: Connect-CloudBlue -Uri '{Uri}' -Credential $credential -ApplicationInstanceId <APS ID>. Your provider can find it in the Provider Control Panel (Services > Applications > APS Connectors > Microsoft 365 > Instances).",
                Uri.ToString());
        }

        /// <summary>Releases the HTTP client; later requests on this connection fail with NotConnected.</summary>
        internal void Close()
        {
            Interlocked.Exchange(ref _closed, 1);
            Client.Dispose();
        }

        public override string ToString() =>
            $"{Uri} (consumer key {ConsumerKey}, application instance {ApplicationInstanceId ?? "not set"})";
    }
}
