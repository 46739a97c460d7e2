using System.Text.Json.Nodes;
using CloudBlueMca.Emulator.Aps.Rql;

namespace CloudBlueMca.Emulator.Aps;

/// <summary>
/// Applies select(): a path whose first segment is a link (e.g. <c>account</c>) puts the linked
/// resource in place of the link stub (only the named sub-paths plus <c>aps</c> when dotted, e.g.
/// <c>account.companyName</c>); any other path trims the resource to the selected properties plus
/// <c>aps</c> and the selected links. Selecting only links keeps every property. How the platform
/// treats property paths in select() is not fully established (reference §2.4, §8.10).
/// </summary>
internal static class ApsProjection
{
    public static JsonObject Apply(JsonObject resource, IReadOnlyList<string> select, Func<string, JsonObject?> resolveLink)
    {
        if (select.Count == 0)
        {
            return resource;
        }

        var links = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var properties = new List<string>();
        foreach (var path in select)
        {
            var dot = path.IndexOf('.');
            var head = dot < 0 ? path : path.Substring(0, dot);
            if (resource[head] is JsonObject candidate && RqlEvaluator.LinkId(candidate) is not null)
            {
                if (!links.TryGetValue(head, out var subPaths))
                {
                    links[head] = subPaths = new List<string>();
                }

                subPaths.Add(dot < 0 ? string.Empty : path.Substring(dot + 1));
            }
            else
            {
                properties.Add(path);
            }
        }

        var result = properties.Count == 0 ? resource : Project(resource, properties.Append("aps").Concat(links.Keys));
        foreach (var (relation, subPaths) in links)
        {
            // A link to a resource that no longer exists stays a stub.
            if (resolveLink(RqlEvaluator.LinkId(resource[relation]!.AsObject())!) is JsonObject target)
            {
                result[relation] = subPaths.Contains(string.Empty) ? target : Project(target, subPaths.Append("aps"));
            }
        }

        return result;
    }

    private static JsonObject Project(JsonObject source, IEnumerable<string> paths)
    {
        var result = new JsonObject();
        foreach (var path in paths.Distinct(StringComparer.Ordinal))
        {
            CopyPath(source, result, path.Split('.'), 0);
        }

        return result;
    }

    private static void CopyPath(JsonObject source, JsonObject target, string[] segments, int index)
    {
        var name = segments[index];
        if (!source.TryGetPropertyValue(name, out var value))
        {
            return;
        }

        if (index == segments.Length - 1)
        {
            target[name] = value?.DeepClone();
        }
        else if (value is JsonObject child)
        {
            if (target[name] is not JsonObject next)
            {
                target[name] = next = new JsonObject();
            }

            CopyPath(child, next, segments, index + 1);
        }
    }
}
