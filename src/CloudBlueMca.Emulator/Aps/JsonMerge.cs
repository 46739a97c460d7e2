using System.Text.Json.Nodes;

namespace CloudBlueMca.Emulator.Aps;

/// <summary>How PUT /aps/2/resources/{id} applies a partial body (reference §4.5).</summary>
internal static class JsonMerge
{
    /// <summary>
    /// Objects merge member by member, at any depth; any other value (including null and arrays)
    /// replaces what was there. The top-level <c>aps</c> section is the platform's own (id, type,
    /// revision...), so a client's copy of it is ignored rather than trusted.
    /// </summary>
    public static void MergeResource(JsonObject resource, JsonObject patch)
    {
        foreach (var (name, value) in patch)
        {
            if (name != "aps")
            {
                MergeMember(resource, name, value);
            }
        }
    }

    private static void MergeMember(JsonObject target, string name, JsonNode? value)
    {
        if (value is JsonObject patchObject && target[name] is JsonObject existing)
        {
            foreach (var (childName, childValue) in patchObject)
            {
                MergeMember(existing, childName, childValue);
            }
        }
        else
        {
            target[name] = value?.DeepClone();
        }
    }
}
