namespace CloudBlueMca.Emulator.Hosting;

public enum FaultKind
{
    /// <summary>Wait <see cref="FaultRule.Latency"/>, then serve the request normally.</summary>
    Latency,

    /// <summary>Answer <see cref="FaultRule.StatusCode"/> (e.g. 429, 500, 503) without serving the request.</summary>
    Status,

    /// <summary>Abort the connection without an answer.</summary>
    DropConnection,
}

/// <summary>
/// A fault to inject into matching requests: for the next <see cref="Count"/> of them, or for a
/// <see cref="Fraction"/> of them (drawn from a seeded random source so runs repeat).
/// </summary>
public sealed class FaultRule
{
    /// <summary>HTTP method to match; null matches any.</summary>
    public string? Method { get; init; }

    /// <summary>Matches when the request path starts with this (case-insensitive); "/" matches all.</summary>
    public string PathPrefix { get; init; } = "/";

    /// <summary>Optional extra match on the raw query string (substring, case-sensitive).</summary>
    public string? QueryContains { get; init; }

    public FaultKind Kind { get; init; }

    public TimeSpan Latency { get; init; }

    public int StatusCode { get; init; } = 503;

    /// <summary>Sent as <c>Retry-After</c> in seconds when set.</summary>
    public int? RetryAfterSeconds { get; init; }

    /// <summary>How many matching requests to fault; null = no limit.</summary>
    public int? Count { get; init; }

    /// <summary>Share of matching requests to fault, 0..1.</summary>
    public double Fraction { get; init; } = 1.0;
}
