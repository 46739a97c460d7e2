namespace CloudBlueMca.Emulator.PartnerCenter;

public sealed class PartnerCenterEmulatorOptions
{
}
