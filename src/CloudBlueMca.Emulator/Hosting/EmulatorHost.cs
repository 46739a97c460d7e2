using CloudBlueMca.Emulator.Aps;
using CloudBlueMca.Emulator.PartnerCenter;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace CloudBlueMca.Emulator.Hosting;

/// <summary>
/// The emulator running on 127.0.0.1 (never another interface). Tests start one per test class
/// on port 0; <c>dotnet run --project src/CloudBlueMca.Emulator</c> starts one on a fixed port.
/// </summary>
public sealed class EmulatorHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private EmulatorHost(WebApplication app, Uri baseUri, ApsStore aps, PartnerCenterStore partnerCenter, RequestLog log, FaultInjector faults)
    {
        _app = app;
        BaseUri = baseUri;
        Aps = aps;
        PartnerCenter = partnerCenter;
        Log = log;
        Faults = faults;
    }

    /// <summary>e.g. <c>http://127.0.0.1:53124/</c> (always ends with a slash).</summary>
    public Uri BaseUri { get; }

    public ApsStore Aps { get; }

    public PartnerCenterStore PartnerCenter { get; }

    public RequestLog Log { get; }

    public FaultInjector Faults { get; }

    /// <summary>
    /// Cancelled when the process is asked to stop: the host's console lifetime turns Ctrl+C and
    /// SIGTERM into this and swallows the signal itself, so a standalone run must wait on it.
    /// </summary>
    public CancellationToken Stopping => _app.Lifetime.ApplicationStopping;

    public static async Task<EmulatorHost> StartAsync(EmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new EmulatorOptions();
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(k => k.Listen(System.Net.IPAddress.Loopback, options.Port));

        var log = new RequestLog();
        var faults = new FaultInjector();
        var aps = new ApsStore(options.Aps);
        var partnerCenter = new PartnerCenterStore(options.PartnerCenter);

        var app = builder.Build();
        app.UseMiddleware<EmulatorMiddleware>(log, faults);
        app.MapEmulatorControl(log, faults, aps);
        app.MapAps(aps);
        app.MapPartnerCenter(partnerCenter);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var baseUri = new Uri(address.EndsWith('/') ? address : address + "/");
        return new EmulatorHost(app, baseUri, aps, partnerCenter, log, faults);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
