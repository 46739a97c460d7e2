using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CloudBlueMca.Engine.Aps.Rql;
using CloudBlueMca.Engine.Mca;

namespace CloudBlueMca.Engine.Sync
{
    /// <summary>
    /// The customer accounts that have a Tenant resource, read page by page
    /// (<c>implementing(Tenant),select(account)</c> with <c>limit()</c>), each account once, in
    /// the order its first Tenant appears.
    /// </summary>
    public sealed class SyncAccountPager
    {
        public const int PageSize = 500;

        private readonly CloudBlueConnection _connection;
        private readonly HashSet<int> _seen = new HashSet<int>();
        private int _offset;

        internal SyncAccountPager(CloudBlueConnection connection)
        {
            _connection = connection;
        }

        public bool HasMore { get; private set; } = true;

        /// <summary>The accounts first seen on the next page of Tenant resources (possibly none).</summary>
        public async Task<IReadOnlyList<int>> NextPageAsync(OperationContext context)
        {
            if (!HasMore)
            {
                return new int[0];
            }

            var query = new RqlQuery(Rql.Implementing(_connection.TenantTypeId), Rql.Select("account"));
            var page = await _connection.Client.GetPageAsync(query, _offset, PageSize, context).ConfigureAwait(false);
            _offset += page.Items.Count;
            HasMore = page.Items.Count == PageSize && (page.Total == null || _offset < page.Total);
            return page.Items
                .Select(TenantJson.Read)
                .Where(record => record?.AccountId != null)
                .Select(record => record!.AccountId!.Value)
                .Where(_seen.Add)
                .ToList();
        }
    }
}
