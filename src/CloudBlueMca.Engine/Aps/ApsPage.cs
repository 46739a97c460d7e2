using System.Collections.Generic;
using System.Text.Json.Nodes;

namespace CloudBlueMca.Engine.Aps
{
    /// <summary>One page of a collection GET, with what its <c>Content-Range: items A-B/T</c> said.</summary>
    internal sealed class ApsPage
    {
        public ApsPage(IReadOnlyList<JsonObject> items, int? first, int? last, int? total)
        {
            Items = items;
            First = first;
            Last = last;
            Total = total;
        }

        public IReadOnlyList<JsonObject> Items { get; }

        /// <summary>Position of the first item (A); null when the header was absent or said <c>*</c>.</summary>
        public int? First { get; }

        /// <summary>Position of the last item (B), inclusive.</summary>
        public int? Last { get; }

        /// <summary>Size of the whole result (T); null when the server did not say.</summary>
        public int? Total { get; }
    }
}
