namespace CloudBlueMca.Emulator.Aps;

public sealed class ApsStore
{
    public ApsStore(ApsEmulatorOptions options)
    {
        Options = options;
    }

    public ApsEmulatorOptions Options { get; }
}
