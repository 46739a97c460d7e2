using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Emulator;

/// <summary>The emulator's Partner Center API over plain HTTP: bearer checks and header echo.</summary>
public sealed class PartnerCenterApiTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public PartnerCenterApiTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    [Theory]
    [InlineData(null, "800001")]
    [InlineData("not-a-jwt", "900420")]
    public async Task RequestsWithoutAValidTokenGet401WithTheDocumentedCode(string? token, string code)
    {
        using var response = await GetCustomerAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(code, (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]);
        Assert.Contains("OAuth realm=", response.Headers.WwwAuthenticate.ToString());
    }

    [Fact]
    public async Task AnExpiredTokenGets401()
    {
        var token = _fixture.Host.PartnerCenter.IssueAccessToken(TimeSpan.FromSeconds(-5));

        using var response = await GetCustomerAsync(token);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("expired", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task RequestAndCorrelationIdsAreEchoed()
    {
        using var response = await GetCustomerAsync(_fixture.Host.PartnerCenter.IssueAccessToken(TimeSpan.FromMinutes(5)), "11111111-1111-1111-1111-111111111111", "22222222-2222-2222-2222-222222222222");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("11111111-1111-1111-1111-111111111111", response.Headers.GetValues("MS-RequestId").Single());
        Assert.Equal("22222222-2222-2222-2222-222222222222", response.Headers.GetValues("MS-CorrelationId").Single());
    }

    [Fact]
    public async Task ACustomerIdThatIsNotAGuidGets400With900118()
    {
        using var client = new HttpClient { BaseAddress = _fixture.Host.BaseUri };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _fixture.Host.PartnerCenter.IssueAccessToken(TimeSpan.FromMinutes(5)));

        using var response = await client.GetAsync("v1/customers/not-a-guid");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("900118", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]);
    }

    private async Task<HttpResponseMessage> GetCustomerAsync(string? token, string? requestId = null, string? correlationId = null)
    {
        using var client = new HttpClient { BaseAddress = _fixture.Host.BaseUri };
        using var request = new HttpRequestMessage(HttpMethod.Get, "v1/customers/3f8a1aff-6a93-4b2c-b734-93b66497af4c");
        if (token != null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        if (requestId != null)
        {
            request.Headers.Add("MS-RequestId", requestId);
            request.Headers.Add("MS-CorrelationId", correlationId);
        }

        return await client.SendAsync(request);
    }
}
