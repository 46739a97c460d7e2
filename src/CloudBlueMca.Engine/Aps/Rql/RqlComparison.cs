using System.Text;

namespace CloudBlueMca.Engine.Aps.Rql
{
    /// <summary><c>eq(property,value)</c> or <c>ne(property,value)</c>.</summary>
    internal sealed class RqlComparison : RqlNode
    {
        public RqlComparison(string function, string property, RqlValue value)
        {
            Function = function;
            Property = RqlName.Property(property);
            Value = value;
        }

        public string Function { get; }

        public string Property { get; }

        public RqlValue Value { get; }

        internal override void WriteTo(StringBuilder text) =>
            text.Append(Function).Append('(').Append(Property).Append(',').Append(Value.Encoded).Append(')');
    }
}
