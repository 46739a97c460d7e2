using System.Net;
using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.PartnerCenter;

/// <summary>
/// No credential of any kind shows up where a user (or a transcript) can see it: the
/// connection's properties and text, verbose and warning output, progress, error messages.
/// </summary>
public sealed class CredentialLeakTests
{
    public static TheoryData<string> Kinds() => new(PcCredentialCases.Names);

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task NoTokenOrSecretIsShownAfterConnectingReadingAndFailing(string kind)
    {
        await using var host = await EmulatorHost.StartAsync();
        var credential = PcCredentialCases.Create(kind, host, PcEnvironment.AzureCloud);
        var log = new RecordingLog();
        var context = log.Context();

        var connection = await PartnerCenterConnector.ConnectAsync(credential.Request, context);
        await PartnerCenterCustomers.GetAsync(connection, Guid.Parse("3f8a1aff-6a93-4b2c-b734-93b66497af4c"), context);
        await PartnerCenterCustomers.List(connection).NextPageAsync(context);
        var missing = await Assert.ThrowsAsync<PartnerCenterRequestException>(() => PartnerCenterCustomers.GetAsync(connection, Guid.Empty, context));
        host.Faults.Add(new FaultRule { PathPrefix = "/v1/customers/", Kind = FaultKind.Status, StatusCode = 401 });
        var refused = await Assert.ThrowsAsync<PartnerCenterRequestException>(() => PartnerCenterCustomers.GetAsync(connection, Guid.Empty, context));

        var secrets = Secrets(credential.Request, host).ToList();
        Assert.NotEmpty(secrets);
        var shown = string.Join("\n", Visible(connection).Append(log.AllText).Append(missing.Message).Append(refused.Message));
        Assert.All(secrets, secret => Assert.DoesNotContain(secret, shown));
    }

    [Fact]
    public async Task AnAccessTokenConnectionShowsNoToken()
    {
        await using var host = await EmulatorHost.StartAsync();
        var token = host.PartnerCenter.IssueAccessToken(TimeSpan.FromMinutes(30));
        var request = PcTestCredentials.ForEmulator(host, PcAuthenticationKind.AccessToken);
        request.AccessToken = EmulatorClients.Secure(token);
        var log = new RecordingLog();

        var connection = await PartnerCenterConnector.ConnectAsync(request, log.Context());
        await PartnerCenterCustomers.GetAsync(connection, Guid.Parse("3f8a1aff-6a93-4b2c-b734-93b66497af4c"), log.Context());

        var shown = string.Join("\n", Visible(connection).Append(log.AllText));
        Assert.DoesNotContain(token, shown);
        Assert.DoesNotContain(token.Split('.')[2], shown);
    }

    /// <summary>What PowerShell can display of the connection: its text and every public property.</summary>
    private static IEnumerable<string> Visible(PcConnection connection) =>
        typeof(PcConnection).GetProperties().Select(p => p.Name + "=" + p.GetValue(connection)).Append(connection.ToString());

    /// <summary>The secret the user gave, and every bearer token the module sent.</summary>
    private static IEnumerable<string> Secrets(PcConnectRequest request, EmulatorHost host)
    {
        foreach (var secure in new[] { request.ClientSecret, request.RefreshToken })
        {
            if (secure != null)
            {
                yield return new NetworkCredential(string.Empty, secure).Password;
            }
        }

        foreach (var authorization in host.Log.Entries.Select(e => e.Header("Authorization")).OfType<string>().Distinct())
        {
            yield return authorization["Bearer ".Length..];
        }
    }
}
