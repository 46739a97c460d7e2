using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Emulator.PartnerCenter;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.PartnerCenter;

/// <summary>
/// Every credential kind in every cloud, through MSAL against the emulator's token endpoint:
/// the token requests MSAL actually sent (authority host, tenant, client id, grant, scope,
/// client authentication), at connect time and when the token is renewed silently.
/// </summary>
public sealed class CredentialKindTokenRequestTests
{
    private static readonly Guid Example = Guid.Parse("3f8a1aff-6a93-4b2c-b734-93b66497af4c");

    public static TheoryData<string, string> KindsAndClouds()
    {
        var data = new TheoryData<string, string>();
        foreach (var kind in PcCredentialCases.Names)
        {
            foreach (var environment in PcEnvironment.All)
            {
                data.Add(kind, environment.Name);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(KindsAndClouds))]
    public async Task ConnectSendsTheTokenRequestOfTheKindToTheCloudsAuthority(string kind, string environment)
    {
        await using var host = await EmulatorHost.StartAsync();
        var credential = PcCredentialCases.Create(kind, host, environment);
        var cloud = PcEnvironment.Get(environment);

        var connection = await PartnerCenterConnector.ConnectAsync(credential.Request, OperationContext.None);

        var sent = host.PartnerCenter.TokenRequests;
        Assert.Equal(credential.ConnectGrants, sent.Select(r => r.Endpoint == "devicecode" ? "devicecode" : r.GrantType));
        Assert.All(sent, r => AssertSentBy(credential, cloud, r));
        Assert.Equal((environment, credential.IsAppOnly, credential.Request.Kind), (connection.Environment, connection.IsAppOnly, connection.AuthenticationKind));
        Assert.Equal(credential.ClientId, connection.ApplicationId);
    }

    [Theory]
    [MemberData(nameof(KindsAndClouds))]
    public async Task ShortLivedTokensAreRenewedSilentlyWithTheSameClientAndScope(string kind, string environment)
    {
        // MSAL treats a token that expires within five minutes as expired: with two-minute tokens
        // every call must renew, with no prompt and no error.
        await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { PartnerCenter = new PartnerCenterEmulatorOptions { AccessTokenLifetime = TimeSpan.FromMinutes(2) } });
        var credential = PcCredentialCases.Create(kind, host, environment);
        var cloud = PcEnvironment.Get(environment);
        var connection = await PartnerCenterConnector.ConnectAsync(credential.Request, OperationContext.None);
        var atConnect = host.PartnerCenter.TokenRequests.Count;

        await PartnerCenterCustomers.GetAsync(connection, Example, OperationContext.None);
        await PartnerCenterCustomers.GetAsync(connection, Example, OperationContext.None);

        var renewals = host.PartnerCenter.TokenRequests.Skip(atConnect).ToList();
        Assert.Equal(new[] { credential.RenewalGrant, credential.RenewalGrant }, renewals.Select(r => r.GrantType));
        Assert.All(renewals, r => AssertSentBy(credential, cloud, r));
        Assert.Equal(new[] { 200, 200 }, host.Log.Entries.Where(e => e.Path.StartsWith("/v1/customers/", StringComparison.Ordinal)).Select(e => e.StatusCode));
        Assert.InRange(connection.ExpiresOn!.Value, DateTimeOffset.UtcNow.AddSeconds(60), DateTimeOffset.UtcNow.AddMinutes(3));
    }

    private static void AssertSentBy(PcCredentialCase credential, PcEnvironment cloud, TokenRequestRecord request)
    {
        Assert.Null(request.Error is "authorization_pending" ? null : request.Error);
        Assert.Equal((cloud.AuthorityHost, PartnerCenterStore.PartnerTenantId, credential.ClientId), (request.AuthorityHost, request.Tenant, request.ClientId));
        Assert.Equal((credential.SendsSecret, credential.SendsAssertion), (request.ClientSecretPresent, request.ClientAssertionPresent));
        var scopes = (request.Scope ?? string.Empty).Split(' ');
        if (credential.IsAppOnly)
        {
            Assert.Equal(new[] { cloud.AppOnlyScope }, scopes);
        }
        else
        {
            Assert.Contains(cloud.DelegatedScope, scopes);
            Assert.DoesNotContain(scopes, s => s.EndsWith("/.default", StringComparison.Ordinal));
        }
    }
}
