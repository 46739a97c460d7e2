using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace CloudBlueMca.Engine.Aps
{
    /// <summary>
    /// Reads an APS error body leniently (reference §4.2): the controller's
    /// <c>{"error":"APS::...","message":"..."}</c>, an application's <c>{"code":..,"type":..,"message":..}</c>,
    /// or anything else as plain text.
    /// </summary>
    internal sealed class ApsErrorBody
    {
        private const int MaxTextLength = 500;

        private ApsErrorBody(string? errorClass, string? message, string? code)
        {
            ErrorClass = errorClass;
            Message = message;
            Code = code;
        }

        public string? ErrorClass { get; }

        public string? Message { get; }

        public string? Code { get; }

        public static ApsErrorBody Parse(string? body)
        {
            var text = (body ?? string.Empty).Trim();
            if (text.Length == 0)
            {
                return new ApsErrorBody(null, null, null);
            }

            if (text.StartsWith("{", System.StringComparison.Ordinal) && TryParseObject(text) is JsonObject json)
            {
                var errorClass = Text(json["error"]) ?? Text(json["type"]);
                var message = Text(json["message"]);
                var code = Text(json["code"]);
                if (errorClass != null || message != null || code != null)
                {
                    return new ApsErrorBody(errorClass, message, code);
                }
            }

            return new ApsErrorBody(null, Shorten(text), null);
        }

        /// <summary>One line for an error message, e.g. <c>APS::Util::NotFound: Resource not found.</c></summary>
        public string? Describe()
        {
            var label = ErrorClass == null ? null : Code == null ? ErrorClass : $"{ErrorClass} (code {Code})";
            label ??= Code == null ? null : $"code {Code}";
            if (label == null)
            {
                return Message;
            }

            return Message == null ? label : label + ": " + Message;
        }

        private static JsonObject? TryParseObject(string text)
        {
            try
            {
                return JsonNode.Parse(text) as JsonObject;
            }
            catch (JsonException)
            {
                return null;
            }
        }

        private static string? Text(JsonNode? node)
        {
            if (node is JsonValue value)
            {
                var text = value.TryGetValue(out string? s) ? s : value.ToJsonString();
                return string.IsNullOrWhiteSpace(text) ? null : Shorten(text!);
            }

            return null;
        }

        private static string Shorten(string text)
        {
            var oneLine = Regex.Replace(text, @"\s+", " ").Trim();
            return oneLine.Length <= MaxTextLength ? oneLine : oneLine.Substring(0, MaxTextLength) + "...";
        }
    }
}
