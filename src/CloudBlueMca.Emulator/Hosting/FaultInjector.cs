namespace CloudBlueMca.Emulator.Hosting;

/// <summary>Holds the fault rules and a base latency applied to every request. Thread-safe.</summary>
public sealed class FaultInjector
{
    private readonly object _gate = new();
    private readonly List<(FaultRule Rule, int Used)> _rules = new();
    private readonly Random _random;

    public FaultInjector(int seed = 12345)
    {
        _random = new Random(seed);
    }

    /// <summary>Added to every request before it is served (benchmarks use this to model a WAN).</summary>
    public TimeSpan BaseLatency { get; set; }

    public void Add(FaultRule rule)
    {
        lock (_gate)
        {
            _rules.Add((rule, 0));
        }
    }

    public void Clear()
    {
        lock (_gate)
        {
            _rules.Clear();
        }
    }

    /// <summary>Picks the first rule that matches and still has uses left, and consumes one use.</summary>
    public FaultRule? Next(string method, string path, string rawQuery)
    {
        lock (_gate)
        {
            for (var i = 0; i < _rules.Count; i++)
            {
                var (rule, used) = _rules[i];
                if (!Matches(rule, method, path, rawQuery))
                {
                    continue;
                }

                if (rule.Count is int count && used >= count)
                {
                    continue;
                }

                if (rule.Fraction < 1.0 && _random.NextDouble() >= rule.Fraction)
                {
                    continue;
                }

                _rules[i] = (rule, used + 1);
                return rule;
            }

            return null;
        }
    }

    private static bool Matches(FaultRule rule, string method, string path, string rawQuery) =>
        (rule.Method is null || string.Equals(rule.Method, method, StringComparison.OrdinalIgnoreCase))
        && path.StartsWith(rule.PathPrefix, StringComparison.OrdinalIgnoreCase)
        && (rule.QueryContains is null || rawQuery.Contains(rule.QueryContains, StringComparison.Ordinal));
}
