namespace CloudBlueMca.Emulator.PartnerCenter;

/// <summary>Who a token is for: an application alone (app-only) or a user through an application (app+user).</summary>
internal sealed record TokenSubject(string ClientId, string TenantId, string? UserPrincipalName, string? UserObjectId)
{
    public bool IsAppOnly => UserPrincipalName is null;
}
