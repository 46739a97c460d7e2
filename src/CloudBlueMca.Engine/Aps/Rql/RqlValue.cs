using System.Globalization;

namespace CloudBlueMca.Engine.Aps.Rql
{
    /// <summary>
    /// A literal in a comparison, already in its escaped form: every character outside the RFC 3986
    /// unreserved set is percent-encoded (reference §2.3), so RQL punctuation, '%', '&amp;', '=',
    /// and '+' (which form decoding would turn into a space) inside a value are plain data.
    /// </summary>
    internal readonly struct RqlValue
    {
        private RqlValue(string encoded) => Encoded = encoded;

        public string Encoded { get; }

        public static RqlValue Text(string value) => new RqlValue(PercentEncoding.Encode(value ?? throw new System.ArgumentNullException(nameof(value))));

        public static RqlValue Number(long value) => new RqlValue(value.ToString(CultureInfo.InvariantCulture));

        public static implicit operator RqlValue(string value) => Text(value);

        public static implicit operator RqlValue(long value) => Number(value);

        public override string ToString() => Encoded;
    }
}
