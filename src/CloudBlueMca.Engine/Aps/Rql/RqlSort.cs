using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace CloudBlueMca.Engine.Aps.Rql
{
    /// <summary>
    /// <c>sort(+a,-b)</c>. The ascending '+' is written as %2B: a raw '+' is a space under form
    /// decoding, which the OAuth signature uses (reference §1.2).
    /// </summary>
    internal sealed class RqlSort : RqlNode
    {
        public RqlSort(IEnumerable<(string Property, bool Descending)> keys)
        {
            Keys = keys.Select(k => (RqlName.Property(k.Property), k.Descending)).ToList();
            if (Keys.Count == 0)
            {
                throw new ArgumentException("sort() needs at least one key.", nameof(keys));
            }
        }

        public IReadOnlyList<(string Property, bool Descending)> Keys { get; }

        internal override void WriteTo(StringBuilder text) =>
            text.Append("sort(").Append(string.Join(",", Keys.Select(k => (k.Descending ? "-" : "%2B") + k.Property))).Append(')');
    }
}
