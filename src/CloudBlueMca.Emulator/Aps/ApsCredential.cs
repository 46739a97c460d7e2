namespace CloudBlueMca.Emulator.Aps;

/// <summary>
/// A staff member's APS Bus Access: consumer key and secret plus its "allowed operations"
/// (unversioned type id + verb), which govern custom operations only, never CRUD (reference §1.5).
/// </summary>
internal sealed record ApsCredential(string ConsumerKey, string ConsumerSecret, IReadOnlyCollection<(string TypeId, string Verb)> AllowedOperations)
{
    public bool Allows(string typeId, string verb) =>
        AllowedOperations.Any(o => string.Equals(o.TypeId, typeId, StringComparison.Ordinal) && string.Equals(o.Verb, verb, StringComparison.OrdinalIgnoreCase));
}
