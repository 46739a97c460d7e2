namespace CloudBlueMca.Emulator.Aps;

/// <summary>What the APS half of the emulator serves and whom it lets in.</summary>
public sealed class ApsEmulatorOptions
{
    /// <summary>OAuth consumer key of the demo staff member; it may call checkAccount.</summary>
    public string ConsumerKey { get; init; } = "demo-key";

    public string ConsumerSecret { get; init; } = "demo-secret";

    /// <summary>Serve the seed accounts 1000011 (example), 1000012 (contoso) and 1000013-1000016 (one per Sync-McaAcceptance outcome).</summary>
    public bool IncludeSeedData { get; init; } = true;

    /// <summary>
    /// Microsoft 365 application instances to serve; the first has the seed id
    /// 498c7d95-54ef-45c1-9877-da03ec230993. 0 and 2+ exist for discovery tests.
    /// </summary>
    public int ApplicationInstanceCount { get; init; } = 1;

    /// <summary>Customer accounts generated at start, in addition to the seed data.</summary>
    public int GeneratedAccounts { get; init; }

    /// <summary>Tenant resources per generated account.</summary>
    public int TenantsPerAccount { get; init; } = 1;

    /// <summary>
    /// Items per page when a query has no limit(): 1000, the default the OA 7.4 docs give for
    /// limit()'s count (reference §3). The real platform's default without limit() is open.
    /// </summary>
    public int DefaultPageSize { get; init; } = 1000;

    /// <summary>
    /// HTTP status for a failed OAuth check. 401 by default; whether the platform answers 401 or
    /// 403 is open (reference §8.1), so clients are tested against both.
    /// </summary>
    public int AuthenticationFailureStatus { get; init; } = 401;
}
