using System.Collections.Concurrent;
using CloudBlueMca.Engine;

namespace CloudBlueMca.Tests.Support;

/// <summary>An <see cref="IEngineLog"/> that keeps everything, so tests can assert on what a user would see.</summary>
public sealed class RecordingLog : IEngineLog
{
    private readonly ConcurrentQueue<string> _verbose = new();
    private readonly ConcurrentQueue<string> _warnings = new();
    private readonly ConcurrentQueue<EngineProgress> _progress = new();

    public IReadOnlyList<string> VerboseMessages => _verbose.ToArray();

    public IReadOnlyList<string> Warnings => _warnings.ToArray();

    public IReadOnlyList<EngineProgress> ProgressReports => _progress.ToArray();

    /// <summary>Everything written, one message per line, for "never contains a secret" assertions.</summary>
    public string AllText => string.Join("\n", _verbose.Concat(_warnings).Concat(_progress.Select(p => p.Activity + " " + p.Status)));

    public void Verbose(string message) => _verbose.Enqueue(message);

    public void Warning(string message) => _warnings.Enqueue(message);

    public void Progress(EngineProgress progress) => _progress.Enqueue(progress);

    public OperationContext Context(CancellationToken cancellation = default) => new(this, cancellation);
}
