using CloudBlueMca.Emulator.Hosting;
using Xunit;

namespace CloudBlueMca.Tests.Support;

/// <summary>
/// One emulator with the default (seed) data per test class: <c>IClassFixture&lt;EmulatorFixture&gt;</c>.
/// Tests that change data or inject faults should start their own host with
/// <see cref="EmulatorHost.StartAsync"/> so they do not disturb other tests.
/// </summary>
public sealed class EmulatorFixture : IAsyncLifetime
{
    public EmulatorHost Host { get; private set; } = null!;

    public async Task InitializeAsync() => Host = await EmulatorHost.StartAsync();

    public async Task DisposeAsync() => await Host.DisposeAsync();
}
