namespace CloudBlueMca.Emulator.Aps.Rql;

/// <summary>The query is not RQL the emulator understands; the message says where and why.</summary>
public sealed class RqlSyntaxException : Exception
{
    public RqlSyntaxException(string message)
        : base(message)
    {
    }
}
