using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using System.Text;
using CloudBlueMca.Engine.Aps;
using CloudBlueMca.Tests.Support;

namespace CloudBlueMca.Tests.Emulator;

/// <summary>Raw HTTP to the emulator's APS routes, signed with the engine's signer (never a second one).</summary>
internal sealed class SignedApsClient : IDisposable
{
    private readonly HttpClient _http = new();
    private readonly Uri _baseUri;
    private readonly OAuth1Signer _signer;

    public SignedApsClient(Uri baseUri, string consumerKey = EmulatorClients.Key, string consumerSecret = EmulatorClients.Secret)
        : this(baseUri, new OAuth1Signer(consumerKey, consumerSecret))
    {
    }

    /// <summary>Signs with a clock that is <paramref name="clockOffset"/> away from this machine's.</summary>
    public SignedApsClient(Uri baseUri, TimeSpan clockOffset)
        : this(baseUri, new OAuth1Signer(EmulatorClients.Key, EmulatorClients.Secret, () => DateTimeOffset.UtcNow + clockOffset, () => Guid.NewGuid().ToString("N")))
    {
    }

    private SignedApsClient(Uri baseUri, OAuth1Signer signer)
    {
        _baseUri = baseUri;
        _signer = signer;
    }

    public Task<HttpResponseMessage> GetAsync(string pathAndQuery) => SendAsync(HttpMethod.Get, pathAndQuery, body: null);

    public Task<HttpResponseMessage> PutAsync(string pathAndQuery, string body) => SendAsync(HttpMethod.Put, pathAndQuery, body);

    /// <summary>The same request without any Authorization header.</summary>
    public Task<HttpResponseMessage> GetUnsignedAsync(string pathAndQuery) => _http.GetAsync(new Uri(_baseUri, pathAndQuery));

    public static async Task<JsonNode?> ReadJsonAsync(HttpResponseMessage response) =>
        JsonNode.Parse(await response.Content.ReadAsStringAsync());

    public void Dispose() => _http.Dispose();

    private Task<HttpResponseMessage> SendAsync(HttpMethod method, string pathAndQuery, string? body)
    {
        var request = new HttpRequestMessage(method, new Uri(_baseUri, pathAndQuery));
        if (body is not null)
        {
            request.Content = new StringContent(body, Encoding.UTF8);
            request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        }

        _signer.Sign(request);
        return _http.SendAsync(request);
    }
}
