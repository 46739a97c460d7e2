using System.Collections.Concurrent;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Bulk;
using Xunit;

namespace CloudBlueMca.Tests.Engine;

/// <summary>
/// How a bulk run starts: its first row is looked up alone and, for a batched workflow, no
/// other new group starts until that row is written and the pipeline thread is back (the next
/// command's work on it runs inside that write), unless the input has ended or fallen silent
/// (the idle case is in McaConfirmationTests, with a slow input). Rows are read
/// through their states, which the run sets under its lock as it sends a group, so nothing
/// here depends on timing.
/// </summary>
public class BulkRunFirstGroupTests
{
    [Fact]
    public async Task A_batched_run_sends_no_second_group_until_its_first_row_is_written_and_the_pipeline_thread_asks_again()
    {
        var workflow = new GatedWorkflow(groupSize: 250, concurrency: 2);
        using var run = new BulkRun<TestRow>(workflow, 4, OperationContext.None, () => { }, idleInputDelay: Timeout.InfiniteTimeSpan);
        var rows = Enumerable.Range(1, 300).Select(i => new TestRow(i)).ToList();
        foreach (var row in rows)
        {
            run.Add(row);
        }

        // Two groups could run at once and a full group of 250 is waiting, yet only row 1 went.
        Assert.Equal(new[] { 1 }, workflow.GroupSizes(1));
        Assert.Equal(BulkRowState.LookingUp, rows[0].State);
        Assert.All(rows.Skip(1), r => Assert.Equal(BulkRowState.Queued, r.State));

        workflow.Open();
        var written = await TakeAsync(run, 1);
        Assert.Equal(rows.Take(1), written);

        // Row 1 was handed out; its write may still be running.
        Assert.All(rows.Skip(1), r => Assert.Equal(BulkRowState.Queued, r.State));

        Assert.Null(run.TakeNext());
        Assert.Equal(new[] { 1, 250 }, workflow.GroupSizes(2));
        Assert.All(rows.Skip(1).Take(250), r => Assert.NotEqual(BulkRowState.Queued, r.State));
        Assert.All(rows.Skip(251), r => Assert.Equal(BulkRowState.Queued, r.State));

        run.Complete();
        Assert.Equal(new[] { 1, 49, 250 }, workflow.GroupSizes(3));
    }

    [Fact]
    public void Once_the_input_has_ended_the_other_rows_do_not_wait_for_the_first()
    {
        var workflow = new GatedWorkflow(groupSize: 250, concurrency: 2);
        using var run = new BulkRun<TestRow>(workflow, 4, OperationContext.None, () => { }, idleInputDelay: Timeout.InfiniteTimeSpan);
        var rows = Enumerable.Range(1, 30).Select(i => new TestRow(i)).ToList();
        foreach (var row in rows)
        {
            run.Add(row);
        }

        Assert.All(rows.Skip(1), r => Assert.Equal(BulkRowState.Queued, r.State));
        run.Complete();

        Assert.Equal(new[] { 1, 29 }, workflow.GroupSizes(2));
        Assert.All(rows, r => Assert.Equal(BulkRowState.LookingUp, r.State));
        workflow.Open();
    }

    [Fact]
    public void A_run_that_looks_up_one_row_per_request_starts_as_many_as_it_may_at_once()
    {
        var workflow = new GatedWorkflow(groupSize: 1, concurrency: 4);
        using var run = new BulkRun<TestRow>(workflow, 4, OperationContext.None, () => { });
        var rows = Enumerable.Range(1, 10).Select(i => new TestRow(i)).ToList();
        foreach (var row in rows)
        {
            run.Add(row);
        }

        Assert.Equal(new[] { 1, 1, 1, 1 }, workflow.GroupSizes(4));
        Assert.All(rows.Take(4), r => Assert.Equal(BulkRowState.LookingUp, r.State));
        Assert.All(rows.Skip(4), r => Assert.Equal(BulkRowState.Queued, r.State));
        workflow.Open();
    }

    private static async Task<List<TestRow>> TakeAsync(BulkRun<TestRow> run, int count)
    {
        var written = new List<TestRow>();
        var until = DateTime.UtcNow.AddSeconds(10);
        while (written.Count < count && DateTime.UtcNow < until)
        {
            if (run.TakeNext() is BulkStep<TestRow> step)
            {
                Assert.False(step.NeedsApproval);
                written.Add(step.Row);
                continue;
            }

            await Task.Delay(5);
        }

        return written;
    }

    internal sealed class TestRow : BulkRow
    {
        public TestRow(int number) => Number = number;

        public int Number { get; }

        public override string Name => "row" + Number;

        public override object Target => Number;
    }

    /// <summary>Records each group as it starts, and settles every row once opened.</summary>
    private sealed class GatedWorkflow : IBulkWorkflow<TestRow>
    {
        private readonly TaskCompletionSource<bool> _open = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private readonly ConcurrentQueue<int> _groupSizes = new();

        public GatedWorkflow(int groupSize, int concurrency)
        {
            LookUpGroupSize = groupSize;
            LookUpConcurrency = concurrency;
        }

        public int LookUpGroupSize { get; }

        public int LookUpConcurrency { get; }

        /// <summary>
        /// The sizes of the groups started so far, once at least <paramref name="count"/> have
        /// started (their look-ups run on the thread pool), smallest first.
        /// </summary>
        public int[] GroupSizes(int count)
        {
            SpinWait.SpinUntil(() => _groupSizes.Count >= count, TimeSpan.FromSeconds(5));
            return _groupSizes.OrderBy(size => size).ToArray();
        }

        public void Open() => _open.TrySetResult(true);

        public async Task LookUpAsync(IReadOnlyList<TestRow> rows, OperationContext context)
        {
            _groupSizes.Enqueue(rows.Count);
            await _open.Task.ConfigureAwait(false);
            foreach (var row in rows)
            {
                row.Succeed(row.Number);
            }
        }

        public Task UpdateAsync(TestRow row, OperationContext context) => throw new InvalidOperationException("No row plans an update.");
    }
}
