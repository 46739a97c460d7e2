using CloudBlueMca.Emulator.PartnerCenter;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.PartnerCenter;

/// <summary>Connect-PcService -AccessToken: the JWT's claims are read and a token that cannot work is refused at connect.</summary>
public sealed class AccessTokenConnectTests : IClassFixture<EmulatorFixture>
{
    private readonly EmulatorFixture _fixture;

    public AccessTokenConnectTests(EmulatorFixture fixture)
    {
        _fixture = fixture;
    }

    [Fact]
    public async Task AUserTokenDescribesTheConnectionAndWorks()
    {
        var store = _fixture.Host.PartnerCenter;
        var request = Request(store.IssueAccessToken(TimeSpan.FromMinutes(30)));

        var connection = await PartnerCenterConnector.ConnectAsync(request, OperationContext.None);
        var customer = await PartnerCenterCustomers.GetAsync(connection, Guid.Parse("9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19"), OperationContext.None);

        Assert.Equal(("Contoso Ltd", PcAuthenticationKind.AccessToken), (customer.CompanyName, connection.AuthenticationKind));
        Assert.False(connection.IsAppOnly);
        Assert.Equal((PartnerCenterStore.DemoUserPrincipalName, store.PublicClient.ClientId), (connection.Account, connection.ApplicationId));
        Assert.Equal(PartnerCenterStore.PartnerTenantId, connection.TenantId);
        Assert.InRange(connection.ExpiresOn!.Value, DateTimeOffset.UtcNow.AddMinutes(29), DateTimeOffset.UtcNow.AddMinutes(31));
    }

    [Fact]
    public async Task AnAppOnlyTokenIsRecognised()
    {
        var connection = await PartnerCenterConnector.ConnectAsync(Request(_fixture.Host.PartnerCenter.IssueAccessToken(TimeSpan.FromMinutes(5), appOnly: true)), OperationContext.None);

        Assert.True(connection.IsAppOnly);
        Assert.Null(connection.Account);
    }

    [Fact]
    public async Task AnExpiredTokenIsRefusedAtConnect()
    {
        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => PartnerCenterConnector.ConnectAsync(Request(_fixture.Host.PartnerCenter.IssueAccessToken(TimeSpan.FromMinutes(-1))), OperationContext.None));

        Assert.Equal((ErrorIds.InvalidAccessToken, ErrorKind.AuthenticationError), (error.ErrorId, error.Kind));
        Assert.Contains("expired", error.Message);
    }

    [Fact]
    public async Task AnAzureAdGraphTokenIsRefusedAtConnectWithTheReason()
    {
        var token = _fixture.Host.PartnerCenter.IssueAccessToken(TimeSpan.FromMinutes(30), audience: "https://graph.windows.net");

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => PartnerCenterConnector.ConnectAsync(Request(token), OperationContext.None));

        Assert.Equal(ErrorIds.InvalidAccessToken, error.ErrorId);
        Assert.Contains("'https://graph.windows.net'", error.Message);
        Assert.Contains("900420", error.Message);
        Assert.DoesNotContain(token, error.Message);
    }

    [Fact]
    public async Task AChinaTokenIsRefusedForTheGlobalCloudButAcceptedForChina()
    {
        var token = _fixture.Host.PartnerCenter.IssueAccessToken(TimeSpan.FromMinutes(30), audience: "https://partner.partnercenterapi.microsoftonline.cn");

        await Assert.ThrowsAsync<CloudBlueMcaException>(() => PartnerCenterConnector.ConnectAsync(Request(token), OperationContext.None));
        var request = Request(token);
        request.Environment = PcEnvironment.AzureChinaCloud;
        var connection = await PartnerCenterConnector.ConnectAsync(request, OperationContext.None);

        Assert.Equal("AzureChinaCloud", connection.Environment);
    }

    [Fact]
    public async Task AnOpaqueTokenIsRefusedAtConnectWithoutRepeatingIt()
    {
        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => PartnerCenterConnector.ConnectAsync(Request("opaque-token-value"), OperationContext.None));

        Assert.Equal((ErrorIds.InvalidAccessToken, ErrorKind.InvalidArgument), (error.ErrorId, error.Kind));
        Assert.Contains("not a JSON Web Token", error.Message);
        Assert.DoesNotContain("opaque-token-value", error.Message);
    }

    [Fact]
    public async Task AnEmptyTokenIsRefused()
    {
        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => PartnerCenterConnector.ConnectAsync(Request("  "), OperationContext.None));

        Assert.Equal((ErrorIds.InvalidAccessToken, ErrorKind.InvalidArgument), (error.ErrorId, error.Kind));
    }

    private PcConnectRequest Request(string token)
    {
        var request = PcTestCredentials.ForEmulator(_fixture.Host, PcAuthenticationKind.AccessToken);
        request.TenantId = null;
        request.AccessToken = EmulatorClients.Secure(token);
        return request;
    }
}
