using CloudBlueMca.Engine;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Engine.PartnerCenter.Auth;
using CloudBlueMca.Tests.Support;
using Microsoft.Identity.Client;
using Xunit;

namespace CloudBlueMca.Tests.PartnerCenter;

/// <summary>Bad Connect-PcService input gets a clear error and sends nothing.</summary>
public sealed class ConnectRequestValidationTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public ConnectRequestValidationTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    public static TheoryData<string, Action<PcConnectRequest>, string, ErrorKind> BadRequests => new()
    {
        { "application id not a GUID", r => r.ApplicationId = "my-app", ErrorIds.InvalidCredential, ErrorKind.InvalidArgument },
        { "no tenant", r => r.TenantId = null, ErrorIds.InvalidCredential, ErrorKind.InvalidArgument },
        { "multi-tenant authority for app-only", r => r.TenantId = "organizations", ErrorIds.InvalidCredential, ErrorKind.InvalidArgument },
        { "empty secret", r => r.ClientSecret = EmulatorClients.Secure(string.Empty), ErrorIds.InvalidCredential, ErrorKind.InvalidArgument },
        { "unknown environment", r => r.Environment = "AzureGermanCloud", ErrorIds.InvalidEndpoint, ErrorKind.InvalidArgument },
        { "http API on the network", r => r.ApiUri = new Uri("http://pc.example.com/"), ErrorIds.InsecureEndpoint, ErrorKind.SecurityError },
        { "http authority on the network", r => r.Authority = new Uri("http://login.example.com/"), ErrorIds.InsecureEndpoint, ErrorKind.SecurityError },
        { "authority with a tenant path", r => r.Authority = new Uri("https://login.microsoftonline.com/contoso.onmicrosoft.com"), ErrorIds.InvalidEndpoint, ErrorKind.InvalidArgument },
        { "loopback authority with two segments", r => r.Authority = new Uri("http://127.0.0.1:9/login.microsoftonline.com/tenant"), ErrorIds.InvalidEndpoint, ErrorKind.InvalidArgument },
        { "thumbprint not hexadecimal", r => { r.Kind = PcAuthenticationKind.Certificate; r.CertificateThumbprint = "not-a-thumbprint"; }, ErrorIds.InvalidCredential, ErrorKind.InvalidArgument },
        { "certificate kind without a certificate", r => r.Kind = PcAuthenticationKind.Certificate, ErrorIds.InvalidCredential, ErrorKind.InvalidArgument },
        { "empty refresh token", r => { r.Kind = PcAuthenticationKind.RefreshToken; r.ClientSecret = null; r.RefreshToken = EmulatorClients.Secure(string.Empty); }, ErrorIds.InvalidCredential, ErrorKind.InvalidArgument },
    };

    [Theory]
    [MemberData(nameof(BadRequests))]
    public async Task BadInputFailsBeforeAnyRequest(string because, Action<PcConnectRequest> spoil, string errorId, ErrorKind kind)
    {
        var request = PcTestCredentials.ClientSecret(_fixture.Host);
        spoil(request);
        var before = _fixture.Host.Log.Count;

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => PartnerCenterConnector.ConnectAsync(request, OperationContext.None));

        Assert.True((errorId, kind) == (error.ErrorId, error.Kind), $"{because}: got {error.ErrorId}/{error.Kind}: {error.Message}");
        Assert.Equal(before, _fixture.Host.Log.Count);
    }

    [Fact]
    public void BrowserFailuresAreToldApartFromOtherSignInFailures()
    {
        Assert.True(InteractiveSignIn.IsBrowserUnavailable(new MsalClientException(MsalError.LinuxXdgOpen, "xdg-open failed")));
        Assert.True(InteractiveSignIn.IsBrowserUnavailable(new MsalClientException(MsalError.WebviewUnavailable, "no webview")));
        Assert.True(InteractiveSignIn.IsBrowserUnavailable(new PlatformNotSupportedException()));
        Assert.True(InteractiveSignIn.IsBrowserUnavailable(new System.ComponentModel.Win32Exception(2, "The system cannot find the file specified")));
        Assert.False(InteractiveSignIn.IsBrowserUnavailable(new MsalClientException(MsalError.AuthenticationCanceledError, "cancelled")));
        Assert.False(InteractiveSignIn.IsBrowserUnavailable(new MsalServiceException("invalid_grant", "AADSTS50076")));
    }
}
