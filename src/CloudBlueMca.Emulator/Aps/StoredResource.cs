namespace CloudBlueMca.Emulator.Aps;

/// <summary>
/// One resource kept as compact UTF-8 JSON rather than a node tree, so 100,000 accounts fit in
/// modest memory. <see cref="Json"/> is replaced whole on update, so a reader never sees half a write.
/// </summary>
internal sealed class StoredResource
{
    private volatile byte[] _json;

    public StoredResource(string id, string type, long sequence, byte[] json)
    {
        Id = id;
        Type = type;
        Sequence = sequence;
        _json = json;
    }

    public string Id { get; }

    public string Type { get; }

    /// <summary>Insertion order: lists come back in the order resources were created.</summary>
    public long Sequence { get; }

    public byte[] Json
    {
        get => _json;
        set => _json = value;
    }
}
