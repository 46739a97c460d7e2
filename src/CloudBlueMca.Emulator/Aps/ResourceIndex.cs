namespace CloudBlueMca.Emulator.Aps;

/// <summary>
/// Resources by the text of one property, for eq()/in() look-ups without a scan. Buckets are
/// small arrays (a value is shared by a handful of Tenants at most), which keeps 100k entries cheap.
/// Not thread-safe: <see cref="ApsStore"/> guards it with its lock.
/// </summary>
internal sealed class ResourceIndex
{
    private static readonly StoredResource[] None = Array.Empty<StoredResource>();
    private readonly Dictionary<string, StoredResource[]> _buckets = new(StringComparer.Ordinal);

    public IReadOnlyList<StoredResource> Find(string key) => _buckets.TryGetValue(key, out var bucket) ? bucket : None;

    public void Add(string? key, StoredResource resource)
    {
        if (key is null)
        {
            return;
        }

        _buckets[key] = _buckets.TryGetValue(key, out var bucket) ? bucket.Append(resource).ToArray() : new[] { resource };
    }

    public void Remove(string? key, StoredResource resource)
    {
        if (key is null || !_buckets.TryGetValue(key, out var bucket))
        {
            return;
        }

        var remaining = bucket.Where(r => !ReferenceEquals(r, resource)).ToArray();
        if (remaining.Length == 0)
        {
            _buckets.Remove(key);
        }
        else
        {
            _buckets[key] = remaining;
        }
    }
}
