using System.Collections.Generic;

namespace CloudBlueMca.Infrastructure
{
    /// <summary>
    /// Base of the CloudBlue cmdlets that gather pipeline input and hand it to the engine in
    /// batches, so thousands of input objects cost a few batched requests instead of thousands of
    /// sequential ones. A batch is processed when it is full and once more at the end. Only
    /// Sync-McaAcceptance still uses it: its results come batch by batch, not row by row through
    /// BulkPipeline as the MCA cmdlets' do.
    /// </summary>
    public abstract class BatchingCloudBlueCmdlet<TItem> : CloudBlueCmdlet
    {
        private readonly List<TItem> _pending = new List<TItem>();

        protected abstract int BatchSize { get; }

        /// <summary>Runs one batch and writes its results, in input order.</summary>
        protected abstract void ProcessBatch(TItem[] batch);

        protected void Enqueue(IEnumerable<TItem> items)
        {
            _pending.AddRange(items);
            if (_pending.Count >= BatchSize)
            {
                Flush();
            }
        }

        protected void Enqueue(TItem item) => Enqueue(new[] { item });

        protected override void EndProcessing()
        {
            Flush();
        }

        private void Flush()
        {
            if (_pending.Count == 0)
            {
                return;
            }

            var batch = _pending.ToArray();
            _pending.Clear();
            ProcessBatch(batch);
        }
    }
}
