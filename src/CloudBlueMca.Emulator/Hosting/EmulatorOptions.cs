using CloudBlueMca.Emulator.Aps;
using CloudBlueMca.Emulator.PartnerCenter;

namespace CloudBlueMca.Emulator.Hosting;

public sealed class EmulatorOptions
{
    /// <summary>TCP port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; }

    public ApsEmulatorOptions Aps { get; init; } = new();

    public PartnerCenterEmulatorOptions PartnerCenter { get; init; } = new();
}
