using System;
using System.Globalization;
using System.Text;

namespace CloudBlueMca.Engine.Aps.Rql
{
    /// <summary>
    /// <c>limit(offset,count)</c>. Always both arguments: sources disagree on what a single
    /// argument means (reference §3).
    /// </summary>
    internal sealed class RqlLimit : RqlNode
    {
        public RqlLimit(int offset, int count)
        {
            if (offset < 0)
            {
                throw new ArgumentOutOfRangeException(nameof(offset), offset, "The offset cannot be negative.");
            }

            if (count < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(count), count, "The count must be at least 1.");
            }

            Offset = offset;
            Count = count;
        }

        public int Offset { get; }

        public int Count { get; }

        internal override void WriteTo(StringBuilder text) =>
            text.Append("limit(").Append(Offset.ToString(CultureInfo.InvariantCulture)).Append(',').Append(Count.ToString(CultureInfo.InvariantCulture)).Append(')');
    }
}
