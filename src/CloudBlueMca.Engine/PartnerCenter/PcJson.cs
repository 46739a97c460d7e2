using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudBlueMca.Engine.PartnerCenter
{
    /// <summary>
    /// How the Partner Center client reads JSON: member names case-insensitively (the service
    /// is camelCase, but the docs spell some members in PascalCase, reference §4.2), and scalars as
    /// text whatever their JSON type (codes arrive as strings or numbers).
    /// </summary>
    internal static class PcJson
    {
        private static readonly JsonNodeOptions CaseInsensitive = new JsonNodeOptions { PropertyNameCaseInsensitive = true };

        /// <summary>The body as a JSON object, or null when it is not one.</summary>
        public static JsonObject? ParseObject(string body)
        {
            try
            {
                return JsonNode.Parse(body, CaseInsensitive) as JsonObject;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        public static string? Text(JsonNode? node) =>
            node is JsonValue value ? (value.TryGetValue(out string? text) ? text : value.ToJsonString()) : null;
    }
}
