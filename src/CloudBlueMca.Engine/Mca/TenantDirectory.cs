using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CloudBlueMca.Engine.Aps;
using CloudBlueMca.Engine.Aps.Rql;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>
    /// Finds Tenant resources by many initial subdomains or Microsoft account ids at once: one
    /// <c>in(property,(...))</c> request per chunk instead of one request per value (seed 000 and
    /// seed 001 step 3, batched; a lone value is sent as seed 000's <c>eq()</c>), chunks sent
    /// concurrently up to the throttle limit.
    /// </summary>
    internal sealed class TenantDirectory
    {
        // Proxies and servers commonly refuse URLs of 2,000 characters or more.
        private const int MaxUrlLength = 2000;

        // Room for the ",limit(offset,count)" the client appends to every page request.
        private const int PagingReserve = 32;

        private readonly CloudBlueConnection _connection;
        private readonly int _throttleLimit;

        public TenantDirectory(CloudBlueConnection connection, int throttleLimit)
        {
            _connection = connection;
            _throttleLimit = throttleLimit;
        }

        public Task<TenantLookup> FindBySubdomainsAsync(IReadOnlyCollection<string> labels, OperationContext context) =>
            FindAsync("initial_subdomain", labels, record => record.InitialSubdomain, context);

        public Task<TenantLookup> FindByMsAccountIdsAsync(IReadOnlyCollection<string> msAccountIds, OperationContext context) =>
            FindAsync("ms_account_id", msAccountIds, record => record.MsAccountId, context);

        public Task PutContactAsync(TenantResource tenant, McaContact contact, OperationContext context) =>
            _connection.Client.PutResourceAsync(tenant.ApsId, TenantJson.ContactBody(contact), context);

        private async Task<TenantLookup> FindAsync(string property, IReadOnlyCollection<string> values, Func<TenantRecord, string?> keyOf, OperationContext context)
        {
            var lookup = new TenantLookup();
            if (values.Count == 0)
            {
                return lookup;
            }

            var chunks = InListChunker.Chunk(values.ToList(), chunk => _connection.Client.ListUrl(Query(Rql.In(property, chunk))).Length + PagingReserve, MaxUrlLength).ToList();
            var pages = await ThrottledTasks.SelectAsync(chunks, _throttleLimit, chunk => ListAsync(property, chunk, context), context.Cancellation).ConfigureAwait(false);
            for (var i = 0; i < chunks.Count; i++)
            {
                if (pages[i].Error != null)
                {
                    lookup.Fail(chunks[i], pages[i].Error!);
                    continue;
                }

                foreach (var record in pages[i].Records)
                {
                    var key = keyOf(record);
                    if (key != null)
                    {
                        lookup.Add(key, record);
                    }
                }
            }

            return lookup;
        }

        private async Task<(IReadOnlyList<TenantRecord> Records, CloudBlueMcaException? Error)> ListAsync(string property, IReadOnlyList<string> chunk, OperationContext context)
        {
            try
            {
                // One value is asked for with eq(), exactly the request of seed 000; it is shorter
                // than the in() form the chunk was measured with.
                var filter = chunk.Count == 1 ? Rql.Eq(property, chunk[0]) : Rql.In(property, chunk);
                var items = await _connection.Client.ListAsync(Query(filter), context).ConfigureAwait(false);
                var records = items.Select(TenantJson.Read).Where(r => r != null).Select(r => r!).ToList();
                return (records, null);
            }
            catch (CloudBlueMcaException error)
            {
                return (new TenantRecord[0], error);
            }
        }

        // select(account) brings the account resource in place of its link stub, so the
        // customer's system id (AccountId) comes with the same request.
        private RqlQuery Query(RqlNode filter) =>
            new RqlQuery(Rql.Implementing(_connection.TenantTypeId), filter, Rql.Select("account"));
    }
}
