using System;
using System.Collections.Generic;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>
    /// Splits the values of an <c>in(property,(...))</c> look-up into consecutive chunks whose
    /// request URL stays under a length limit. Proxies and servers commonly refuse URLs longer
    /// than about 2,000 characters, and escaping makes a value's length in the URL differ from
    /// its length as text, so each value is measured as the query builder writes it.
    /// </summary>
    internal static class InListChunker
    {
        /// <param name="values">Distinct values, in the order they should be looked up.</param>
        /// <param name="urlLength">Length of the full request URL for a given chunk.</param>
        /// <param name="maxUrlLength">Every chunk's URL is shorter than this.</param>
        public static IEnumerable<IReadOnlyList<string>> Chunk(IReadOnlyList<string> values, Func<IReadOnlyList<string>, int> urlLength, int maxUrlLength)
        {
            var chunk = new List<string>();
            // The URL length without any value: measured with a one-letter probe because the
            // builder refuses an empty in() list, and "a" is written as one character.
            var emptyLength = urlLength(new[] { "a" }) - 1;
            var length = emptyLength;
            foreach (var value in values)
            {
                // A value costs its escaped length plus a separating comma after the first one.
                var valueCost = urlLength(new[] { value }) - emptyLength;
                var cost = valueCost + (chunk.Count == 0 ? 0 : 1);
                if (chunk.Count > 0 && length + cost >= maxUrlLength)
                {
                    yield return chunk;
                    chunk = new List<string>();
                    length = emptyLength;
                    cost = valueCost;
                }

                if (emptyLength + cost >= maxUrlLength)
                {
                    throw new ArgumentException($"The value '{value}' alone makes the request URL longer than {maxUrlLength} characters.", nameof(values));
                }

                chunk.Add(value);
                length += cost;
            }

            if (chunk.Count > 0)
            {
                yield return chunk;
            }
        }
    }
}
