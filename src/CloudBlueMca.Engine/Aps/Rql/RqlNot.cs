using System;
using System.Text;

namespace CloudBlueMca.Engine.Aps.Rql
{
    /// <summary><c>not(term)</c>, an APS addition to generic RQL.</summary>
    internal sealed class RqlNot : RqlNode
    {
        public RqlNot(RqlNode operand) => Operand = operand ?? throw new ArgumentNullException(nameof(operand));

        public RqlNode Operand { get; }

        internal override void WriteTo(StringBuilder text)
        {
            text.Append("not(");
            Operand.WriteTo(text);
            text.Append(')');
        }
    }
}
