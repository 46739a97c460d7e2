using System.Globalization;

namespace CloudBlueMca.Benchmarks;

/// <summary>Command-line flags; every one has the default the issue asks for.</summary>
internal sealed class BenchmarkOptions
{
    /// <summary>Accounts for the naive-vs-engine comparison.</summary>
    public int Accounts { get; private set; } = 1000;

    /// <summary>Latency the emulator adds to every request, modelling a WAN round trip.</summary>
    public TimeSpan Latency { get; private set; } = TimeSpan.FromMilliseconds(20);

    /// <summary>Accounts for the engine-only memory run with no added latency; 0 skips it.</summary>
    public int LargeAccounts { get; private set; } = 100_000;

    public bool SkipComparison { get; private set; }

    public static BenchmarkOptions Parse(string[] args)
    {
        var options = new BenchmarkOptions();
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--accounts":
                    options.Accounts = Number(args, ++i);
                    break;
                case "--latency-ms":
                    options.Latency = TimeSpan.FromMilliseconds(Number(args, ++i));
                    break;
                case "--large-accounts":
                    options.LargeAccounts = Number(args, ++i);
                    break;
                case "--skip-comparison":
                    options.SkipComparison = true;
                    break;
                default:
                    throw new ArgumentException($"Unknown flag '{args[i]}'. Flags: --accounts N (default 1000), --latency-ms N (default 20), --large-accounts N (default 100000, 0 skips), --skip-comparison.");
            }
        }

        return options;
    }

    private static int Number(string[] args, int index) =>
        index < args.Length && int.TryParse(args[index], NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new ArgumentException($"'{args[index - 1]}' needs a non-negative whole number.");
}
