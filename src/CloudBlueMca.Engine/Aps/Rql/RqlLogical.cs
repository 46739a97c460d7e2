using System;
using System.Collections.Generic;
using System.Linq;
using System.Text;

namespace CloudBlueMca.Engine.Aps.Rql
{
    /// <summary><c>and(a,b,...)</c> or <c>or(a,b,...)</c>.</summary>
    internal sealed class RqlLogical : RqlNode
    {
        public RqlLogical(string function, IEnumerable<RqlNode> operands)
        {
            Function = function;
            Operands = operands.ToList();
            if (Operands.Count == 0 || Operands.Any(o => o is null))
            {
                throw new ArgumentException($"{function}() needs at least one operand and no null ones.", nameof(operands));
            }
        }

        public string Function { get; }

        public IReadOnlyList<RqlNode> Operands { get; }

        internal override void WriteTo(StringBuilder text)
        {
            text.Append(Function).Append('(');
            for (var i = 0; i < Operands.Count; i++)
            {
                if (i > 0)
                {
                    text.Append(',');
                }

                Operands[i].WriteTo(text);
            }

            text.Append(')');
        }
    }
}
