using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>
    /// The Tenant resources found per looked-up value, and the failure of any chunk whose request
    /// failed, so one failed request fails only the rows whose values were in it.
    /// </summary>
    internal sealed class TenantLookup
    {
        private static readonly IReadOnlyList<TenantRecord> None = new TenantRecord[0];
        private readonly Dictionary<string, List<TenantRecord>> _found = new Dictionary<string, List<TenantRecord>>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, CloudBlueMcaException> _failed = new Dictionary<string, CloudBlueMcaException>(StringComparer.OrdinalIgnoreCase);

        public IReadOnlyList<TenantRecord> Found(string value) => _found.TryGetValue(value, out var records) ? records : None;

        /// <summary>The distinct Microsoft accounts among the Tenants found for one value (one, unless a subdomain is shared).</summary>
        public IReadOnlyList<string> MsAccountIdsOf(string value) =>
            Found(value).Select(r => r.MsAccountId).Distinct(StringComparer.OrdinalIgnoreCase).ToList();

        public CloudBlueMcaException? Failure(string value) => _failed.TryGetValue(value, out var error) ? error : null;

        public void Add(string key, TenantRecord record)
        {
            if (!_found.TryGetValue(key, out var records))
            {
                records = new List<TenantRecord>();
                _found.Add(key, records);
            }

            records.Add(record);
        }

        public void Fail(IEnumerable<string> values, CloudBlueMcaException error)
        {
            foreach (var value in values)
            {
                _failed[value] = error;
            }
        }
    }
}
