using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Emulator.PartnerCenter;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.PartnerCenter;
using Xunit;

namespace CloudBlueMca.Tests.PartnerCenter;

/// <summary>
/// Short-lived tokens from the emulator: MSAL treats a token that expires within five minutes as
/// expired, so with two-minute tokens every call must renew silently, with no prompt and no error.
/// </summary>
public sealed class SilentRefreshTests
{
    private static readonly Guid Example = Guid.Parse("3f8a1aff-6a93-4b2c-b734-93b66497af4c");

    [Fact]
    public async Task AppOnlyTokensAreRenewedWithAnotherClientCredentialsRequest()
    {
        await using var host = await StartShortLivedAsync();
        var connection = await PartnerCenterConnector.ConnectAsync(PcTestCredentials.ClientSecret(host), OperationContext.None);
        var firstExpiry = connection.ExpiresOn;

        await PartnerCenterCustomers.GetAsync(connection, Example, OperationContext.None);
        await Task.Delay(1100);
        await PartnerCenterCustomers.GetAsync(connection, Example, OperationContext.None);

        Assert.Equal(new[] { "client_credentials", "client_credentials", "client_credentials" }, host.PartnerCenter.TokenRequests.Select(r => r.GrantType));
        Assert.True(connection.ExpiresOn > firstExpiry);
    }

    [Fact]
    public async Task UserTokensAreRenewedWithTheRotatedRefreshToken()
    {
        await using var host = await StartShortLivedAsync();
        var request = PcTestCredentials.ForEmulator(host, PcAuthenticationKind.RefreshToken);
        request.ApplicationId = host.PartnerCenter.PublicClient.ClientId;
        request.RefreshToken = PcTestCredentials.Secure(host.PartnerCenter.IssueRefreshToken(host.PartnerCenter.PublicClient.ClientId));
        var connection = await PartnerCenterConnector.ConnectAsync(request, OperationContext.None);

        await PartnerCenterCustomers.GetAsync(connection, Example, OperationContext.None);
        await PartnerCenterCustomers.GetAsync(connection, Example, OperationContext.None);

        var requests = host.PartnerCenter.TokenRequests;
        Assert.Equal(new[] { "refresh_token", "refresh_token", "refresh_token" }, requests.Select(r => r.GrantType));
        Assert.All(requests, r => Assert.Null(r.Error));
        Assert.Equal(2, host.Log.Entries.Count(e => e.Path.StartsWith("/v1/customers/", StringComparison.Ordinal) && e.StatusCode == 200));
    }

    private static Task<EmulatorHost> StartShortLivedAsync() =>
        EmulatorHost.StartAsync(new EmulatorOptions { PartnerCenter = new PartnerCenterEmulatorOptions { AccessTokenLifetime = TimeSpan.FromMinutes(2) } });
}
