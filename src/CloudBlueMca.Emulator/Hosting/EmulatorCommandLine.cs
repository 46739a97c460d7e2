using System.Globalization;

namespace CloudBlueMca.Emulator.Hosting;

/// <summary>
/// The standalone emulator's arguments, so an admin can rehearse slow or failing services outside
/// the test suite: <c>--port N</c>, <c>--accounts N</c>, <c>--tenants-per-account N</c>,
/// <c>--customers N</c> (generated Partner Center customers), <c>--latency-ms N</c> (added to
/// every request) and <c>--fault ROUTE:STATUS[:COUNT]</c> (repeatable; STATUS is an HTTP status
/// or <c>drop</c>; COUNT omitted = every matching request).
/// </summary>
public sealed class EmulatorCommandLine
{
    public const string Usage =
        "Usage: [--port 0-65535] [--accounts N] [--tenants-per-account N>=1] [--customers N] [--latency-ms N] [--fault ROUTE:STATUS[:COUNT]]...\n" +
        "  --fault /aps/2/resources:503:2   the next 2 requests whose path starts with /aps/2/resources answer 503\n" +
        "  --fault /v1/customers:429        every Partner Center customer request answers 429\n" +
        "  --fault /aps:drop:1              the next request to /aps loses its connection";

    public int Port { get; private set; } = 5880;

    public int Accounts { get; private set; }

    public int TenantsPerAccount { get; private set; } = 1;

    /// <summary>Partner Center customers generated in addition to the seed customer.</summary>
    public int Customers { get; private set; }

    public TimeSpan Latency { get; private set; }

    public List<FaultRule> Faults { get; } = new();

    /// <summary>Parses the arguments; throws <see cref="ArgumentException"/> naming the first bad one.</summary>
    public static EmulatorCommandLine Parse(IReadOnlyList<string> args)
    {
        var result = new EmulatorCommandLine();
        for (var i = 0; i < args.Count; i += 2)
        {
            var name = args[i];
            var text = i + 1 < args.Count ? args[i + 1] : null;
            switch (name)
            {
                case "--port":
                    result.Port = Number(name, text, 0, 65535);
                    break;
                case "--accounts":
                    result.Accounts = Number(name, text, 0, int.MaxValue);
                    break;
                case "--tenants-per-account":
                    result.TenantsPerAccount = Number(name, text, 1, int.MaxValue);
                    break;
                case "--customers":
                    result.Customers = Number(name, text, 0, 1_000_000);
                    break;
                case "--latency-ms":
                    result.Latency = TimeSpan.FromMilliseconds(Number(name, text, 0, 600_000));
                    break;
                case "--fault":
                    result.Faults.Add(Fault(text));
                    break;
                default:
                    throw new ArgumentException($"Unknown argument '{name}'.");
            }
        }

        return result;
    }

    private static int Number(string name, string? text, int min, int max) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max
            ? value
            : throw new ArgumentException($"{name} needs a whole number from {min} to {max}, not '{text}'.");

    private static FaultRule Fault(string? text)
    {
        var parts = (text ?? string.Empty).Split(':');
        if (parts.Length < 2 || parts.Length > 3 || !parts[0].StartsWith('/'))
        {
            throw new ArgumentException($"--fault needs ROUTE:STATUS[:COUNT] with a ROUTE starting with '/', such as /aps/2/resources:503:2, not '{text}'.");
        }

        int? count = parts.Length == 3 ? Number("--fault COUNT", parts[2], 1, int.MaxValue) : null;
        if (string.Equals(parts[1], "drop", StringComparison.OrdinalIgnoreCase))
        {
            return new FaultRule { PathPrefix = parts[0], Kind = FaultKind.DropConnection, Count = count };
        }

        return new FaultRule { PathPrefix = parts[0], Kind = FaultKind.Status, StatusCode = Number("--fault STATUS", parts[1], 400, 599), Count = count };
    }
}
