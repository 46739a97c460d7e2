namespace CloudBlueMca.Emulator.PartnerCenter;

/// <summary>Partner Center error bodies (reference §6.1).</summary>
internal static class ApiFault
{
    /// <summary>Shape 1, the classic ApiFault, for generic 4xx/5xx answers.</summary>
    public static IResult Result(int statusCode, string code, string description) =>
        Results.Json(new { code, description, data = Array.Empty<object>(), source = "PartnerFD" }, statusCode: statusCode);

    /// <summary>Shape 2, the commerce shape the agreement APIs answer business errors with.</summary>
    public static IResult Commerce(int statusCode, int code, string errorName, string message) =>
        Results.Json(
            new
            {
                code,
                message,
                description = message,
                errorName,
                isRetryable = false,
                parameters = new { },
                errorMessageExtended = $"InternalErrorCode={code}",
            },
            statusCode: statusCode);
}
