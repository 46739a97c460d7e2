namespace CloudBlueMca.Emulator.Aps;

public sealed class ApsEmulatorOptions
{
}
