using System.Text.Json.Nodes;
using CloudBlueMca.Emulator.Aps;
using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.CloudBlue;
using CloudBlueMca.Engine.Http;
using CloudBlueMca.Engine.Mca;
using CloudBlueMca.Tests.Support;

namespace CloudBlueMca.Tests.Mca;

/// <summary>
/// A private emulator per test (tests here change data and inject faults) and a connection to
/// it with short retry delays, plus the seed facts the MCA tests assert on.
/// </summary>
internal sealed class McaEmulator : IAsyncDisposable
{
    public const string TenantType = "http://www.parallels.com/Office365/Tenant/2.8";
    public const string ExampleMsAccountId = "0ec8e245-2509-44b9-a184-a313345db839";
    public const string ContosoMsAccountId = "4188e387-a418-40f0-9166-54295cab3fcc";

    private McaEmulator(EmulatorHost host, CloudBlueConnection connection)
    {
        Host = host;
        Connection = connection;
    }

    public EmulatorHost Host { get; }

    public CloudBlueConnection Connection { get; }

    public RecordingLog Log { get; } = new();

    public OperationContext Context => Log.Context();

    public static async Task<McaEmulator> StartAsync(ApsEmulatorOptions? aps = null)
    {
        var host = await EmulatorHost.StartAsync(new EmulatorOptions { Aps = aps ?? new ApsEmulatorOptions() });
        var request = new CloudBlueConnectRequest(host.BaseUri.ToString(), EmulatorClients.Key, EmulatorClients.Secure(EmulatorClients.Secret))
        {
            Pipeline = new HttpPipelineOptions { BaseRetryDelay = TimeSpan.FromMilliseconds(10), MaxRetryDelay = TimeSpan.FromMilliseconds(200), MaxAttempts = 3 },
        };
        var connection = await CloudBlueConnector.ConnectAsync(request, OperationContext.None);
        host.Log.Clear();
        return new McaEmulator(host, connection);
    }

    public IReadOnlyList<LoggedRequest> Requests => Host.Log.Entries;

    public IReadOnlyList<LoggedRequest> Puts => Host.Log.Entries.Where(r => r.Method == "PUT").ToList();

    public McaConfirmationWorkflow Workflow(bool force = false, int throttleLimit = McaConfirmationWorkflow.DefaultThrottleLimit) =>
        new(Connection, force, throttleLimit, () => new DateTimeOffset(2024, 5, 17, 15, 30, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

    /// <summary>Runs the rows as the cmdlet does, approving every plan unless told otherwise; the rows in the order written.</summary>
    public Task<IReadOnlyList<ConfirmationRow>> ConfirmAsync(McaConfirmationWorkflow workflow, params ConfirmationRequest[] requests) =>
        ConfirmAsync(workflow, null, requests);

    public Task<IReadOnlyList<ConfirmationRow>> ConfirmAsync(McaConfirmationWorkflow workflow, Func<ConfirmationRow, bool>? approve, params ConfirmationRequest[] requests) =>
        BulkRunner.RunAsync(workflow, workflow.ThrottleLimit, Context, requests.Select((request, i) => new ConfirmationRow(i + 1, request)), approve);

    public Task<IReadOnlyList<ConfirmationRow>> ConfirmAsync(params ConfirmationRequest[] rows) => ConfirmAsync(Workflow(), rows);

    public static ConfirmationRequest Row(string? subdomain = null, string? msAccountId = null, string email = "john@example.com", object? date = null) => new()
    {
        InitialSubdomain = subdomain,
        MsAccountId = msAccountId,
        FirstName = "John",
        LastName = "Smith",
        Email = email,
        PhoneNumber = "+1234567",
        DateAgreed = date ?? new DateTime(2020, 3, 10),
    };

    public static JsonNode Body(LoggedRequest request) => JsonNode.Parse(request.Body)!;

    public async ValueTask DisposeAsync() => await Host.DisposeAsync();
}
