using System.Net;
using System.Text.Json.Nodes;
using CloudBlueMca.Emulator.Aps;
using CloudBlueMca.Emulator.Hosting;
using Xunit;

namespace CloudBlueMca.Tests.Emulator;

/// <summary>The APS routes over real HTTP on 127.0.0.1, signed by the engine's OAuth signer.</summary>
public class ApsEndpointsTests : IAsyncLifetime
{
    private const string TenantType = "http://www.parallels.com/Office365/Tenant/2.8";
    private const string AppInstance = "498c7d95-54ef-45c1-9877-da03ec230993";

    private EmulatorHost _host = null!;
    private SignedApsClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await EmulatorHost.StartAsync();
        _client = new SignedApsClient(_host.BaseUri);
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task TheVersionProbeNeedsAValidSignature()
    {
        var signed = await _client.GetAsync("aps");
        Assert.Equal(HttpStatusCode.OK, signed.StatusCode);
        Assert.Equal("2.0", (await SignedApsClient.ReadJsonAsync(signed))!["version"]!.GetValue<string>());
        Assert.Equal("true", signed.Headers.GetValues("X-APSBooster-Response").Single());

        await AssertAuthenticationFailedAsync(await _client.GetUnsignedAsync("aps"), "no OAuth Authorization header");
        using var wrongSecret = new SignedApsClient(_host.BaseUri, "demo-key", "wrong-secret");
        await AssertAuthenticationFailedAsync(await wrongSecret.GetAsync("aps"), "Invalid signature");
        using var unknownKey = new SignedApsClient(_host.BaseUri, "nobody", "demo-secret");
        await AssertAuthenticationFailedAsync(await unknownKey.GetAsync("aps/2/resources/" + AppInstance), "Unknown consumer key");
    }

    [Theory]
    [InlineData(-6)]
    [InlineData(6)]
    [InlineData(-60)]
    public async Task ASignatureFromAClockMoreThanFiveMinutesOffIsRejected(int minutesOff)
    {
        using var skewed = new SignedApsClient(_host.BaseUri, TimeSpan.FromMinutes(minutesOff));

        await AssertAuthenticationFailedAsync(await skewed.GetAsync("aps"), "oauth_timestamp is more than 5 minutes away");
    }

    [Theory]
    [InlineData(-4)]
    [InlineData(4)]
    public async Task ASignatureFromAClockWithinFiveMinutesIsAccepted(int minutesOff)
    {
        using var skewed = new SignedApsClient(_host.BaseUri, TimeSpan.FromMinutes(minutesOff));

        Assert.Equal(HttpStatusCode.OK, (await skewed.GetAsync("aps")).StatusCode);
    }

    [Theory]
    [InlineData("aps/2/resources/?")]
    [InlineData("aps/2/resources?")]
    public async Task ListsResourcesAsABareArrayWithContentRange(string collection)
    {
        var response = await _client.GetAsync(collection + $"implementing({TenantType}),eq(initial_subdomain,example)");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("items 0-0/1", response.Content.Headers.GetValues("Content-Range").Single());
        var items = (await SignedApsClient.ReadJsonAsync(response))!.AsArray();
        Assert.Equal("6fcff2c9-de5c-4eb3-b2b7-d5722cc29338", Assert.Single(items)!["aps"]!["id"]!.GetValue<string>());
    }

    [Fact]
    public async Task APartialPageIs206()
    {
        var response = await _client.GetAsync($"aps/2/resources/?implementing({TenantType}),eq(ms_account_id,0ec8e245-2509-44b9-a184-a313345db839),limit(2,2)");

        Assert.Equal(HttpStatusCode.PartialContent, response.StatusCode);
        Assert.Equal("items 2-3/5", response.Content.Headers.GetValues("Content-Range").Single());
        Assert.Equal(2, (await SignedApsClient.ReadJsonAsync(response))!.AsArray().Count);
    }

