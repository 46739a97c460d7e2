using System.Text;
using System.Text.Json.Nodes;

namespace CloudBlueMca.Emulator.Aps;

/// <summary>
/// Responses in the APS controller's shapes: JSON bodies and <c>{"error":"APS::...","message":...}</c>
/// errors (reference §4.2). Class names other than AuthenticationFailed and AccessViolation are
/// not documented publicly (reference §8.8); the ones used here are the emulator's choice.
/// </summary>
internal static class ApsErrors
{
    public const string AuthenticationFailed = "APS::Util::AuthenticationFailed";
    public const string AccessViolation = "APS::Util::AccessViolation";
    public const string ResourceNotFound = "APS::Util::ResourceNotFound";
    public const string InvalidQuery = "APS::Util::InvalidQuery";
    public const string InvalidRequest = "APS::Util::InvalidRequest";

    public static IResult Json(JsonNode? body, int status = StatusCodes.Status200OK) =>
        Results.Content(body?.ToJsonString() ?? "null", "application/json", Encoding.UTF8, status);

    public static IResult Error(int status, string errorClass, string message) =>
        Json(new JsonObject { ["error"] = errorClass, ["message"] = message }, status);

    public static IResult NotFound(string apsId) =>
        Error(StatusCodes.Status404NotFound, ResourceNotFound, $"Resource {apsId} does not exist.");
}
