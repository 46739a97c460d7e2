using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;

namespace CloudBlueMca.Emulator.PartnerCenter;

/// <summary>
/// Verifies a certificate client assertion (RFC 7523 as Entra uses it): the JWT must be signed
/// with the private key of the certificate registered on the application (RS256 or PS256, which
/// MSAL uses), name the application as issuer and subject, be addressed to the token endpoint it
/// was sent to, and not be expired.
/// </summary>
internal static class ClientAssertionValidator
{
    /// <summary>Null when valid; otherwise why not.</summary>
    public static string? Validate(string assertion, X509Certificate2 certificate, string clientId, string authorityHost, string tenant)
    {
        var jwt = EmulatorJwt.Parse(assertion);
        if (jwt is null)
        {
            return "the client assertion is not a JWT";
        }

        using var key = certificate.GetRSAPublicKey();
        if (key is null)
        {
            return "the registered certificate has no RSA key";
        }

        var padding = (string?)jwt.Header["alg"] switch
        {
            "RS256" => RSASignaturePadding.Pkcs1,
            "PS256" => RSASignaturePadding.Pss,
            _ => null,
        };
        if (padding is null || !key.VerifyData(Encoding.ASCII.GetBytes(jwt.SigningInput), jwt.Signature, HashAlgorithmName.SHA256, padding))
        {
            return "the client assertion signature does not match the certificate registered on the application";
        }

        if ((string?)jwt.Payload["iss"] != clientId || (string?)jwt.Payload["sub"] != clientId)
        {
            return "the client assertion's iss and sub must be the application id";
        }

        var audience = (string?)jwt.Payload["aud"] ?? string.Empty;
        var expectedAudience = $"https://{authorityHost}/{tenant}/oauth2/v2.0/token";
        if (!string.Equals(audience, expectedAudience, StringComparison.OrdinalIgnoreCase))
        {
            return $"the client assertion's audience '{audience}' is not this token endpoint";
        }

        return jwt.ExpiresOn is DateTimeOffset expires && expires > DateTimeOffset.UtcNow
            ? null
            : "the client assertion has expired";
    }
}
