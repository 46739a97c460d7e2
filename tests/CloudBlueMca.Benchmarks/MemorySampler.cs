using System.Diagnostics;

namespace CloudBlueMca.Benchmarks;

/// <summary>Samples the managed heap while a run goes on and keeps the peak above the starting point.</summary>
internal sealed class MemorySampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _sampling;
    private long _peak;

    public MemorySampler()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        Baseline = GC.GetTotalMemory(forceFullCollection: true);
        _peak = Baseline;
        _sampling = Task.Run(SampleAsync);
    }

    public long Baseline { get; }

    /// <summary>Peak managed heap during the run minus the heap before it (emulator data included in neither).</summary>
    public long PeakGrowth => Math.Max(0, Interlocked.Read(ref _peak) - Baseline);

    public static long ProcessPeakWorkingSet
    {
        get
        {
            using var process = Process.GetCurrentProcess();
            process.Refresh();
            return process.PeakWorkingSet64;
        }
    }

    public void Sample()
    {
        var now = GC.GetTotalMemory(forceFullCollection: false);
        long seen;
        while (now > (seen = Interlocked.Read(ref _peak)) && Interlocked.CompareExchange(ref _peak, now, seen) != seen)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        _stop.Cancel();
        await _sampling;
        _stop.Dispose();
    }

    private async Task SampleAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            Sample();
            try
            {
                await Task.Delay(10, _stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }
}
