using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Emulator.PartnerCenter;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.PartnerCenter;

/// <summary>Every credential kind of Connect-PcService, run for real through MSAL against the emulator's token endpoint.</summary>
public sealed class ConnectPcServiceEngineTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorHost _host;
    private readonly PartnerCenterStore _store;

    public ConnectPcServiceEngineTests(EmulatorFixture fixture)
    {
        _host = fixture.Host;
        _store = fixture.Host.PartnerCenter;
    }

    [Fact]
    public async Task ClientSecretGetsAnAppOnlyTokenForTheDefaultScope()
    {
        var before = _store.TokenRequests.Count;
        var log = new RecordingLog();

        var connection = await PartnerCenterConnector.ConnectAsync(PcTestCredentials.ClientSecret(_host), log.Context());

        var sent = Assert.Single(_store.TokenRequests.Skip(before));
        Assert.Equal(("login.microsoftonline.com", PartnerCenterStore.PartnerTenantId, "client_credentials"), (sent.AuthorityHost, sent.Tenant, sent.GrantType));
        Assert.Equal("https://api.partnercenter.microsoft.com/.default", sent.Scope);
        Assert.Equal(_store.SecretClient.ClientId, sent.ClientId);
        Assert.True(sent.ClientSecretPresent);
        Assert.False(sent.ClientAssertionPresent);
        Assert.Null(sent.Error);
        Assert.True(connection.IsAppOnly);
        Assert.Equal(PcAuthenticationKind.ClientSecret, connection.AuthenticationKind);
        Assert.Equal("AzureCloud", connection.Environment);
        Assert.Equal(_store.SecretClient.ClientId, connection.ApplicationId);
        Assert.Null(connection.Account);
        Assert.InRange(connection.ExpiresOn!.Value, DateTimeOffset.UtcNow.AddMinutes(55), DateTimeOffset.UtcNow.AddMinutes(61));
        Assert.DoesNotContain(_store.SecretClient.ClientSecret!, log.AllText + connection);
    }

    [Fact]
    public async Task ALoopbackAuthorityMayNameTheAuthorityHostToEmulate()
    {
        var before = _store.TokenRequests.Count;
        var request = PcTestCredentials.ClientSecret(_host);
        request.Authority = new Uri(_host.BaseUri, "login.microsoftonline.us");

        await PartnerCenterConnector.ConnectAsync(request, OperationContext.None);

        Assert.Equal("login.microsoftonline.us", Assert.Single(_store.TokenRequests.Skip(before)).AuthorityHost);
    }

    [Fact]
    public async Task CertificateSendsASignedClientAssertionInsteadOfASecret()
    {
        var before = _store.TokenRequests.Count;
        var request = PcTestCredentials.ForEmulator(_host, PcAuthenticationKind.Certificate);
        request.ApplicationId = _store.CertificateClient.ClientId;
        request.Certificate = _store.CertificateClient.Certificate;

        var connection = await PartnerCenterConnector.ConnectAsync(request, OperationContext.None);

        var sent = Assert.Single(_store.TokenRequests.Skip(before));
        Assert.Equal("client_credentials", sent.GrantType);
        Assert.Equal("https://api.partnercenter.microsoft.com/.default", sent.Scope);
        Assert.True(sent.ClientAssertionPresent);
        Assert.False(sent.ClientSecretPresent);
        Assert.Null(sent.Error);
        Assert.True(connection.IsAppOnly);
        Assert.Equal(PcAuthenticationKind.Certificate, connection.AuthenticationKind);
    }

    [Fact]
    public async Task ACertificateTheApplicationDoesNotKnowIsRejectedByTheTokenEndpoint()
    {
        var before = _store.TokenRequests.Count;
        using var key = RSA.Create(2048);
        using var stranger = new CertificateRequest("CN=stranger", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1).CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddDays(1));
        var request = PcTestCredentials.ForEmulator(_host, PcAuthenticationKind.Certificate);
        request.ApplicationId = _store.CertificateClient.ClientId;
        request.Certificate = stranger;

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => PartnerCenterConnector.ConnectAsync(request, OperationContext.None));

        Assert.Equal(ErrorIds.AuthenticationFailed, error.ErrorId);
        Assert.Contains("AADSTS700027", error.Message);
        Assert.Equal("invalid_client", Assert.Single(_store.TokenRequests.Skip(before)).Error);
    }

    [Fact]
    public async Task ACertificateThumbprintIsLookedUpInTheCurrentUserStore()
    {
        var before = _store.TokenRequests.Count;
        using var withKey = X509CertificateLoader.LoadPkcs12(_store.CertificateClient.Certificate!.Export(X509ContentType.Pkcs12), null, X509KeyStorageFlags.Exportable | X509KeyStorageFlags.PersistKeySet);
        using var store = new X509Store(StoreName.My, StoreLocation.CurrentUser);
        store.Open(OpenFlags.ReadWrite);
        store.Add(withKey);
        try
        {
            var request = PcTestCredentials.ForEmulator(_host, PcAuthenticationKind.Certificate);
            request.ApplicationId = _store.CertificateClient.ClientId;
            request.CertificateThumbprint = withKey.Thumbprint.ToLowerInvariant();

            await PartnerCenterConnector.ConnectAsync(request, OperationContext.None);

            Assert.True(Assert.Single(_store.TokenRequests.Skip(before)).ClientAssertionPresent);
        }
        finally
        {
            store.Remove(withKey);
        }
    }

    [Fact]
    public async Task AnUnknownThumbprintFailsWithCertificateNotFoundAndSendsNothing()
    {
        var before = _store.TokenRequests.Count;
        var request = PcTestCredentials.ForEmulator(_host, PcAuthenticationKind.Certificate);
        request.ApplicationId = _store.CertificateClient.ClientId;
        request.CertificateThumbprint = new string('A', 40);

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => PartnerCenterConnector.ConnectAsync(request, OperationContext.None));

        Assert.Equal((ErrorIds.CertificateNotFound, ErrorKind.ObjectNotFound), (error.ErrorId, error.Kind));
        Assert.Contains("CurrentUser", error.Message);
        Assert.Equal(before, _store.TokenRequests.Count);
    }

    [Fact]
    public async Task DeviceCodeShowsTheSignInMessageAsAWarningAndPollsUntilSignedIn()
    {
        var before = _store.TokenRequests.Count;
        var log = new RecordingLog();
        var request = PcTestCredentials.ForEmulator(_host, PcAuthenticationKind.DeviceCode);
        request.TenantId = null;

        var connection = await PartnerCenterConnector.ConnectAsync(request, log.Context());

        var sent = _store.TokenRequests.Skip(before).ToList();
        Assert.Equal(new[] { "devicecode", "token", "token" }, sent.Select(r => r.Endpoint));
        Assert.All(sent, r => Assert.Equal(("login.microsoftonline.com", "organizations", PartnerCenterConnector.DefaultPublicClientId), (r.AuthorityHost, r.Tenant, r.ClientId)));
        Assert.Contains("https://api.partnercenter.microsoft.com/user_impersonation", sent[0].Scope);
        Assert.Equal(new[] { "authorization_pending", null }, sent.Skip(1).Select(r => r.Error));
        Assert.All(sent.Skip(1), r => Assert.EndsWith("device_code", r.GrantType));
        var signIn = Assert.Single(log.Warnings);
        Assert.Matches(@"open the page https://microsoft\.com/devicelogin and enter the code [0-9A-F]{8} to authenticate", signIn);
        Assert.False(connection.IsAppOnly);
        Assert.Equal(PartnerCenterStore.DemoUserPrincipalName, connection.Account);
        Assert.Equal(PartnerCenterStore.PartnerTenantId, connection.TenantId);
        Assert.Equal(PcAuthenticationKind.DeviceCode, connection.AuthenticationKind);
    }

    [Fact]
    public async Task InteractiveFallsBackToDeviceCodeWhenNoBrowserCanBeOpened()
    {
        var before = _store.TokenRequests.Count;
        var log = new RecordingLog();
        var request = PcTestCredentials.ForEmulator(_host, PcAuthenticationKind.Interactive);
        request.CanOpenBrowser = _ => false;

        var connection = await PartnerCenterConnector.ConnectAsync(request, log.Context());

        Assert.Equal("devicecode", _store.TokenRequests.Skip(before).First().Endpoint);
        Assert.Contains(log.Warnings, w => w.Contains("No browser can be opened"));
        Assert.Equal(PcAuthenticationKind.Interactive, connection.AuthenticationKind);
        Assert.Equal(PartnerCenterStore.DemoUserPrincipalName, connection.Account);
    }

    [Fact]
    public async Task DeviceCodeWithAConfidentialApplicationFailsWithEntrasReason()
    {
        var request = PcTestCredentials.ForEmulator(_host, PcAuthenticationKind.DeviceCode);
        request.ApplicationId = _store.SecretClient.ClientId;

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => PartnerCenterConnector.ConnectAsync(request, OperationContext.None));

        Assert.Equal(ErrorIds.AuthenticationFailed, error.ErrorId);
        Assert.Contains("AADSTS7000218", error.Message);
    }

    [Fact]
    public async Task ARefreshTokenOfAPublicClientIsRedeemedWithoutClientAuthenticationAndRotates()
    {
        var before = _store.TokenRequests.Count;
        var refreshToken = _store.IssueRefreshToken(_store.PublicClient.ClientId);
        var log = new RecordingLog();
        var request = PcTestCredentials.ForEmulator(_host, PcAuthenticationKind.RefreshToken);
        request.ApplicationId = _store.PublicClient.ClientId;
        request.RefreshToken = EmulatorClients.Secure(refreshToken);

        var connection = await PartnerCenterConnector.ConnectAsync(request, log.Context());

        var sent = Assert.Single(_store.TokenRequests.Skip(before));
        Assert.Equal(("refresh_token", false, false), (sent.GrantType, sent.ClientSecretPresent, sent.ClientAssertionPresent));
        Assert.Contains("https://api.partnercenter.microsoft.com/user_impersonation", sent.Scope);
        Assert.False(_store.IsRefreshTokenActive(refreshToken));
        Assert.False(connection.IsAppOnly);
        Assert.Equal(PartnerCenterStore.DemoUserPrincipalName, connection.Account);
        Assert.DoesNotContain(refreshToken, log.AllText);
    }

    [Fact]
    public async Task ARefreshTokenOfAConfidentialApplicationIsRedeemedWithItsSecret()
    {
        var before = _store.TokenRequests.Count;
        var request = PcTestCredentials.ClientSecret(_host);
        request.Kind = PcAuthenticationKind.RefreshToken;
        request.RefreshToken = EmulatorClients.Secure(_store.IssueRefreshToken(_store.SecretClient.ClientId));

        var connection = await PartnerCenterConnector.ConnectAsync(request, OperationContext.None);

        var sent = Assert.Single(_store.TokenRequests.Skip(before));
        Assert.Equal(("refresh_token", true), (sent.GrantType, sent.ClientSecretPresent));
        Assert.False(connection.IsAppOnly);
    }

    [Fact]
    public async Task ARefreshTokenOfAConfidentialApplicationWithoutItsSecretFails()
    {
        var request = PcTestCredentials.ForEmulator(_host, PcAuthenticationKind.RefreshToken);
        request.ApplicationId = _store.SecretClient.ClientId;
        request.RefreshToken = EmulatorClients.Secure(_store.IssueRefreshToken(_store.SecretClient.ClientId));

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => PartnerCenterConnector.ConnectAsync(request, OperationContext.None));

        Assert.Equal(ErrorIds.AuthenticationFailed, error.ErrorId);
        Assert.Contains("AADSTS7000218", error.Message);
    }

    [Fact]
    public async Task ARefreshTokenIssuedToAnotherApplicationFails()
    {
        var request = PcTestCredentials.ForEmulator(_host, PcAuthenticationKind.RefreshToken);
        request.ApplicationId = _store.PublicClient.ClientId;
        request.RefreshToken = EmulatorClients.Secure(_store.IssueRefreshToken(_store.SecretClient.ClientId));

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => PartnerCenterConnector.ConnectAsync(request, OperationContext.None));

        Assert.Contains("AADSTS700007", error.Message);
    }

    [Fact]
    public async Task AWrongClientSecretFailsWithEntrasReasonAndNoSecretInTheMessage()
    {
        var request = PcTestCredentials.ClientSecret(_host);
        request.ClientSecret = EmulatorClients.Secure("wrong-secret-value");

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => PartnerCenterConnector.ConnectAsync(request, OperationContext.None));

        Assert.Equal((ErrorIds.AuthenticationFailed, ErrorKind.AuthenticationError), (error.ErrorId, error.Kind));
        Assert.Contains("AADSTS7000215", error.Message);
        Assert.DoesNotContain("wrong-secret-value", error.Message);
    }

    [Fact]
    public async Task AnUnknownTenantFailsWithEntrasReason()
    {
        var request = PcTestCredentials.ClientSecret(_host);
        request.TenantId = "11111111-2222-3333-4444-555555555555";

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => PartnerCenterConnector.ConnectAsync(request, OperationContext.None));

        Assert.Contains("AADSTS90002", error.Message);
    }

    [Fact]
    public async Task AnUnreachableAuthorityIsReportedAsSuch()
    {
        var request = PcTestCredentials.ClientSecret(_host);
        request.Authority = new Uri("http://127.0.0.1:1/");

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => PartnerCenterConnector.ConnectAsync(request, OperationContext.None));

        Assert.Equal((ErrorIds.EndpointUnreachable, ErrorKind.ConnectionError), (error.ErrorId, error.Kind));
    }

    [Fact]
    public async Task DisconnectDropsTheTokens()
    {
        var connection = await PartnerCenterConnector.ConnectAsync(PcTestCredentials.ClientSecret(_host), OperationContext.None);

        PartnerCenterConnector.Disconnect(connection);

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => connection.GetTokenAsync(OperationContext.None));
        Assert.Equal(ErrorIds.NotConnected, error.ErrorId);
        Assert.False(connection.IsConnected);
    }
}
