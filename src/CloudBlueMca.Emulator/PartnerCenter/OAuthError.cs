namespace CloudBlueMca.Emulator.PartnerCenter;

/// <summary>An Entra (AADSTS) error answer of the v2 token and device-code endpoints.</summary>
internal sealed record OAuthError(int StatusCode, string Error, int AadstsCode, string Description)
{
    public IResult ToResult() => Results.Json(
        new
        {
            error = Error,
            error_description = $"AADSTS{AadstsCode}: {Description}",
            error_codes = new[] { AadstsCode },
            timestamp = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            trace_id = Guid.NewGuid(),
            correlation_id = Guid.NewGuid(),
        },
        statusCode: StatusCode);

    public static OAuthError AuthorizationPending() =>
        new(400, "authorization_pending", 70016, "OAuth 2.0 device flow error. Authorization is pending. Continue polling.");
}
