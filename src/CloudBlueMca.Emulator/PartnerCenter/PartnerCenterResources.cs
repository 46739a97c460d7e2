namespace CloudBlueMca.Emulator.PartnerCenter;

/// <summary>
/// The Partner Center API audiences the emulator's token endpoint issues tokens for and its API
/// accepts (reference §1.2): the global/US Government resource and the 21Vianet resource.
/// </summary>
internal static class PartnerCenterResources
{
    public const string Global = "https://api.partnercenter.microsoft.com";
    public const string China = "https://partner.partnercenterapi.microsoftonline.cn";

    public static readonly IReadOnlyList<string> All = new[] { Global, China };

    /// <summary>
    /// Finds the Partner Center scope among the space-separated scopes of a token request
    /// (MSAL adds openid, profile and offline_access for user flows).
    /// </summary>
    public static RequestedScope? Find(string? scopeParameter)
    {
        foreach (var scope in (scopeParameter ?? string.Empty).Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            var slash = scope.LastIndexOf('/');
            if (slash <= "https://".Length)
            {
                continue;
            }

            var resource = scope[..slash];
            var permission = scope[(slash + 1)..];
            if (All.Contains(resource, StringComparer.OrdinalIgnoreCase))
            {
                return new RequestedScope(resource, permission, scope);
            }
        }

        return null;
    }
}

internal sealed record RequestedScope(string Resource, string Permission, string Scope)
{
    public bool IsDefault => Permission == ".default";

    public bool IsUserImpersonation => Permission == "user_impersonation";
}
