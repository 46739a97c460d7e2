using System.Security.Cryptography.X509Certificates;

namespace CloudBlueMca.Emulator.PartnerCenter;

/// <summary>
/// An Entra app registration as the emulator's token endpoint knows it. An application with
/// neither a secret nor a certificate is a public client (device code, refresh token without
/// client authentication); the others are confidential and must authenticate on every grant.
/// </summary>
public sealed record EmulatedApplication(string ClientId, string DisplayName, string? ClientSecret, X509Certificate2? Certificate)
{
    public bool IsPublicClient => ClientSecret is null && Certificate is null;
}
