using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using CloudBlueMca.Emulator.Aps;
using CloudBlueMca.Emulator.Hosting;
using Xunit;

namespace CloudBlueMca.Tests.Emulator;

/// <summary>The emulator's agreement APIs over plain HTTP, as reference §5.6 lists their behaviour.</summary>
public sealed class AgreementEndpointsTests : IAsyncLifetime
{
    private const string Example = "3f8a1aff-6a93-4b2c-b734-93b66497af4c";
    private const string Contoso = "9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19";
    private const string Seed002 = "aaaabbbb-0000-cccc-1111-dddd2222eeee";
    private const string McaTemplate = "117a77b0-9360-443b-8795-c6dedc750cf9";

    private EmulatorHost _host = null!;
    private HttpClient _client = null!;

    public async Task InitializeAsync()
    {
        _host = await EmulatorHost.StartAsync();
        _client = new HttpClient { BaseAddress = _host.BaseUri };
        _client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _host.PartnerCenter.IssueAccessToken(TimeSpan.FromMinutes(10)));
    }

    public async Task DisposeAsync()
    {
        _client.Dispose();
        await _host.DisposeAsync();
    }

    [Fact]
    public async Task MetadataDefaultsToTheCloudAgreementWhenTheTypeIsMissing()
    {
        var missing = await GetItemsAsync("v1/agreements");
        var mca = await GetItemsAsync("v1/agreements?agreementType=MicrosoftCustomerAgreement");
        var all = await GetItemsAsync("v1/agreements?agreementType=*");

        Assert.Equal("MicrosoftCloudAgreement", (string?)Assert.Single(missing)!["agreementType"]);
        Assert.Equal(McaTemplate, (string?)Assert.Single(mca)!["templateId"]);
        Assert.Equal(2, all.Count);
    }

    [Fact]
    public async Task ConfirmationsAreListedPerTypeAndDefaultToTheCloudAgreement()
    {
        var seedMca = await GetItemsAsync($"v1/customers/{Seed002}/agreements?agreementType=MicrosoftCustomerAgreement");
        var seedDefault = await GetItemsAsync($"v1/customers/{Seed002}/agreements");
        var exampleDefault = await GetItemsAsync($"v1/customers/{Example}/agreements");
        var exampleMca = await GetItemsAsync($"v1/customers/{Example}/agreements?agreementType=MicrosoftCustomerAgreement");

        Assert.Empty(seedMca);
        Assert.Equal("MicrosoftCloudAgreement", (string?)Assert.Single(seedDefault)!["type"]);
        Assert.Empty(exampleDefault);
        var attestation = Assert.Single(exampleMca)!;
        Assert.Equal("john@example.com", (string?)attestation["primaryContact"]!["email"]);
        Assert.Equal("2024-03-15T00:00:00", (string?)attestation["dateAgreed"]);
    }

    [Theory]
    [InlineData(ApsSeedDataIds.Wingtip, true)]
    [InlineData(Example, false)]
    public async Task DirectSignStatusIsServed(string customerId, bool signed)
    {
        var status = await GetJsonAsync($"v1/customers/{customerId}/directSignedMicrosoftCustomerAgreementStatus");

        Assert.Equal(signed, (bool)status["isSigned"]!);
    }

    [Fact]
    public async Task APostIsRecordedAndAnswered201WithTheUserId()
    {
        using var response = await PostAsync(Contoso, "Jane", "Doe", DateTime.UtcNow.ToString("yyyy-MM-dd'T'00:00:00'Z'"));

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var echoed = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
        Assert.Equal("2e4f6a8c-0b1d-4e3f-9a5c-7b9d1f3a5c7e", (string?)echoed["userId"]);
        Assert.Equal("Jane", (string?)Assert.Single(_host.PartnerCenter.AgreementsOf(Guid.Parse(Contoso)))["primaryContact"]!["firstName"]);
    }

    [Fact]
    public async Task AFutureDateIsRefusedWith600002AndNothingIsRecorded()
    {
        using var response = await PostAsync(Contoso, "Jane", "Doe", DateTime.UtcNow.AddDays(2).ToString("yyyy-MM-dd'T'00:00:00'Z'"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(600002, (int)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]!);
        Assert.Empty(_host.PartnerCenter.AgreementsOf(Guid.Parse(Contoso)));
    }

    [Fact]
    public async Task TheSameContactTwiceIsRefusedWith600061()
    {
        using var first = await PostAsync(Contoso, "Jane", "Doe", "2024-01-02T00:00:00Z");
        using var second = await PostAsync(Contoso, "JANE", "Doe", "2024-01-05T00:00:00Z");
        using var other = await PostAsync(Contoso, "Janet", "Doe", "2024-01-05T00:00:00Z");

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        var fault = JsonNode.Parse(await second.Content.ReadAsStringAsync())!;
        Assert.Equal(600061, (int)fault["code"]!);
        Assert.Equal("PartnerConfirmedAgreementAlreadyExists", (string?)fault["errorName"]);
        Assert.Equal(HttpStatusCode.Created, other.StatusCode);
        Assert.Equal(2, _host.PartnerCenter.AgreementsOf(Guid.Parse(Contoso)).Count);
    }

    [Fact]
    public async Task TheRetiredCloudAgreementTemplateIsRefused()
    {
        using var response = await _client.PostAsJsonAsync($"v1/customers/{Contoso}/agreements", Body("Jane", "Doe", "2024-01-02", "998b88de-aa99-4388-a42c-1b3517d49490", "MicrosoftCloudAgreement"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("no longer supported", await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("GET", "v1/agreements?agreementType=MicrosoftCustomerAgreement")]
    [InlineData("GET", "v1/customers/" + Example + "/agreements?agreementType=MicrosoftCustomerAgreement")]
    [InlineData("GET", "v1/customers/" + Example + "/directSignedMicrosoftCustomerAgreementStatus")]
    [InlineData("POST", "v1/customers/" + Example + "/agreements")]
    public async Task AppOnlyTokensAreRefused(string method, string path)
    {
        using var request = new HttpRequestMessage(new HttpMethod(method), path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _host.PartnerCenter.IssueAccessToken(TimeSpan.FromMinutes(5), appOnly: true));
        if (method == "POST")
        {
            request.Content = JsonContent.Create(Body("Jane", "Doe", "2024-01-02", McaTemplate, "MicrosoftCustomerAgreement"));
        }

        using var response = await _client.SendAsync(request);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("900150", (string?)JsonNode.Parse(await response.Content.ReadAsStringAsync())!["code"]);
        Assert.DoesNotContain(_host.PartnerCenter.AgreementsOf(Guid.Parse(Example)), a => (string?)a["primaryContact"]!["firstName"] == "Jane");
    }

    [Fact]
    public async Task AnUnknownCustomerGets404()
    {
        using var response = await _client.GetAsync("v1/customers/00000000-0000-0000-0000-000000000001/agreements?agreementType=MicrosoftCustomerAgreement");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    [Fact]
    public async Task EveryMicrosoftTenantCheckAccountReportsIsAPartnerCenterCustomer()
    {
        var generated = _host.Aps.GenerateAccounts(3);
        var accountIds = ApsSeedData.All.Select(s => (long)s.AccountId).Concat(generated.Select(a => (long)a.AccountId));

        foreach (var accountId in accountIds)
        {
            foreach (var tenant in _host.Aps.CheckAccount(accountId)!["tenants"]!.AsArray())
            {
                using var response = await _client.GetAsync("v1/customers/" + (string?)tenant!["ms_tenant_id"]);
                Assert.True(response.IsSuccessStatusCode, $"account {accountId}: ms_tenant_id {(string?)tenant["ms_tenant_id"]} answered {(int)response.StatusCode}");
            }
        }
    }

    private Task<HttpResponseMessage> PostAsync(string customerId, string firstName, string lastName, string dateAgreed) =>
        _client.PostAsJsonAsync($"v1/customers/{customerId}/agreements", Body(firstName, lastName, dateAgreed, McaTemplate, "MicrosoftCustomerAgreement"));

    private static object Body(string firstName, string lastName, string dateAgreed, string templateId, string type) => new
    {
        primaryContact = new { firstName, lastName, email = "jane@contoso.com", phoneNumber = "+44 20 7123 4567" },
        templateId,
        dateAgreed,
        type,
    };

    private async Task<JsonObject> GetJsonAsync(string path)
    {
        using var response = await _client.GetAsync(path);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonNode.Parse(await response.Content.ReadAsStringAsync())!.AsObject();
    }

    private async Task<JsonArray> GetItemsAsync(string path) => (await GetJsonAsync(path))["items"]!.AsArray();
}

/// <summary>Seed ids used as attribute arguments, which must be constants.</summary>
internal static class ApsSeedDataIds
{
    public const string Wingtip = "b1d3f5a7-9c1e-4a3c-8e5a-7c9e1b3d5f16";
}
