using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Emulator;

/// <summary>Fault rules: which requests they hit, how many, and what the client then sees over HTTP.</summary>
public class FaultInjectorTests
{
    [Fact]
    public void ARuleWithACountFaultsExactlyTheNextMatchingRequests()
    {
        var faults = new FaultInjector();
        faults.Add(new FaultRule { Method = "GET", PathPrefix = "/aps/2/resources", QueryContains = "in(", Kind = FaultKind.Status, Count = 2 });

        Assert.Null(faults.Next("PUT", "/aps/2/resources/x", string.Empty));
        Assert.Null(faults.Next("GET", "/aps/2/types", "?in("));
        Assert.Null(faults.Next("GET", "/aps/2/resources/", "?eq(a,b)"));
        Assert.NotNull(faults.Next("GET", "/aps/2/resources/", "?in(a,(b))"));
        Assert.NotNull(faults.Next("get", "/APS/2/resources/", "?in(a,(b))"));
        Assert.Null(faults.Next("GET", "/aps/2/resources/", "?in(a,(b))"));
    }

    [Theory]
    [InlineData(0.0, 0, 0)]
    [InlineData(0.25, 200, 300)]
    [InlineData(1.0, 1000, 1000)]
    public void ARuleWithAFractionFaultsThatShareOfRequests(double fraction, int atLeast, int atMost)
    {
        var faults = new FaultInjector();
        faults.Add(new FaultRule { Kind = FaultKind.Status, Fraction = fraction });

        var faulted = Enumerable.Range(0, 1000).Count(_ => faults.Next("GET", "/aps", string.Empty) != null);

        Assert.InRange(faulted, atLeast, atMost);
    }

    [Fact]
    public async Task OverHttpTheClientSeesTheInjectedStatusRetryAfterLatencyAndDrop()
    {
        await using var host = await EmulatorHost.StartAsync();
        using var http = new HttpClient();
        var aps = new Uri(host.BaseUri, "aps");
        host.Faults.Add(new FaultRule { PathPrefix = "/aps", Kind = FaultKind.Status, StatusCode = 429, RetryAfterSeconds = 7, Count = 1 });
        host.Faults.Add(new FaultRule { PathPrefix = "/aps", Kind = FaultKind.Status, StatusCode = 500, Count = 1 });
        host.Faults.Add(new FaultRule { PathPrefix = "/aps", Kind = FaultKind.DropConnection, Count = 1 });
        host.Faults.Add(new FaultRule { PathPrefix = "/aps", Kind = FaultKind.Latency, Latency = TimeSpan.FromMilliseconds(400), Count = 1 });

        var throttled = await http.GetAsync(aps);
        Assert.Equal((HttpStatusCode)429, throttled.StatusCode);
        Assert.Equal(TimeSpan.FromSeconds(7), throttled.Headers.RetryAfter!.Delta);
        Assert.Equal("APS::Util::InjectedFault", JsonNode.Parse(await throttled.Content.ReadAsStringAsync())!["error"]!.GetValue<string>());

        Assert.Equal(HttpStatusCode.InternalServerError, (await http.GetAsync(aps)).StatusCode);
        await Assert.ThrowsAsync<HttpRequestException>(() => http.GetAsync(aps));

        var watch = Stopwatch.StartNew();
        var slow = await http.GetAsync(aps);
        Assert.True(watch.Elapsed >= TimeSpan.FromMilliseconds(350), $"took {watch.Elapsed}");
        Assert.Equal(HttpStatusCode.Unauthorized, slow.StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(aps)).StatusCode);
        var log = await host.Log.SettledAsync(5);
        Assert.Equal(new string?[] { "status 429", "status 500", "dropped", "latency 400ms", null }, log.Select(e => e.Fault));
    }
}
