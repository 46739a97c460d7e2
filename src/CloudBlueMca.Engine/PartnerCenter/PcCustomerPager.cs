using System;
using System.Collections.Generic;
using System.Threading.Tasks;

namespace CloudBlueMca.Engine.PartnerCenter
{
    /// <summary>
    /// Reads every customer of the partner one page at a time, so the caller can write each page
    /// to the pipeline before the next one is requested. Reports progress as it goes.
    /// </summary>
    public sealed class PcCustomerPager
    {
        private const string Activity = "Reading Partner Center customers";

        private readonly PcConnection _connection;
        private readonly int _pageSize;
        private PcNextLink? _next;
        private int _pages;

        internal PcCustomerPager(PcConnection connection, int pageSize)
        {
            _connection = connection;
            _pageSize = pageSize;
        }

        public bool HasMore { get; private set; } = true;

        /// <summary>Customers read so far.</summary>
        public int Count { get; private set; }

        /// <summary>The next page; empty once <see cref="HasMore"/> is false.</summary>
        public async Task<IReadOnlyList<PcCustomer>> NextPageAsync(OperationContext context)
        {
            if (!HasMore)
            {
                return Array.Empty<PcCustomer>();
            }

            var page = await _connection.Client.GetCustomerPageAsync(_next, _pageSize, context).ConfigureAwait(false);
            _pages++;
            _next = page.Next;
            HasMore = page.Next != null;
            Count += page.Items.Count;
            context.Log.Progress(HasMore
                ? new EngineProgress(Activity, $"{Count} customers read ({_pages} pages)", Count, null)
                : new EngineProgress(Activity, $"{Count} customers read", Count, Count));
            return page.Items;
        }
    }
}
