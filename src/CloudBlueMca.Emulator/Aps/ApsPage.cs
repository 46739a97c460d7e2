using System.Text.Json.Nodes;

namespace CloudBlueMca.Emulator.Aps;

/// <summary>One page of a collection query: the items from <see cref="Offset"/> and the total match count.</summary>
internal sealed record ApsPage(IReadOnlyList<JsonObject> Items, int Offset, int Total)
{
    /// <summary>
    /// <c>items A-B/T</c>. An empty page has no honest A-B, and the platform's format for it is open
    /// (reference §8.7); the emulator sends <c>items O-O/T</c> (O = offset), which a client that
    /// stops when B+1 &gt;= T or when a page is empty handles either way.
    /// </summary>
    public string ContentRange => Items.Count == 0
        ? FormattableString.Invariant($"items {Offset}-{Offset}/{Total}")
        : FormattableString.Invariant($"items {Offset}-{Offset + Items.Count - 1}/{Total}");

    /// <summary>True when the page holds fewer than all matches: the route answers 206 then, else 200.</summary>
    public bool IsPartial => Items.Count < Total;
}
