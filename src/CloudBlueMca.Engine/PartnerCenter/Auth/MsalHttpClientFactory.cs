using System;
using System.Net.Http;
using CloudBlueMca.Engine.Http;
using Microsoft.Identity.Client;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>
    /// MSAL's HTTP seam for one connection: one HttpClient for the connection's lifetime, routed
    /// through <see cref="LoopbackAuthorityHandler"/> when the authority is the local emulator.
    /// </summary>
    internal sealed class MsalHttpClientFactory : IMsalHttpClientFactory
    {
        private readonly HttpClient _client;

        /// <param name="timeout">Limit of each request to the authority (HttpClient.Timeout).</param>
        public MsalHttpClientFactory(PcEndpoints endpoints, TimeSpan timeout)
        {
            // The sign-in is the first request of Connect-PcService, before any HttpPipeline exists.
            TransportSecurity.EnableModernTlsOnNetFramework();
            HttpMessageHandler handler = new HttpClientHandler();
            if (endpoints.AuthorityTransport != null)
            {
                handler = new LoopbackAuthorityHandler(endpoints.AuthorityHost, endpoints.AuthorityTransport, handler);
            }

            _client = new HttpClient(handler) { Timeout = timeout };
        }

        public HttpClient GetHttpClient() => _client;
    }
}
