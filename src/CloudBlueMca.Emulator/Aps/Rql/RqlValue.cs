namespace CloudBlueMca.Emulator.Aps.Rql;

public enum RqlValueKind
{
    /// <summary>A percent-decoded string, e.g. <c>example</c> or <c>1000011</c>.</summary>
    Text,

    /// <summary><c>true()</c>.</summary>
    True,

    /// <summary><c>false()</c>.</summary>
    False,

    /// <summary><c>null()</c>.</summary>
    Null,
}

/// <summary>One value of a comparison.</summary>
public sealed class RqlValue
{
    internal RqlValue(RqlValueKind kind, string text, string raw)
    {
        Kind = kind;
        Text = text;
        Raw = raw;
    }

    public RqlValueKind Kind { get; }

    /// <summary>The decoded value: "true", "false" or "null" for the typed literals.</summary>
    public string Text { get; }

    /// <summary>
    /// The value as it appeared in the query, still percent-encoded. like() reads wildcards from
    /// this: a raw '*' or '?' is a wildcard, an escaped one (%2A, %3F) is literal.
    /// </summary>
    public string Raw { get; }
}
