using System.Text;
using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Engine.PartnerCenter.Auth;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.PartnerCenter;

/// <summary>Get-PcCustomerAgreement and Get-PcRefreshToken's engine against the emulator over HTTP.</summary>
public sealed class PcAgreementsEngineTests : IAsyncLifetime
{
    private static readonly Guid Example = Guid.Parse("3f8a1aff-6a93-4b2c-b734-93b66497af4c");
    private static readonly Guid Wingtip = Guid.Parse("b1d3f5a7-9c1e-4a3c-8e5a-7c9e1b3d5f16");
    private static readonly Guid Seed002 = Guid.Parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");

    private EmulatorHost _host = null!;

    public async Task InitializeAsync() => _host = await EmulatorHost.StartAsync();

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task TheMcaTypeIsAlwaysSentAndEachAttestationIsRead()
    {
        var connection = await ConnectAppUserAsync();
        _host.Log.Clear();

        var agreements = await PartnerCenterAgreements.GetAsync(connection, Example, PcAgreementType.MicrosoftCustomerAgreement, OperationContext.None);

        var attestation = Assert.Single(agreements);
        Assert.Equal(("John", "Smith", "john@example.com", "+1234567"), (attestation.FirstName, attestation.LastName, attestation.Email, attestation.PhoneNumber));
        Assert.Equal("2024-03-15", attestation.DateAgreed);
        Assert.Equal("MicrosoftCustomerAgreement", attestation.AgreementType);
        Assert.False(attestation.SignedDirectly);
        var paths = _host.Log.Entries.Select(e => e.PathAndQuery).ToList();
        Assert.Equal(
            new[] { $"/v1/customers/{Example}/agreements?agreementType=MicrosoftCustomerAgreement", $"/v1/customers/{Example}/directSignedMicrosoftCustomerAgreementStatus" },
            paths);
    }

    [Fact]
    public async Task ADirectSignatureIsOneRecordWithoutContact()
    {
        var connection = await ConnectAppUserAsync();

        var agreement = Assert.Single(await PartnerCenterAgreements.GetAsync(connection, Wingtip, PcAgreementType.MicrosoftCustomerAgreement, OperationContext.None));

        Assert.True(agreement.SignedDirectly);
        Assert.Null(agreement.Email);
        Assert.Null(agreement.DateAgreed);
    }

    [Fact]
    public async Task AllTypesAreAskedForWithAStarAndTheCloudTypeSkipsTheDirectSignStatus()
    {
        var connection = await ConnectAppUserAsync();
        _host.Log.Clear();

        var all = await PartnerCenterAgreements.GetAsync(connection, Seed002, PcAgreementType.All, OperationContext.None);
        var cloud = await PartnerCenterAgreements.GetAsync(connection, Seed002, PcAgreementType.MicrosoftCloudAgreement, OperationContext.None);

        Assert.Equal("MicrosoftCloudAgreement", Assert.Single(all).AgreementType);
        Assert.Equal("2019-08-26", Assert.Single(cloud).DateAgreed);
        Assert.Equal(
            new[] { "?agreementType=%2A", string.Empty, "?agreementType=MicrosoftCloudAgreement" },
            _host.Log.Entries.Select(e => e.RawQuery));
    }

    [Fact]
    public async Task AnAppOnlyConnectionIsRefusedBeforeAnythingIsSent()
    {
        var connection = await PartnerCenterConnector.ConnectAsync(PcTestCredentials.ClientSecret(_host), OperationContext.None);
        _host.Log.Clear();

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => PartnerCenterAgreements.GetAsync(connection, Example, PcAgreementType.MicrosoftCustomerAgreement, OperationContext.None));

