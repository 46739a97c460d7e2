using System.Net;
using System.Net.Sockets;
using CloudBlueMca.Emulator.Aps;
using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.CloudBlue;
using CloudBlueMca.Engine.Http;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Engine.CloudBlue;

public class CloudBlueConnectorTests : IClassFixture<EmulatorFixture>
{
    private const string SeedInstance = "498c7d95-54ef-45c1-9877-da03ec230993";
    private readonly EmulatorFixture _emulator;

    public CloudBlueConnectorTests(EmulatorFixture emulator) => _emulator = emulator;

    /// <summary>The APS id of seed 001's customer account: a resource, but not an application instance.</summary>
    private const string EmulatorTenantAccount = "0f6e3b1c-7a2d-4c59-9e84-000001000011";

    private static CloudBlueConnectRequest Request(string uri, string key = EmulatorClients.Key, string secret = EmulatorClients.Secret, HttpPipelineOptions? pipeline = null) =>
        new(uri, key, EmulatorClients.Secure(secret)) { Pipeline = pipeline ?? EmulatorClients.FastRetries };

    [Fact]
    public async Task ConnectsAndDiscoversTheOnlyApplicationInstance()
    {
        var log = new RecordingLog();

        var connection = await CloudBlueConnector.ConnectAsync(Request(_emulator.Host.BaseUri.AbsoluteUri), log.Context());

        Assert.Equal(_emulator.Host.BaseUri, connection.Uri);
        Assert.Equal("demo-key", connection.ConsumerKey);
        Assert.Equal(SeedInstance, connection.ApplicationInstanceId);
        Assert.Equal(SeedInstance, connection.RequireApplicationInstanceId());
        Assert.Equal(CloudBlueConnectRequest.DefaultTenantTypeId, connection.TenantTypeId);
        Assert.False(connection.SkipCertificateCheck);
        Assert.InRange(connection.ConnectedAt, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow);
        Assert.Empty(log.Warnings);
        Assert.DoesNotContain("demo-secret", connection.ToString(), StringComparison.Ordinal);
        Assert.Contains("demo-key", connection.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain(typeof(CloudBlueMca.CloudBlueConnection).GetProperties(), p => p.Name.Contains("Secret", StringComparison.OrdinalIgnoreCase));
        connection.Close();
    }

    [Fact]
    public async Task ConnectSendsTheVersionProbeThenTheDiscoveryQuery()
    {
        await using var host = await EmulatorHost.StartAsync();

        var connection = await CloudBlueConnector.ConnectAsync(Request(host.BaseUri.AbsoluteUri), OperationContext.None);

        Assert.Equal(
            new[] { "/aps", "/aps/2/resources/?implementing(http://www.parallels.com/Office365/Office365app),select(aps.id),limit(0,100)" },
            (await host.Log.SettledAsync(2)).Select(e => e.PathAndQuery));
        Assert.All(host.Log.Entries, e => Assert.Equal(200, e.StatusCode));
        connection.Close();
    }

    [Fact]
    public async Task AGivenApplicationInstanceIsCheckedWithOneGetInsteadOfDiscovery()
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Aps = new ApsEmulatorOptions { ApplicationInstanceCount = 3 } });
        var request = Request(host.BaseUri.AbsoluteUri);
        var instance = host.Aps.ApplicationInstanceIds[1];
        var given = new CloudBlueConnectRequest(request.Uri, request.ConsumerKey, request.ConsumerSecret) { ApplicationInstanceId = instance, Pipeline = request.Pipeline };
        var log = new RecordingLog();

        var connection = await CloudBlueConnector.ConnectAsync(given, log.Context());

        Assert.Equal(instance, connection.ApplicationInstanceId);
        Assert.Equal(new[] { "/aps", "/aps/2/resources/" + instance }, (await host.Log.SettledAsync(2)).Select(e => e.Path));
        Assert.Empty(log.Warnings);
        connection.Close();
    }

    [Theory]
    [InlineData("11111111-2222-3333-4444-555555555555", "names no resource")]
    [InlineData(EmulatorTenantAccount, "not an instance of the Microsoft 365 application")]
    public async Task AWellFormedButWrongApplicationInstanceIsRefusedAtConnect(string id, string reason)
    {
        await using var host = await EmulatorHost.StartAsync();
        var request = Request(host.BaseUri.AbsoluteUri);
        var given = new CloudBlueConnectRequest(request.Uri, request.ConsumerKey, request.ConsumerSecret) { ApplicationInstanceId = id, Pipeline = request.Pipeline };

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => CloudBlueConnector.ConnectAsync(given, OperationContext.None));

        Assert.Equal(ErrorIds.InvalidApplicationInstanceId, error.ErrorId);
        Assert.Contains(id, error.Message);
        Assert.Contains(reason, error.Message);
    }

    [Fact]
    public async Task NoApplicationInstanceWarnsNowAndFailsLaterOnlyWhereNeeded()
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Aps = new ApsEmulatorOptions { ApplicationInstanceCount = 0 } });
        var log = new RecordingLog();

        var connection = await CloudBlueConnector.ConnectAsync(Request(host.BaseUri.AbsoluteUri), log.Context());

        Assert.Null(connection.ApplicationInstanceId);
        var warning = Assert.Single(log.Warnings);
        Assert.Contains("No Microsoft 365 application instance", warning, StringComparison.Ordinal);
        Assert.Contains("-ApplicationInstanceId", warning, StringComparison.Ordinal);
        var error = Assert.Throws<CloudBlueMcaException>(() => connection.RequireApplicationInstanceId());
        Assert.Equal(ErrorIds.ApplicationInstanceRequired, error.ErrorId);
        Assert.Contains("Connect-CloudBlue", error.Message, StringComparison.Ordinal);
        Assert.Contains("-ApplicationInstanceId", error.Message, StringComparison.Ordinal);
        connection.Close();
    }

    [Fact]
    public async Task SeveralApplicationInstancesAreListedInTheWarning()
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Aps = new ApsEmulatorOptions { ApplicationInstanceCount = 3 } });
        var log = new RecordingLog();

        var connection = await CloudBlueConnector.ConnectAsync(Request(host.BaseUri.AbsoluteUri), log.Context());

        Assert.Null(connection.ApplicationInstanceId);
        var warning = Assert.Single(log.Warnings);
        Assert.Equal(3, host.Aps.ApplicationInstanceIds.Count);
        Assert.All(host.Aps.ApplicationInstanceIds, id => Assert.Contains(id, warning, StringComparison.Ordinal));
        Assert.Equal(ErrorIds.ApplicationInstanceRequired, Assert.Throws<CloudBlueMcaException>(() => connection.RequireApplicationInstanceId()).ErrorId);
        connection.Close();
    }

    [Theory]
    [InlineData("unknown-key", EmulatorClients.Secret, 401)]
    [InlineData(EmulatorClients.Key, "wrong-secret", 401)]
    [InlineData(EmulatorClients.Key, "wrong-secret", 403)]
    public async Task RejectedCredentialsAreAuthenticationFailed(string key, string secret, int status)
    {
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Aps = new ApsEmulatorOptions { AuthenticationFailureStatus = status } });
        var log = new RecordingLog();

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => CloudBlueConnector.ConnectAsync(Request(host.BaseUri.AbsoluteUri, key, secret), log.Context()));

        Assert.Equal(ErrorIds.AuthenticationFailed, error.ErrorId);
        Assert.Equal(ErrorKind.AuthenticationError, error.Kind);
        Assert.Contains(host.BaseUri.AbsoluteUri, error.Message, StringComparison.Ordinal);
        Assert.Contains($"'{key}'", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(secret, error.Message + log.AllText, StringComparison.Ordinal);
        Assert.Equal(new[] { "/aps" }, (await host.Log.SettledAsync(1)).Select(e => e.Path));
    }

    [Fact]
    public async Task AClosedPortIsEndpointUnreachable()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => CloudBlueConnector.ConnectAsync(Request($"http://127.0.0.1:{port}", pipeline: EmulatorClients.FastRetries with { MaxAttempts = 2 }), OperationContext.None));

        Assert.Equal(ErrorIds.EndpointUnreachable, error.ErrorId);
        Assert.Equal(ErrorKind.ConnectionError, error.Kind);
        Assert.Contains($"http://127.0.0.1:{port}/", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("http://cb.example.com", ErrorIds.InsecureEndpoint)]
    [InlineData("http://192.168.1.10:8080/", ErrorIds.InsecureEndpoint)]
    [InlineData("ftp://cb.example.com", ErrorIds.InvalidEndpoint)]
    [InlineData("", ErrorIds.InvalidEndpoint)]
    public async Task BadEndpointsFailBeforeAnyRequest(string uri, string errorId)
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.OK, "{}"));

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => CloudBlueConnector.ConnectAsync(Request(uri, pipeline: new HttpPipelineOptions { Handler = handler }), OperationContext.None));

        Assert.Equal(errorId, error.ErrorId);
        Assert.Empty(handler.Sent);
    }

    [Fact]
    public async Task BadParametersFailBeforeAnyRequest()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.OK, "{}"));
        var options = new HttpPipelineOptions { Handler = handler };
        async Task<string> ErrorIdOf(CloudBlueConnectRequest request) =>
            (await Assert.ThrowsAsync<CloudBlueMcaException>(() => CloudBlueConnector.ConnectAsync(request, OperationContext.None))).ErrorId;

        Assert.Equal(ErrorIds.InvalidCredential, await ErrorIdOf(Request("https://cb.example.com", key: " ", pipeline: options)));
        Assert.Equal(ErrorIds.InvalidCredential, await ErrorIdOf(new CloudBlueConnectRequest("https://cb.example.com", "k", new System.Security.SecureString()) { Pipeline = options }));
        Assert.Equal(ErrorIds.InvalidApplicationInstanceId, await ErrorIdOf(new CloudBlueConnectRequest("https://cb.example.com", "k", EmulatorClients.Secure("s")) { Pipeline = options, ApplicationInstanceId = "x),eq(a" }));
        Assert.Equal(ErrorIds.InvalidTypeId, await ErrorIdOf(new CloudBlueConnectRequest("https://cb.example.com", "k", EmulatorClients.Secure("s")) { Pipeline = options, TenantTypeId = "http://x/T),eq(a,b" }));
        Assert.Empty(handler.Sent);
    }

    [Fact]
    public async Task NoSchemeMeansHttps()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.OK, "{\"version\":\"2.0\"}"), ScriptedHandler.Status(HttpStatusCode.OK, "[]", r => r.Content.Headers.TryAddWithoutValidation("Content-Range", "items */0")));

        var connection = await CloudBlueConnector.ConnectAsync(Request("cb.example.com", pipeline: new HttpPipelineOptions { Handler = handler }), new RecordingLog().Context());

        Assert.Equal("https://cb.example.com/", connection.Uri.AbsoluteUri);
        Assert.Equal("https://cb.example.com/aps", handler.Sent[0].Uri.AbsoluteUri);
    }

    [Fact]
    public async Task AClosedConnectionSaysNotConnected()
    {
        var connection = await CloudBlueConnector.ConnectAsync(Request(_emulator.Host.BaseUri.AbsoluteUri), OperationContext.None);
        connection.Close();

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => connection.Client.GetVersionAsync(OperationContext.None));

        Assert.Equal(ErrorIds.NotConnected, error.ErrorId);
    }
}