    [Theory]
    [InlineData("x),ne(a,b")]
    [InlineData("a,b")]
    [InlineData("+1 (234) & = % ü 😀")]
    public async Task AnEscapedHostileValueIsSignedVerifiedAndMatchedLiterally(string value)
    {
        var id = "6fcff2c9-de5c-4eb3-b2b7-d5722cc29338";
        Assert.Equal(HttpStatusCode.OK, (await _client.PutAsync("aps/2/resources/" + id, new JsonObject { ["nickname"] = value }.ToJsonString())).StatusCode);

        var response = await _client.GetAsync("aps/2/resources/?eq(nickname," + Uri.EscapeDataString(value).Replace("+", "%2B") + ")");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(id, Assert.Single((await SignedApsClient.ReadJsonAsync(response))!.AsArray())!["aps"]!["id"]!.GetValue<string>());
        Assert.Equal("eq(nickname," + Uri.EscapeDataString(value).Replace("+", "%2B") + ")", _host.Log.Entries.Last().RawQuery.TrimStart('?'));
    }

    [Fact]
    public async Task InvalidRqlIs400()
    {
        var response = await _client.GetAsync("aps/2/resources/?eq(initial_subdomain,x),ne(a");

        await AssertApsErrorAsync(response, HttpStatusCode.BadRequest, "APS::Util::InvalidQuery");
    }

    [Fact]
    public async Task GetsOneResourceOr404()
    {
        var found = await _client.GetAsync("aps/2/resources/" + AppInstance);
        Assert.Equal(HttpStatusCode.OK, found.StatusCode);
        Assert.Equal("http://www.parallels.com/Office365/Office365app/1.0", (await SignedApsClient.ReadJsonAsync(found))!["aps"]!["type"]!.GetValue<string>());

        await AssertApsErrorAsync(await _client.GetAsync("aps/2/resources/00000000-0000-0000-0000-000000000000"), HttpStatusCode.NotFound, "APS::Util::ResourceNotFound");
    }

    [Fact]
    public async Task PutMergesAndReturnsTheResource()
    {
        var response = await _client.PutAsync(
            "aps/2/resources/042b672a-47f8-4dc9-a973-f4134390f357",
            """{"cloud_agreement_contact":{"email":"johnsmith@example.com","first_name":"John","last_name":"Smith","phone":"+1234567","date_agreed":"2020-03-10"}}""");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var resource = (await SignedApsClient.ReadJsonAsync(response))!;
        Assert.Equal(10, resource["aps"]!["revision"]!.GetValue<int>());
        Assert.Equal("+1234567", resource["cloud_agreement_contact"]!["phone"]!.GetValue<string>());
        Assert.False(_host.Aps.IsAcceptanceRequired("0ec8e245-2509-44b9-a184-a313345db839"));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("[1,2]")]
    public async Task PutOfABodyThatIsNotAnObjectIs400(string body)
    {
        await AssertApsErrorAsync(await _client.PutAsync("aps/2/resources/042b672a-47f8-4dc9-a973-f4134390f357", body), HttpStatusCode.BadRequest, "APS::Util::InvalidRequest");
        Assert.Equal(9, _host.Aps.GetResource("042b672a-47f8-4dc9-a973-f4134390f357")!["aps"]!["revision"]!.GetValue<int>());
    }

    [Fact]
    public async Task CheckAccountAnswersAndFlipsAfterAPut()
    {
        var before = await SignedApsClient.ReadJsonAsync(await _client.GetAsync($"aps/2/resources/{AppInstance}/checkAccount?accountId=1000011&planId=0"));
        Assert.True(before!["tenants"]![0]!["is_acceptance_of_microsoft_cloud_agreement_required"]!.GetValue<bool>());
        Assert.Equal("117a77b0-9360-443b-8795-c6dedc750cf9", before["microsoft_cloud_agreement_metadata"]!["templateId"]!.GetValue<string>());

        await _client.PutAsync("aps/2/resources/d107eaff-9e3e-4c31-90e5-818842c1fc0f", """{"cloud_agreement_contact":{"email":"a@example.com"}}""");

        var after = await SignedApsClient.ReadJsonAsync(await _client.GetAsync($"aps/2/resources/{AppInstance}/checkAccount?accountId=1000011&planId=0"));
        Assert.False(after!["tenants"]![0]!["is_acceptance_of_microsoft_cloud_agreement_required"]!.GetValue<bool>());
    }

