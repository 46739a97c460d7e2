using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>
    /// Sends MSAL's requests for <c>https://{authorityHost}/…</c> to
    /// <c>{loopback transport}{authorityHost}/…</c> instead. MSAL itself runs unchanged and
    /// sees an https authority; only the socket it talks to is the local emulator.
    /// </summary>
    internal sealed class LoopbackAuthorityHandler : DelegatingHandler
    {
        private readonly string _authorityHost;
        private readonly Uri _transport;

        public LoopbackAuthorityHandler(string authorityHost, Uri transport, HttpMessageHandler inner)
            : base(inner)
        {
            _authorityHost = authorityHost;
            _transport = transport;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            var uri = request.RequestUri;
            if (uri != null && uri.Scheme == Uri.UriSchemeHttps && string.Equals(uri.Authority, _authorityHost, StringComparison.OrdinalIgnoreCase))
            {
                request.RequestUri = new Uri(_transport, _authorityHost + uri.PathAndQuery);
            }

            return base.SendAsync(request, cancellationToken);
        }
    }
}
