using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Aps.Rql;
using CloudBlueMca.Engine.CloudBlue;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Tests.PartnerCenter;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Engine.Http;

/// <summary>
/// Every HTTP path of the engine, APS and Partner Center, successes, retries and failures, into
/// one log: neither the verbose/warning output nor an error message may show a credential that
/// went over the wire (the signatures, nonces and bearer tokens are read back from the emulator).
/// </summary>
public class VerboseSecrecyTests
{
    private const string TenantType = "http://www.parallels.com/Office365/Tenant/2.8";
    private const string TenantId = "042b672a-47f8-4dc9-a973-f4134390f357";
    private static readonly Guid ExampleCustomer = Guid.Parse("3f8a1aff-6a93-4b2c-b734-93b66497af4c");

    [Fact]
    public async Task NoEngineHttpPathShowsACredential()
    {
        await using var host = await EmulatorHost.StartAsync();
        host.PartnerCenter.GenerateCustomers(4);
        var log = new RecordingLog();
        var ctx = log.Context();
        var errors = new List<string>();

        host.Faults.Add(new FaultRule { PathPrefix = "/aps", Kind = FaultKind.Status, StatusCode = 503, Count = 1 });
        var cloudBlue = await CloudBlueConnector.ConnectAsync(ConnectRequest(host, EmulatorClients.Secret), ctx);
        var aps = cloudBlue.Client;
        await aps.GetVersionAsync(ctx);
        await aps.ListAsync(new RqlQuery(Rql.Implementing(TenantType)), ctx, pageSize: 2);
        await aps.GetResourceAsync(TenantId, ctx);
        await aps.PutResourceAsync(TenantId, new JsonObject { ["nickname"] = "verbose check" }, ctx);
        await aps.GetCustomOperationAsync(cloudBlue.RequireApplicationInstanceId(), "checkAccount", new[] { KeyValuePair.Create("accountId", "1000011"), KeyValuePair.Create("planId", "0") }, ctx);
        errors.Add(await MessageOfAsync(() => aps.GetResourceAsync("00000000-0000-0000-0000-000000000000", ctx)));
        errors.Add(await MessageOfAsync(() => CloudBlueConnector.ConnectAsync(ConnectRequest(host, "wrong-secret"), ctx)));

        var partnerCenter = await PartnerCenterConnector.ConnectAsync(PcTestCredentials.ClientSecret(host), ctx);
        host.Faults.Add(new FaultRule { PathPrefix = "/v1/customers", Kind = FaultKind.Status, StatusCode = 429, RetryAfterSeconds = 0, Count = 1 });
        await PartnerCenterCustomers.GetAsync(partnerCenter, ExampleCustomer, ctx);
        var pager = PartnerCenterCustomers.List(partnerCenter, pageSize: 2);
        while (pager.HasMore)
        {
            await pager.NextPageAsync(ctx);
        }

        errors.Add(await MessageOfAsync(() => PartnerCenterCustomers.GetAsync(partnerCenter, Guid.NewGuid(), ctx)));

        var authorizations = (await host.Log.SettledAsync(1)).Select(e => e.Header("Authorization")).OfType<string>().ToList();
        var signed = authorizations.Where(a => a.StartsWith("OAuth ", StringComparison.Ordinal)).ToList();
        var bearer = authorizations.Where(a => a.StartsWith("Bearer ", StringComparison.Ordinal)).ToList();
        Assert.True(signed.Count >= 10, $"{signed.Count} signed APS requests");
        Assert.True(bearer.Count >= 5, $"{bearer.Count} Partner Center requests");
        foreach (var path in new[] { "GET ", "PUT ", "/checkAccount?", "limit(2,2)", "retrying in", "-> 503", "-> 401", "-> 404", "-> 429", "v1/customers?size=2", "v1/customers/" + ExampleCustomer })
        {
            Assert.Contains(log.VerboseMessages, m => m.Contains(path, StringComparison.Ordinal));
        }

        var shown = log.AllText + "\n" + string.Join("\n", errors);
        var forbidden = new List<string> { "Authorization", "oauth_", "Bearer", EmulatorClients.Secret, "wrong-secret", host.PartnerCenter.SecretClient.ClientSecret! };
        forbidden.AddRange(signed.SelectMany(a => new[] { Parameter(a, "oauth_signature"), Uri.UnescapeDataString(Parameter(a, "oauth_signature")), Parameter(a, "oauth_nonce") }));
        forbidden.AddRange(bearer.Select(a => a["Bearer ".Length..]));
        foreach (var secret in forbidden.Distinct())
        {
            Assert.DoesNotContain(secret, shown, StringComparison.Ordinal);
        }
    }

    private static CloudBlueConnectRequest ConnectRequest(EmulatorHost host, string secret) =>
        new(host.BaseUri.AbsoluteUri, EmulatorClients.Key, EmulatorClients.Secure(secret)) { Pipeline = EmulatorClients.FastRetries };

    private static string Parameter(string authorization, string name)
    {
        var value = Regex.Match(authorization, name + "=\"([^\"]+)\"").Groups[1].Value;
        Assert.NotEmpty(value);
        return value;
    }

    private static async Task<string> MessageOfAsync(Func<Task> call) => (await Assert.ThrowsAnyAsync<CloudBlueMcaException>(call)).Message;
}