    [Fact]
    public async Task CheckAccountWithoutTheAllowedOperationIs403ButCrudStillWorks()
    {
        _host.Aps.AddCredential("limited", "limited-secret", allowCheckAccount: false);
        using var limited = new SignedApsClient(_host.BaseUri, "limited", "limited-secret");

        await AssertApsErrorAsync(await limited.GetAsync($"aps/2/resources/{AppInstance}/checkAccount?accountId=1000011&planId=0"), HttpStatusCode.Forbidden, "APS::Util::AccessViolation");
        Assert.Equal(HttpStatusCode.OK, (await limited.GetAsync($"aps/2/resources/?implementing({TenantType})")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await limited.PutAsync("aps/2/resources/d107eaff-9e3e-4c31-90e5-818842c1fc0f", "{}")).StatusCode);
    }

    [Theory]
    [InlineData("checkAccount?accountId=999&planId=0", HttpStatusCode.NotFound, "APS::Util::ResourceNotFound")]
    [InlineData("checkAccount?planId=0", HttpStatusCode.BadRequest, "APS::Util::InvalidRequest")]
    [InlineData("checkAccount?accountId=abc", HttpStatusCode.BadRequest, "APS::Util::InvalidRequest")]
    [InlineData("noSuchOperation", HttpStatusCode.NotFound, "APS::Util::ResourceNotFound")]
    public async Task CheckAccountRejectsBadCalls(string operation, HttpStatusCode status, string errorClass)
    {
        await AssertApsErrorAsync(await _client.GetAsync($"aps/2/resources/{AppInstance}/{operation}"), status, errorClass);
    }

    [Fact]
    public async Task CheckAccountOnATenantIsNotAnOperation()
    {
        await AssertApsErrorAsync(await _client.GetAsync("aps/2/resources/042b672a-47f8-4dc9-a973-f4134390f357/checkAccount?accountId=1000011"), HttpStatusCode.NotFound, "APS::Util::ResourceNotFound");
    }

    [Fact]
    public async Task ListsTypes()
    {
        var response = await _client.GetAsync("aps/2/types");

        var ids = (await SignedApsClient.ReadJsonAsync(response))!.AsArray().Select(t => t!["id"]!.GetValue<string>()).ToList();
        Assert.Contains(TenantType, ids);
        Assert.Contains(ApsTypes.Office365AppInstance, ids);
        Assert.Equal($"items 0-{ids.Count - 1}/{ids.Count}", response.Content.Headers.GetValues("Content-Range").Single());
    }

    [Fact]
    public async Task AConfiguredFailureStatusIsUsed()
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Aps = new ApsEmulatorOptions { AuthenticationFailureStatus = 403 } });
        using var client = new SignedApsClient(host.BaseUri, "demo-key", "wrong");

        await AssertApsErrorAsync(await client.GetAsync("aps"), HttpStatusCode.Forbidden, "APS::Util::AuthenticationFailed");
    }

    private static async Task AssertAuthenticationFailedAsync(HttpResponseMessage response, string reason)
    {
        await AssertApsErrorAsync(response, HttpStatusCode.Unauthorized, "APS::Util::AuthenticationFailed");
        Assert.Contains(reason, (await SignedApsClient.ReadJsonAsync(response))!["message"]!.GetValue<string>(), StringComparison.Ordinal);
    }

    private static async Task AssertApsErrorAsync(HttpResponseMessage response, HttpStatusCode status, string errorClass)
    {
        Assert.Equal(status, response.StatusCode);
        var body = (await SignedApsClient.ReadJsonAsync(response))!;
        Assert.Equal(errorClass, body["error"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(body["message"]!.GetValue<string>()));
    }
}
