using System.Globalization;
using System.Text.RegularExpressions;

namespace CloudBlueMca.Engine.Aps
{
    /// <summary>Parses APS list ranges: <c>items 0-99/250</c>, <c>items */0</c>, <c>items 0-9/*</c>.</summary>
    internal readonly struct ContentRange
    {
        private static readonly Regex Pattern = new Regex(@"^\s*items\s+(?:(?<first>\d+)\s*-\s*(?<last>\d+)|\*)\s*/\s*(?:(?<total>\d+)|\*)\s*$", RegexOptions.IgnoreCase | RegexOptions.CultureInvariant);

        private ContentRange(int? first, int? last, int? total)
        {
            First = first;
            Last = last;
            Total = total;
        }

        public int? First { get; }

        public int? Last { get; }

        public int? Total { get; }

        /// <summary>An absent or unreadable header gives all nulls: paging then relies on short pages.</summary>
        public static ContentRange Parse(string? header)
        {
            var match = header == null ? Match.Empty : Pattern.Match(header);
            if (!match.Success)
            {
                return default;
            }

            int? first = null, last = null, total = null;
            if (!TryNumber(match.Groups["first"], ref first) || !TryNumber(match.Groups["last"], ref last) || !TryNumber(match.Groups["total"], ref total))
            {
                return default;
            }

            return new ContentRange(first, last, total);
        }

        /// <summary>False only for a number too large to be a position, which makes the whole header untrustworthy.</summary>
        private static bool TryNumber(Group group, ref int? number)
        {
            if (!group.Success)
            {
                return true;
            }

            if (!int.TryParse(group.Value, NumberStyles.None, CultureInfo.InvariantCulture, out var value))
            {
                return false;
            }

            number = value;
            return true;
        }
    }
}
