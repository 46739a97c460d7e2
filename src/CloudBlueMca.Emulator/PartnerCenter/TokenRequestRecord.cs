namespace CloudBlueMca.Emulator.PartnerCenter;

/// <summary>
/// One request the token endpoint received, as MSAL actually sent it. Tests assert on these:
/// which authority host and tenant, which grant, which scope, which client authentication.
/// </summary>
public sealed record TokenRequestRecord(
    string AuthorityHost,
    string Tenant,
    string Endpoint,
    string? GrantType,
    string? ClientId,
    string? Scope,
    bool ClientSecretPresent,
    bool ClientAssertionPresent,
    string? Error);
