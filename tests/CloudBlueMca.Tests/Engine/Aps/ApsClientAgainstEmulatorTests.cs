using System.Text.Json.Nodes;
using CloudBlueMca.Emulator.Aps;
using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Aps;
using CloudBlueMca.Engine.Aps.Rql;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Engine.Aps;

public class ApsClientAgainstEmulatorTests : IClassFixture<EmulatorFixture>
{
    private const string TenantType = "http://www.parallels.com/Office365/Tenant/2.8";
    private const string ExampleMsAccount = "0ec8e245-2509-44b9-a184-a313345db839";
    private readonly EmulatorFixture _emulator;

    public ApsClientAgainstEmulatorTests(EmulatorFixture emulator) => _emulator = emulator;

    [Fact]
    public async Task TheVersionProbeSucceeds()
    {
        using var client = EmulatorClients.Aps(_emulator.Host);

        Assert.Contains("version", await client.GetVersionAsync(OperationContext.None), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ListsTheSeedTenantsOfAMicrosoftAccountAcrossPages()
    {
        using var client = EmulatorClients.Aps(_emulator.Host);
        var query = new RqlQuery(Rql.Implementing(TenantType), Rql.Eq("ms_account_id", ExampleMsAccount));
        var before = _emulator.Host.Log.Count;

        var all = await client.ListAsync(query, OperationContext.None);
        var paged = await client.ListAsync(query, OperationContext.None, pageSize: 2);

        Assert.Equal(5, all.Count);
        Assert.Equal(all.Select(ApsId), paged.Select(ApsId));
        var requests = (await _emulator.Host.Log.SettledAsync(before + 4)).Skip(before).Select(e => e.PathAndQuery).ToList();
        Assert.Equal(4, requests.Count);
        Assert.All(requests, r => Assert.StartsWith("/aps/2/resources/?implementing(http://www.parallels.com/Office365/Tenant/2.8),eq(ms_account_id,", r, StringComparison.Ordinal));
        Assert.EndsWith("limit(4,2)", requests[^1], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PagesReportTheRangeTheEmulatorSent()
    {
        using var client = EmulatorClients.Aps(_emulator.Host);

        var page = await client.GetPageAsync(new RqlQuery(Rql.Implementing(TenantType), Rql.Eq("ms_account_id", ExampleMsAccount)), 1, 2, OperationContext.None);

        Assert.Equal((1, 2, 5), (page.First, page.Last, page.Total));
        Assert.Equal(2, page.Items.Count);
    }

    [Fact]
    public async Task PagingWalksAGeneratedCollection()
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Aps = new ApsEmulatorOptions { IncludeSeedData = false, GeneratedAccounts = 23, TenantsPerAccount = 1 } });
        using var client = EmulatorClients.Aps(host);

        var items = await client.ListAsync(new RqlQuery(Rql.Implementing(TenantType)), OperationContext.None, pageSize: 5);

        Assert.Equal(23, items.Count);
        Assert.Equal(23, items.Select(ApsId).Distinct().Count());
        Assert.Equal(5, (await host.Log.SettledAsync(5)).Count(e => e.Path.StartsWith("/aps/2/resources", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnUnknownResourceIsANotFoundWithTheServerText()
    {
        using var client = EmulatorClients.Aps(_emulator.Host);

        var error = await Assert.ThrowsAsync<ApsRequestException>(() => client.GetResourceAsync("00000000-0000-0000-0000-000000000000", OperationContext.None));

        Assert.Equal(404, error.StatusCode);
        Assert.Equal(ErrorKind.ObjectNotFound, error.Kind);
        Assert.StartsWith("APS::", error.ErrorClass, StringComparison.Ordinal);
        Assert.False(string.IsNullOrEmpty(error.ServerMessage));
        Assert.Contains(error.ServerMessage!, error.Message, StringComparison.Ordinal);
        Assert.Equal($"{_emulator.Host.BaseUri}aps/2/resources/00000000-0000-0000-0000-000000000000", error.RequestUrl);
    }

    [Fact]
    public async Task PutMergesThePartialBodyAndBumpsTheRevision()
    {
        await using var host = await EmulatorHost.StartAsync();
        using var client = EmulatorClients.Aps(host);
        var tenant = (await client.ListAsync(new RqlQuery(Rql.Implementing(TenantType), Rql.Eq("initial_subdomain", "example")), OperationContext.None))[0];
        var id = ApsId(tenant);
        var revision = tenant["aps"]!["revision"]!.GetValue<int>();

        var updated = await client.PutResourceAsync(id, new JsonObject { ["cloud_agreement_contact"] = new JsonObject { ["email"] = "john+smith@example.com" } }, OperationContext.None);

        var stored = await client.GetResourceAsync(id, OperationContext.None);
        Assert.Equal("john+smith@example.com", stored["cloud_agreement_contact"]!["email"]!.GetValue<string>());
        Assert.Equal(revision + 1, stored["aps"]!["revision"]!.GetValue<int>());
        Assert.Equal("example", stored["initial_subdomain"]!.GetValue<string>());
        Assert.NotNull(updated);
    }

    [Fact]
    public async Task CheckAccountRunsAsACustomOperation()
    {
        using var client = EmulatorClients.Aps(_emulator.Host);

        var result = await client.GetCustomOperationAsync(_emulator.Host.Aps.ApplicationInstanceId, "checkAccount", new[] { KeyValuePair.Create("accountId", "1000011"), KeyValuePair.Create("planId", "0") }, OperationContext.None);

        var tenants = Assert.IsType<JsonArray>(result!["tenants"]);
        Assert.Contains(tenants, t => t!["id"]!.GetValue<string>() == ExampleMsAccount);
    }

    [Fact]
    public async Task CheckAccountWithoutTheAllowedOperationIsPermissionDenied()
    {
        _emulator.Host.Aps.AddCredential("limited-key", "limited-secret", allowCheckAccount: false);
        using var client = EmulatorClients.Aps(_emulator.Host, "limited-key", "limited-secret");

        var error = await Assert.ThrowsAsync<ApsRequestException>(() => client.GetCustomOperationAsync(_emulator.Host.Aps.ApplicationInstanceId, "checkAccount", new[] { KeyValuePair.Create("accountId", "1000011") }, OperationContext.None));

        Assert.Equal(ErrorIds.ApsPermissionDenied, error.ErrorId);
        Assert.Equal(403, error.StatusCode);
    }

    [Fact]
    public async Task AWrongSecretIsAnAuthenticationError()
    {
        using var client = EmulatorClients.Aps(_emulator.Host, secret: "wrong-secret");

        var error = await Assert.ThrowsAsync<ApsRequestException>(() => client.GetVersionAsync(OperationContext.None));

        Assert.Equal(401, error.StatusCode);
        Assert.Equal(ErrorKind.AuthenticationError, error.Kind);
        Assert.DoesNotContain("wrong-secret", error.Message, StringComparison.Ordinal);
    }

    private static string ApsId(JsonObject resource) => resource["aps"]!["id"]!.GetValue<string>();
}
