using System.Collections.Concurrent;

namespace CloudBlueMca.Emulator.Hosting;

/// <summary>One request as the emulator saw it, for tests to assert on.</summary>
public sealed record LoggedRequest(
    DateTimeOffset Time,
    string Method,
    string Path,
    string RawQuery,
    IReadOnlyDictionary<string, string> Headers,
    string Body,
    int StatusCode,
    string? Fault)
{
    /// <summary>
    /// The path as the server decoded it, followed by the query exactly as sent (still
    /// percent-encoded), e.g. <c>/aps/2/resources/?implementing(...)</c>. Fault rules match the
    /// same decoded path.
    /// </summary>
    public string PathAndQuery => Path + RawQuery;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>Every request the emulator served, in arrival order. Thread-safe.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<LoggedRequest> _entries = new();
    private int _inFlight;
    private int _peakInFlight;

    public IReadOnlyList<LoggedRequest> Entries => _entries.ToArray();

    public int Count => _entries.Count;

    /// <summary>
    /// The most requests served at the same time since the last <see cref="Clear"/>: lets tests
    /// check that a client overlaps its calls, and bounds them, without measuring wall time.
    /// </summary>
    public int PeakInFlight => Volatile.Read(ref _peakInFlight);

    public void Add(LoggedRequest entry) => _entries.Enqueue(entry);

    public void Clear()
    {
        _entries.Clear();
        Volatile.Write(ref _peakInFlight, Volatile.Read(ref _inFlight));
    }

    internal void RequestStarted()
    {
        var now = Interlocked.Increment(ref _inFlight);
        var peak = Volatile.Read(ref _peakInFlight);
        while (now > peak)
        {
            var seen = Interlocked.CompareExchange(ref _peakInFlight, now, peak);
            if (seen == peak)
            {
                return;
            }

            peak = seen;
        }
    }

    internal void RequestFinished() => Interlocked.Decrement(ref _inFlight);
}