        Assert.Equal(ErrorIds.AppUserConnectionRequired, error.ErrorId);
        Assert.Contains("-RefreshToken", error.Message);
        Assert.Empty(_host.Log.Entries);
    }

    [Fact]
    public async Task AnUnknownCustomerIsCustomerNotFound()
    {
        var connection = await ConnectAppUserAsync();

        var error = await Assert.ThrowsAsync<PartnerCenterRequestException>(() => PartnerCenterAgreements.GetAsync(connection, Guid.Parse("00000000-0000-0000-0000-000000000042"), PcAgreementType.MicrosoftCustomerAgreement, OperationContext.None));

        Assert.Equal(ErrorIds.CustomerNotFound, error.ErrorId);
    }

    [Fact]
    public async Task TheRefreshTokenIsTheRotatedOneAndItConnectsTheNextRun()
    {
        var stored = _host.PartnerCenter.IssueRefreshToken(_host.PartnerCenter.SecretClient.ClientId);
        var first = await PartnerCenterConnector.ConnectAsync(RefreshTokenRequest(stored), OperationContext.None);

        var rotated = SecureStringText(PartnerCenterTokens.GetRefreshToken(first));

        Assert.NotEqual(stored, rotated);
        Assert.False(_host.PartnerCenter.IsRefreshTokenActive(stored));
        Assert.True(_host.PartnerCenter.IsRefreshTokenActive(rotated));
        var next = await PartnerCenterConnector.ConnectAsync(RefreshTokenRequest(rotated), OperationContext.None);
        Assert.NotEqual(rotated, SecureStringText(PartnerCenterTokens.GetRefreshToken(next)));
    }

    [Fact]
    public async Task AppOnlyAccessTokenAndClosedConnectionsHaveNoRefreshToken()
    {
        var appOnly = await PartnerCenterConnector.ConnectAsync(PcTestCredentials.ClientSecret(_host), OperationContext.None);
        var accessToken = PcTestCredentials.ForEmulator(_host, PcAuthenticationKind.AccessToken);
        accessToken.AccessToken = EmulatorClients.Secure(_host.PartnerCenter.IssueAccessToken(TimeSpan.FromMinutes(5)));
        var withAccessToken = await PartnerCenterConnector.ConnectAsync(accessToken, OperationContext.None);
        var closed = await ConnectAppUserAsync();
        PartnerCenterConnector.Disconnect(closed);

        Assert.Contains("app-only", Assert.Throws<CloudBlueMcaException>(() => PartnerCenterTokens.GetRefreshToken(appOnly)).Message);
        Assert.Contains("-AccessToken", Assert.Throws<CloudBlueMcaException>(() => PartnerCenterTokens.GetRefreshToken(withAccessToken)).Message);
        Assert.Contains("Disconnect-PcService", Assert.Throws<CloudBlueMcaException>(() => PartnerCenterTokens.GetRefreshToken(closed)).Message);
        Assert.All(
            new[] { appOnly, withAccessToken, closed },
            c => Assert.Equal(ErrorIds.RefreshTokenUnavailable, Assert.Throws<CloudBlueMcaException>(() => PartnerCenterTokens.GetRefreshToken(c)).ErrorId));
    }

    [Fact]
    public void TheCacheEntryOfTheClientWinsOverAFamilyEntry()
    {
        const string cache = """
            {"RefreshToken":{
              "a":{"home_account_id":"uid.utid","credential_type":"RefreshToken","client_id":"other","family_id":"1","secret":"family-token"},
              "b":{"home_account_id":"uid.utid","credential_type":"RefreshToken","client_id":"mine","secret":"own-token"},
              "c":{"home_account_id":"someone.else","credential_type":"RefreshToken","client_id":"mine","secret":"not-mine"}}}
            """;

        Assert.Equal("own-token", MsalCacheSnapshot.RefreshTokenIn(Encoding.UTF8.GetBytes(cache), "uid.utid", "mine"));
        Assert.Equal("family-token", MsalCacheSnapshot.RefreshTokenIn(Encoding.UTF8.GetBytes(cache), "uid.utid", "third"));
        Assert.Null(MsalCacheSnapshot.RefreshTokenIn(Encoding.UTF8.GetBytes(cache), "nobody", "mine"));
    }

    private async Task<PcConnection> ConnectAppUserAsync() =>
        await PartnerCenterConnector.ConnectAsync(RefreshTokenRequest(_host.PartnerCenter.IssueRefreshToken(_host.PartnerCenter.SecretClient.ClientId)), OperationContext.None);

    private PcConnectRequest RefreshTokenRequest(string refreshToken)
    {
        var request = PcTestCredentials.ClientSecret(_host);
        request.Kind = PcAuthenticationKind.RefreshToken;
        request.RefreshToken = EmulatorClients.Secure(refreshToken);
        return request;
    }

    private static string SecureStringText(System.Security.SecureString value) => new System.Net.NetworkCredential(string.Empty, value).Password;
}
