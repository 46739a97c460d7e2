namespace CloudBlueMca.Emulator.PartnerCenter;

/// <summary>The classic Partner Center error body (reference §6.1, shape 1).</summary>
internal static class ApiFault
{
    public static IResult Result(int statusCode, string code, string description) =>
        Results.Json(new { code, description, data = Array.Empty<object>(), source = "PartnerFD" }, statusCode: statusCode);
}
