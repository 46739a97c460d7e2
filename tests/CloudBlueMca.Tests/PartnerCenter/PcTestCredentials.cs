using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Tests.Support;

namespace CloudBlueMca.Tests.PartnerCenter;

/// <summary>Connect requests for each credential kind, pointed at an emulator (API and authority on loopback).</summary>
internal static class PcTestCredentials
{
    public static PcConnectRequest ForEmulator(EmulatorHost host, PcAuthenticationKind kind, string environment = PcEnvironment.AzureCloud) => new()
    {
        Kind = kind,
        Environment = environment,
        ApiUri = host.BaseUri,
        Authority = host.BaseUri,
        TenantId = CloudBlueMca.Emulator.PartnerCenter.PartnerCenterStore.PartnerTenantId,
    };

    public static PcConnectRequest ClientSecret(EmulatorHost host, string environment = PcEnvironment.AzureCloud)
    {
        var request = ForEmulator(host, PcAuthenticationKind.ClientSecret, environment);
        request.ApplicationId = host.PartnerCenter.SecretClient.ClientId;
        request.ClientSecret = EmulatorClients.Secure(host.PartnerCenter.SecretClient.ClientSecret!);
        return request;
    }

    /// <summary>An app+user connection (the secure application model's refresh token), as the agreement APIs need, with short retry delays.</summary>
    public static Task<PcConnection> ConnectAppUserAsync(EmulatorHost host)
    {
        var request = ClientSecret(host);
        request.Kind = PcAuthenticationKind.RefreshToken;
        request.RefreshToken = EmulatorClients.Secure(host.PartnerCenter.IssueRefreshToken(host.PartnerCenter.SecretClient.ClientId));
        request.PipelineOptions = EmulatorClients.FastRetries;
        return PartnerCenterConnector.ConnectAsync(request, OperationContext.None);
    }
}
