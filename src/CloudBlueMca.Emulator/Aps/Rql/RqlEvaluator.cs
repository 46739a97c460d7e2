using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudBlueMca.Emulator.Aps.Rql;

/// <summary>
/// Decides whether a resource matches a parsed filter. Dotted paths walk into nested objects and,
/// when they reach a link (<c>{"aps":{"link":...,"id":...}}</c>), on into the linked resource, so
/// <c>account.id</c> on a Tenant reads the customer account's system id.
/// </summary>
/// <remarks>
/// Comparisons are exact and case-sensitive: the platform's case rules are open (reference §8.10),
/// and a client that sends values in the stored case matches either way.
/// </remarks>
internal sealed class RqlEvaluator
{
    private readonly Func<string, JsonObject?> _resolveLink;

    /// <param name="resolveLink">Returns the resource with the given APS id, or null.</param>
    public RqlEvaluator(Func<string, JsonObject?> resolveLink)
    {
        _resolveLink = resolveLink;
    }

    public bool Matches(RqlQuery query, JsonObject resource) => query.Terms.All(t => Matches(t, resource));

    public bool Matches(RqlExpression expression, JsonObject resource) => expression switch
    {
        RqlImplementing implementing => Implements(ScalarText(ResolvePath(resource, "aps.type")), implementing.TypeId),
        RqlComparison comparison => Matches(comparison, resource),
        RqlAnd and => and.Operands.All(o => Matches(o, resource)),
        RqlOr or => or.Operands.Any(o => Matches(o, resource)),
        RqlNot not => !Matches(not.Operand, resource),
        _ => throw new ArgumentOutOfRangeException(nameof(expression), expression.GetType().Name, "Unknown RQL expression."),
    };

    /// <summary>
    /// A versioned type id must match exactly; an unversioned one (no trailing <c>/1.0</c>) matches
    /// every version, as allowed-operation entries and discovery queries use it.
    /// </summary>
    public static bool Implements(string? resourceType, string typeId)
    {
        if (resourceType is null)
        {
            return false;
        }

        if (string.Equals(resourceType, typeId, StringComparison.Ordinal))
        {
            return true;
        }

        var prefix = typeId.TrimEnd('/') + "/";
        if (!resourceType.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        var version = resourceType.Substring(prefix.Length);
        return version.Length > 0 && version.All(c => char.IsDigit(c) || c == '.');
    }

    /// <summary>The node at a dotted path, following links; null when absent.</summary>
    public JsonNode? ResolvePath(JsonObject resource, string path)
    {
        JsonNode? node = resource;
        foreach (var segment in path.Split('.'))
        {
            if (node is not JsonObject current)
            {
                return null;
            }

            if (!current.TryGetPropertyValue(segment, out var next))
            {
                var target = LinkTarget(current);
                if (target is null || !target.TryGetPropertyValue(segment, out next))
                {
                    return null;
                }
            }

            node = next;
        }

        return node;
    }

    /// <summary>The APS id a link stub points to, or null when the object is not a link.</summary>
    public static string? LinkId(JsonObject candidate) =>
        candidate["aps"] is JsonObject aps && aps.ContainsKey("link") ? ScalarText(aps["id"]) : null;

    /// <summary>Text of a scalar JSON value as RQL compares it; null for null, objects and arrays.</summary>
    public static string? ScalarText(JsonNode? node)
    {
        if (node is not JsonValue value)
        {
            return null;
        }

        return value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => "true",
            JsonValueKind.False => "false",
            JsonValueKind.Number => value.ToJsonString(),
            _ => null,
        };
    }

    /// <summary>Orders two nodes for sort(): numbers numerically, everything else ordinally; absent first.</summary>
    public static int Compare(JsonNode? left, JsonNode? right)
    {
        if (left is JsonValue l && right is JsonValue r && l.GetValueKind() == JsonValueKind.Number && r.GetValueKind() == JsonValueKind.Number)
        {
            return decimal.Parse(l.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture)
                .CompareTo(decimal.Parse(r.ToJsonString(), NumberStyles.Float, CultureInfo.InvariantCulture));
        }

        return string.CompareOrdinal(ScalarText(left), ScalarText(right));
    }

    private bool Matches(RqlComparison comparison, JsonObject resource)
    {
        var node = ResolvePath(resource, comparison.Property);
        return comparison.Operator switch
        {
            RqlOperator.Eq => EqualsValue(node, comparison.Values[0]),
            RqlOperator.Ne => !EqualsValue(node, comparison.Values[0]),
            RqlOperator.In => comparison.Values.Any(v => EqualsValue(node, v)),
            RqlOperator.Out => !comparison.Values.Any(v => EqualsValue(node, v)),
            RqlOperator.Like => ScalarText(node) is string text && comparison.LikePattern!.IsMatch(text),
            _ => throw new ArgumentOutOfRangeException(nameof(comparison), comparison.Operator, "Unknown RQL operator."),
        };
    }

    /// <summary>System.Text.Json keeps a JSON null as a null node, so null() matches null and absent alike.</summary>
    private static bool EqualsValue(JsonNode? node, RqlValue value) => value.Kind == RqlValueKind.Null
        ? node is null
        : string.Equals(ScalarText(node), value.Text, StringComparison.Ordinal);

    private JsonObject? LinkTarget(JsonObject candidate) => LinkId(candidate) is string id ? _resolveLink(id) : null;
}
