using System.Text;

namespace CloudBlueMca.Engine.Aps.Rql
{
    /// <summary><c>implementing(typeId)</c>: resources of the type, versioned or not.</summary>
    internal sealed class RqlImplementing : RqlNode
    {
        public RqlImplementing(string typeId) => TypeId = RqlName.TypeId(typeId);

        public string TypeId { get; }

        internal override void WriteTo(StringBuilder text) => text.Append("implementing(").Append(TypeId).Append(')');
    }
}
