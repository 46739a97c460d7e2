namespace CloudBlueMca.Emulator.PartnerCenter;

public sealed class PartnerCenterStore
{
    public PartnerCenterStore(PartnerCenterEmulatorOptions options)
    {
        Options = options;
    }

    public PartnerCenterEmulatorOptions Options { get; }
}
