using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Tests.Support;

namespace CloudBlueMca.Tests.PartnerCenter;

/// <summary>One way to connect to the emulator and what MSAL must send for it.</summary>
internal sealed record PcCredentialCase(
    PcConnectRequest Request,
    string ClientId,
    bool IsAppOnly,
    bool SendsSecret,
    bool SendsAssertion,
    string[] ConnectGrants,
    string RenewalGrant);

/// <summary>Every credential kind that goes through MSAL, by name, against one emulator.</summary>
internal static class PcCredentialCases
{
    public static readonly string[] Names =
    {
        "ClientSecret", "Certificate", "DeviceCode", "RefreshTokenPublic", "RefreshTokenSecret", "RefreshTokenCertificate",
    };

    public static PcCredentialCase Create(string name, EmulatorHost host, string environment)
    {
        var store = host.PartnerCenter;
        switch (name)
        {
            case "ClientSecret":
                return new PcCredentialCase(PcTestCredentials.ClientSecret(host, environment), store.SecretClient.ClientId, true, true, false, new[] { "client_credentials" }, "client_credentials");
            case "Certificate":
                var certificate = PcTestCredentials.ForEmulator(host, PcAuthenticationKind.Certificate, environment);
                certificate.ApplicationId = store.CertificateClient.ClientId;
                certificate.Certificate = store.CertificateClient.Certificate;
                return new PcCredentialCase(certificate, store.CertificateClient.ClientId, true, false, true, new[] { "client_credentials" }, "client_credentials");
            case "DeviceCode":
                var deviceCode = PcTestCredentials.ForEmulator(host, PcAuthenticationKind.DeviceCode, environment);
                return new PcCredentialCase(deviceCode, PartnerCenterConnector.DefaultPublicClientId, false, false, false, new[] { "devicecode", "device_code", "device_code" }, "refresh_token");
            case "RefreshTokenPublic":
                var publicApp = PcTestCredentials.ForEmulator(host, PcAuthenticationKind.RefreshToken, environment);
                publicApp.ApplicationId = store.PublicClient.ClientId;
                publicApp.RefreshToken = EmulatorClients.Secure(store.IssueRefreshToken(store.PublicClient.ClientId));
                return new PcCredentialCase(publicApp, store.PublicClient.ClientId, false, false, false, new[] { "refresh_token" }, "refresh_token");
            case "RefreshTokenSecret":
                var secretApp = PcTestCredentials.ClientSecret(host, environment);
                secretApp.Kind = PcAuthenticationKind.RefreshToken;
                secretApp.RefreshToken = EmulatorClients.Secure(store.IssueRefreshToken(store.SecretClient.ClientId));
                return new PcCredentialCase(secretApp, store.SecretClient.ClientId, false, true, false, new[] { "refresh_token" }, "refresh_token");
            case "RefreshTokenCertificate":
                var certificateApp = PcTestCredentials.ForEmulator(host, PcAuthenticationKind.RefreshToken, environment);
                certificateApp.ApplicationId = store.CertificateClient.ClientId;
                certificateApp.Certificate = store.CertificateClient.Certificate;
                certificateApp.RefreshToken = EmulatorClients.Secure(store.IssueRefreshToken(store.CertificateClient.ClientId));
                return new PcCredentialCase(certificateApp, store.CertificateClient.ClientId, false, false, true, new[] { "refresh_token" }, "refresh_token");
            default:
                throw new ArgumentOutOfRangeException(nameof(name), name, "Unknown credential case.");
        }
    }
}
