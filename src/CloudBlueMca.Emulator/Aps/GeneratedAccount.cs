namespace CloudBlueMca.Emulator.Aps;

/// <summary>A customer account made by <see cref="ApsStore.GenerateAccounts"/>; acceptance is required for it.</summary>
/// <param name="AccountId">Customer system id (what checkAccount's accountId takes).</param>
/// <param name="InitialSubdomain">Initial subdomain without .onmicrosoft.com.</param>
/// <param name="MsAccountId">The application's internal Microsoft account id (Tenant ms_account_id).</param>
/// <param name="MsTenantId">The Microsoft (Entra) tenant id.</param>
/// <param name="TenantIds">APS ids of the account's Tenant resources.</param>
public sealed record GeneratedAccount(int AccountId, string InitialSubdomain, string MsAccountId, string MsTenantId, IReadOnlyList<string> TenantIds);
