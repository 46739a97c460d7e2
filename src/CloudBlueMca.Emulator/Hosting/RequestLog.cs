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
    /// <summary>Path and query exactly as sent (still percent-encoded), e.g. <c>/aps/2/resources/?implementing(...)</c>.</summary>
    public string PathAndQuery => Path + RawQuery;

    public string? Header(string name) => Headers.TryGetValue(name, out var value) ? value : null;
}

/// <summary>Every request the emulator served, in arrival order. Thread-safe.</summary>
public sealed class RequestLog
{
    private readonly ConcurrentQueue<LoggedRequest> _entries = new();

    public IReadOnlyList<LoggedRequest> Entries => _entries.ToArray();

    public int Count => _entries.Count;

    public void Add(LoggedRequest entry) => _entries.Enqueue(entry);

    public void Clear() => _entries.Clear();
}
