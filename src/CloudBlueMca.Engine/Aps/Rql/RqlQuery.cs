using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace CloudBlueMca.Engine.Aps.Rql
{
    /// <summary>
    /// A whole query: top-level terms joined with ',' (which APS reads as AND). Immutable.
    /// <see cref="ToString"/> is the final, escaped query string, without the leading '?'.
    /// </summary>
    internal sealed class RqlQuery
    {
        public RqlQuery(params RqlNode[] terms)
            : this((IEnumerable<RqlNode>)terms)
        {
        }

        public RqlQuery(IEnumerable<RqlNode> terms)
        {
            Terms = terms.ToList();
            if (Terms.Count == 0 || Terms.Any(t => t is null))
            {
                throw new ArgumentException("A query needs at least one term and no null ones.", nameof(terms));
            }

            if (Terms.OfType<RqlLimit>().Count() > 1)
            {
                throw new ArgumentException("A query can have only one limit().", nameof(terms));
            }
        }

        public IReadOnlyList<RqlNode> Terms { get; }

        public bool HasLimit => Terms.OfType<RqlLimit>().Any();

        public RqlQuery With(RqlNode term) => new RqlQuery(Terms.Concat(new[] { term }));

        public override string ToString()
        {
            var text = new StringBuilder();
            for (var i = 0; i < Terms.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }

                Terms[i].WriteTo(text);
            }

            return text.ToString();
        }
    }
}
