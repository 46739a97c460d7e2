using System.Diagnostics;
using System.Net;
using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Aps;
using CloudBlueMca.Engine.Http;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Engine.Http;

/// <summary>Retries and cancellation over real HTTP, with faults injected by the emulator.</summary>
public class HttpPipelineAgainstEmulatorTests : IAsyncLifetime
{
    private EmulatorHost _host = null!;

    public async Task InitializeAsync() => _host = await EmulatorHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    private Uri VersionUri => new(_host.BaseUri, "aps");

    private async Task<int> RequestsTo(string path, int expected) => (await _host.Log.SettledAsync(expected)).Count(e => e.Path == path);

    [Fact]
    public async Task TooManyRequestsWithRetryAfterIsRecovered()
    {
        _host.Faults.Add(new FaultRule { PathPrefix = "/aps", Kind = FaultKind.Status, StatusCode = 429, RetryAfterSeconds = 1, Count = 1 });
        using var client = EmulatorClients.Aps(_host);
        var watch = Stopwatch.StartNew();

        await client.GetVersionAsync(OperationContext.None);

        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(950), $"waited only {watch.Elapsed}");
        Assert.Equal(new[] { 429, 200 }, (await _host.Log.SettledAsync(2)).Select(e => e.StatusCode));
    }

    [Fact]
    public async Task ServiceUnavailableThenSuccess()
    {
        _host.Faults.Add(new FaultRule { PathPrefix = "/aps", Kind = FaultKind.Status, StatusCode = 503, Count = 2 });
        using var client = EmulatorClients.Aps(_host);

        await client.GetVersionAsync(OperationContext.None);

        Assert.Equal(new[] { 503, 503, 200 }, (await _host.Log.SettledAsync(3)).Select(e => e.StatusCode));
    }

    [Fact]
    public async Task ADroppedConnectionIsRetriedForGet()
    {
        _host.Faults.Add(new FaultRule { PathPrefix = "/aps", Kind = FaultKind.DropConnection, Count = 1 });
        using var client = EmulatorClients.Aps(_host);

        await client.GetVersionAsync(OperationContext.None);

        Assert.Equal(2, await RequestsTo("/aps", 2));
        Assert.Single(_host.Log.Entries, e => e.Fault == "dropped");
    }

    [Fact]
    public async Task PostIsNeverRetried()
    {
        _host.Faults.Add(new FaultRule { Method = "POST", PathPrefix = "/aps", Kind = FaultKind.Status, StatusCode = 503 });
        _host.Faults.Add(new FaultRule { Method = "POST", PathPrefix = "/drop", Kind = FaultKind.DropConnection });
        using var pipeline = new HttpPipeline(EmulatorClients.FastRetries);

        using var response = await pipeline.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, VersionUri) { Content = new StringContent("{}") }, OperationContext.None);
        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => pipeline.SendAsync(() => new HttpRequestMessage(HttpMethod.Post, new Uri(_host.BaseUri, "drop")), OperationContext.None));

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(ErrorIds.EndpointUnreachable, error.ErrorId);
        Assert.Equal(1, await RequestsTo("/aps", 1));
        Assert.Equal(1, await RequestsTo("/drop", 1));
    }

    [Fact]
    public async Task AttemptsAreBounded()
    {
        _host.Faults.Add(new FaultRule { PathPrefix = "/aps", Kind = FaultKind.Status, StatusCode = 503 });
        using var client = EmulatorClients.Aps(_host, options: EmulatorClients.FastRetries with { MaxAttempts = 3 });

        var error = await Assert.ThrowsAsync<ApsRequestException>(() => client.GetVersionAsync(OperationContext.None));

        Assert.Equal(503, error.StatusCode);
        Assert.Equal(3, await RequestsTo("/aps", 3));
    }

    [Fact]
    public async Task CancellationIsPrompt()
    {
        _host.Faults.Add(new FaultRule { PathPrefix = "/aps", Kind = FaultKind.Latency, Latency = TimeSpan.FromSeconds(30) });
        using var client = EmulatorClients.Aps(_host);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => client.GetVersionAsync(new RecordingLog().Context(cancellation.Token)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task ASlowServerBecomesRequestTimedOut()
    {
        _host.Faults.Add(new FaultRule { PathPrefix = "/aps", Kind = FaultKind.Latency, Latency = TimeSpan.FromSeconds(30) });
        using var client = EmulatorClients.Aps(_host, options: EmulatorClients.FastRetries with { RequestTimeout = TimeSpan.FromMilliseconds(300), MaxAttempts = 1 });

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => client.GetVersionAsync(OperationContext.None));

        Assert.Equal(ErrorIds.RequestTimedOut, error.ErrorId);
    }

    [Fact]
    public async Task VerboseOutputHasNoAuthorizationSignatureOrSecret()
    {
        _host.Faults.Add(new FaultRule { PathPrefix = "/aps", Kind = FaultKind.Status, StatusCode = 503, Count = 1 });
        var log = new RecordingLog();
        using var client = EmulatorClients.Aps(_host);

        await client.GetCustomOperationAsync(_host.Aps.ApplicationInstanceId, "checkAccount", new[] { KeyValuePair.Create("accountId", "1000011"), KeyValuePair.Create("planId", "0") }, log.Context());

        var sentAuthorization = (await _host.Log.SettledAsync(2)).Last().Header("Authorization")!;
        var signature = System.Text.RegularExpressions.Regex.Match(sentAuthorization, "oauth_signature=\"([^\"]+)\"").Groups[1].Value;
        var nonce = System.Text.RegularExpressions.Regex.Match(sentAuthorization, "oauth_nonce=\"([^\"]+)\"").Groups[1].Value;
        Assert.Equal(2, log.VerboseMessages.Count(m => m.StartsWith($"GET {_host.BaseUri}aps/2/resources/{_host.Aps.ApplicationInstanceId}/checkAccount?accountId=1000011&planId=0 -> ", StringComparison.Ordinal)));
        foreach (var forbidden in new[] { "Authorization", "OAuth", "oauth_", EmulatorClients.Secret, signature, Uri.UnescapeDataString(signature), nonce })
        {
            Assert.DoesNotContain(forbidden, log.AllText, StringComparison.Ordinal);
        }
    }
}
