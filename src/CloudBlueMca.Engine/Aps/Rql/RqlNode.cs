using System.Text;

namespace CloudBlueMca.Engine.Aps.Rql
{
    /// <summary>
    /// One term of an RQL query. Nodes are built only through <see cref="Rql"/>, which validates
    /// names and escapes values, so the text a node writes is always well-formed and no value can
    /// change the structure of the query.
    /// </summary>
    internal abstract class RqlNode
    {
        internal abstract void WriteTo(StringBuilder text);

        public override string ToString()
        {
            var text = new StringBuilder();
            WriteTo(text);
            return text.ToString();
        }
    }
}
