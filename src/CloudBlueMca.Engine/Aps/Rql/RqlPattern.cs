using System;
using System.Text;

namespace CloudBlueMca.Engine.Aps.Rql
{
    /// <summary>
    /// The pattern of a <c>like()</c>: escaped literal text and the wildcards '*' (any run) and '?'
    /// (one character) exactly where the caller puts them. Immutable; each method returns a longer
    /// pattern.
    /// </summary>
    /// <remarks>
    /// Whether APS treats an escaped '*' or '?' (%2A, %3F) as a literal or still as a wildcard is
    /// not documented (reference §8, item 10). Either reading would silently widen a match, so
    /// literal text containing them is refused instead of being guessed at.
    /// </remarks>
    internal sealed class RqlPattern
    {
        public static readonly RqlPattern Empty = new RqlPattern(string.Empty);

        private RqlPattern(string encoded) => Encoded = encoded;

        public string Encoded { get; }

        public static RqlPattern StartsWith(string text) => Empty.Literal(text).AnyRun();

        public static RqlPattern EndsWith(string text) => Empty.AnyRun().Literal(text);

        public static RqlPattern Contains(string text) => Empty.AnyRun().Literal(text).AnyRun();

        public RqlPattern Literal(string text)
        {
            if (text is null)
            {
                throw new ArgumentNullException(nameof(text));
            }

            if (text.IndexOf('*') >= 0 || text.IndexOf('?') >= 0)
            {
                throw new ArgumentException("Literal text in a like() pattern cannot contain '*' or '?': APS does not document how to escape them. Use AnyRun() and AnyChar() for wildcards.", nameof(text));
            }

            return new RqlPattern(Encoded + PercentEncoding.Encode(text));
        }

        /// <summary>'*': any run of characters, including none.</summary>
        public RqlPattern AnyRun() => new RqlPattern(Encoded + "*");

        /// <summary>'?': exactly one character.</summary>
        public RqlPattern AnyChar() => new RqlPattern(Encoded + "?");

        public override string ToString() => Encoded;
    }
}
