using System.Text;

namespace CloudBlueMca.Engine.Aps.Rql
{
    /// <summary><c>like(property,pattern)</c>.</summary>
    internal sealed class RqlLike : RqlNode
    {
        public RqlLike(string property, RqlPattern pattern)
        {
            Property = RqlName.Property(property);
            Pattern = pattern;
        }

        public string Property { get; }

        public RqlPattern Pattern { get; }

        internal override void WriteTo(StringBuilder text) =>
            text.Append("like(").Append(Property).Append(',').Append(Pattern.Encoded).Append(')');
    }
}
