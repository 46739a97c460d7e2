using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace CloudBlueMca.Engine.Aps.Rql
{
    /// <summary><c>in(property,(a,b))</c> or <c>out(property,(a,b))</c>, the list form the APS docs use.</summary>
    internal sealed class RqlMembership : RqlNode
    {
        public RqlMembership(string function, string property, IEnumerable<RqlValue> values)
        {
            Function = function;
            Property = RqlName.Property(property);
            Values = values.ToList();
            if (Values.Count == 0)
            {
                throw new ArgumentException($"{function}() needs at least one value.", nameof(values));
            }
        }

        public string Function { get; }

        public string Property { get; }

        public IReadOnlyList<RqlValue> Values { get; }

        internal override void WriteTo(StringBuilder text)
        {
            text.Append(Function).Append('(').Append(Property).Append(",(");
            for (var i = 0; i < Values.Count; i++)
            {
                text.Append(i == 0 ? string.Empty : ",").Append(Values[i].Encoded);
            }

            text.Append("))");
        }
    }
}
