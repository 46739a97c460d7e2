namespace CloudBlueMca.Emulator.PartnerCenter;

public sealed class PartnerCenterEmulatorOptions
{
    /// <summary>
    /// Lifetime of the access tokens the token endpoint issues. Tests shorten it to make MSAL
    /// refresh silently (MSAL treats a token that expires within five minutes as expired).
    /// </summary>
    public TimeSpan AccessTokenLifetime { get; init; } = TimeSpan.FromHours(1);

    /// <summary>How many device-code polls answer <c>authorization_pending</c> before the sign-in completes.</summary>
    public int DeviceCodePendingPolls { get; init; } = 1;

    /// <summary>
    /// Page size of <c>GET /v1/customers</c> when the client sends no <c>size</c>. The real
    /// default is not documented; the module always sends <c>size</c>.
    /// </summary>
    public int DefaultCustomerPageSize { get; init; } = 100;

    /// <summary>Secret of the demo confidential application (<see cref="PartnerCenterStore.SecretClient"/>).</summary>
    public string DemoClientSecret { get; init; } = "demo-pc-secret";
}
