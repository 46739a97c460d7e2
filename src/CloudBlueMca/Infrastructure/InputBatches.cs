using System;
using System.Collections.Generic;

namespace CloudBlueMca.Infrastructure
{
    /// <summary>
    /// Gathers pipeline input and hands it on in batches, so thousands of input objects cost a
    /// few batched or overlapping requests instead of thousands of sequential ones. A batch is
    /// processed when it is full and once more at the end (<see cref="Flush"/>).
    /// </summary>
    internal sealed class InputBatches<TItem>
    {
        private readonly List<TItem> _pending = new List<TItem>();
        private readonly int _size;
        private readonly Action<TItem[]> _process;

        public InputBatches(int size, Action<TItem[]> process)
        {
            _size = size;
            _process = process;
        }

        public void Add(IEnumerable<TItem> items)
        {
            _pending.AddRange(items);
            if (_pending.Count >= _size)
            {
                Flush();
            }
        }

        public void Flush()
        {
            if (_pending.Count == 0)
            {
                return;
            }

            var batch = _pending.ToArray();
            _pending.Clear();
            _process(batch);
        }
    }
}
