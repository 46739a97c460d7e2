using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace CloudBlueMca.Engine.Aps.Rql
{
    /// <summary><c>select(a,b.c)</c>: projection and inclusion of linked resources.</summary>
    internal sealed class RqlSelect : RqlNode
    {
        public RqlSelect(IEnumerable<string> properties)
        {
            Properties = properties.Select(RqlName.Property).ToList();
            if (Properties.Count == 0)
            {
                throw new ArgumentException("select() needs at least one property.", nameof(properties));
            }
        }

        public IReadOnlyList<string> Properties { get; }

        internal override void WriteTo(StringBuilder text) => text.Append("select(").Append(string.Join(",", Properties)).Append(')');
    }
}
