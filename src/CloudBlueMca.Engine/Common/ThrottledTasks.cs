using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace CloudBlueMca.Engine
{
    /// <summary>
    /// Runs one piece of asynchronous work per item with at most a given number in flight, so a
    /// bulk run overlaps its round trips without flooding the server.
    /// </summary>
    internal static class ThrottledTasks
    {
        /// <summary>
        /// The results in item order, whatever order the work finishes in. Waiting for a free slot
        /// honours <paramref name="cancellation"/>; the work itself must honour it too.
        /// </summary>
        public static async Task<TResult[]> SelectAsync<TItem, TResult>(IEnumerable<TItem> items, int limit, Func<TItem, Task<TResult>> work, CancellationToken cancellation)
        {
            if (limit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(limit), limit, "At least one task must be allowed in flight.");
            }

            // Task.WhenAll waits for every task, cancelled ones included, before the gate is disposed.
            using (var gate = new SemaphoreSlim(limit))
            {
                return await Task.WhenAll(items.Select(item => RunAsync(item, gate, work, cancellation))).ConfigureAwait(false);
            }
        }

        /// <summary>Like <see cref="SelectAsync"/>, for work without a result.</summary>
        public static Task ForEachAsync<TItem>(IEnumerable<TItem> items, int limit, Func<TItem, Task> work, CancellationToken cancellation) =>
            SelectAsync(
                items,
                limit,
                async item =>
                {
                    await work(item).ConfigureAwait(false);
                    return true;
                },
                cancellation);

        private static async Task<TResult> RunAsync<TItem, TResult>(TItem item, SemaphoreSlim gate, Func<TItem, Task<TResult>> work, CancellationToken cancellation)
        {
            await gate.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                return await work(item).ConfigureAwait(false);
            }
            finally
            {
                gate.Release();
            }
        }
    }
}
