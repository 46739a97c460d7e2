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

        public MsalHttpClientFactory(PcEndpoints endpoints)
        {
            // The sign-in is the first request of Connect-PcService, before any HttpPipeline exists.
            TransportSecurity.EnableModernTlsOnNetFramework();
            HttpMessageHandler handler = new HttpClientHandler();
            if (endpoints.AuthorityTransport != null)
            {
                handler = new LoopbackAuthorityHandler(endpoints.AuthorityHost, endpoints.AuthorityTransport, handler);
            }

            _client = new HttpClient(handler);
        }

        public HttpClient GetHttpClient() => _client;
    }
}
