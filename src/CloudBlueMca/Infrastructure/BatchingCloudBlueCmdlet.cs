using System.Collections.Generic;

namespace CloudBlueMca.Infrastructure
{
    /// <summary>
    /// Base of the CloudBlue cmdlets that gather pipeline input and hand it to the engine in
    /// batches (<see cref="InputBatches{TItem}"/>).
    /// </summary>
    public abstract class BatchingCloudBlueCmdlet<TItem> : CloudBlueCmdlet
    {
        private InputBatches<TItem>? _batches;

        protected abstract int BatchSize { get; }

        /// <summary>Runs one batch and writes its results, in input order.</summary>
        protected abstract void ProcessBatch(TItem[] batch);

        protected void Enqueue(IEnumerable<TItem> items) => Batches.Add(items);

        protected void Enqueue(TItem item) => Enqueue(new[] { item });

        protected override void EndProcessing() => Batches.Flush();

        private InputBatches<TItem> Batches => _batches ??= new InputBatches<TItem>(BatchSize, ProcessBatch);
    }
}
