using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Bulk;

namespace CloudBlueMca.Tests.Support;

/// <summary>
/// Drives a <see cref="BulkRun{TRow}"/> the way the cmdlets' pipeline thread does: adds every
/// row (writing what is ready while the window is full), asks <c>approve</c> for each plan,
/// and returns the rows in the order they were written; <c>inspect</c> sees the finished run.
/// </summary>
internal static class BulkRunner
{
    public static async Task<IReadOnlyList<TRow>> RunAsync<TRow>(IBulkWorkflow<TRow> workflow, int throttleLimit, OperationContext context, IEnumerable<TRow> rows, Func<TRow, bool>? approve = null, int window = BulkRun<TRow>.DefaultWindow, Action<BulkRun<TRow>>? inspect = null)
        where TRow : BulkRow
    {
        var changed = new SemaphoreSlim(0);
        using var run = new BulkRun<TRow>(workflow, throttleLimit, context, () => changed.Release(), window);
        var written = new List<TRow>();

        async Task PumpAsync(Func<bool> done)
        {
            while (true)
            {
                while (run.TakeNext() is BulkStep<TRow> step)
                {
                    if (step.NeedsApproval)
                    {
                        run.Approve(step.Row, approve?.Invoke(step.Row) ?? true);
                    }
                    else
                    {
                        written.Add(step.Row);
                    }
                }

                if (done())
                {
                    return;
                }

                await changed.WaitAsync(TimeSpan.FromMilliseconds(250));
            }
        }

        foreach (var row in rows)
        {
            run.Add(row);
            await PumpAsync(() => run.HasRoom);
        }

        run.Complete();
        await PumpAsync(() => run.IsFinished);
        inspect?.Invoke(run);
        return written;
    }

    /// <summary>
    /// Adds every row, approves every plan, and stops the run once <paramref name="stopAfter"/>
    /// rows were written (as Select-Object -First or Ctrl+C would): the rows written, what
    /// <see cref="BulkRun{TRow}.Stop"/> named, and how long the stop took.
    /// </summary>
    public static async Task<(List<TRow> Written, IReadOnlyList<string> Unwritten, TimeSpan StopTook)> RunAndStopAsync<TRow>(IBulkWorkflow<TRow> workflow, int throttleLimit, OperationContext context, IEnumerable<TRow> rows, int stopAfter)
        where TRow : BulkRow
    {
        var changed = new SemaphoreSlim(0);
        using var run = new BulkRun<TRow>(workflow, throttleLimit, context, () => changed.Release());
        foreach (var row in rows)
        {
            run.Add(row);
        }

        run.Complete();
        var written = new List<TRow>();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (written.Count < stopAfter && DateTime.UtcNow < until)
        {
            while (written.Count < stopAfter && run.TakeNext() is BulkStep<TRow> step)
            {
                if (step.NeedsApproval)
                {
                    run.Approve(step.Row, true);
                }
                else
                {
                    written.Add(step.Row);
                }
            }

            await changed.WaitAsync(50);
        }

        var clock = System.Diagnostics.Stopwatch.StartNew();
        var unwritten = run.Stop(TimeSpan.FromSeconds(2));
        var took = clock.Elapsed;
        if (run.TakeNext() != null)
        {
            throw new InvalidOperationException("The run offered a row after it was stopped.");
        }

        return (written, unwritten, took);
    }
}
