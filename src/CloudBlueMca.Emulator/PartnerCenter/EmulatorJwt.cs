using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudBlueMca.Emulator.PartnerCenter;

/// <summary>Compact JWS encoding and decoding, just enough for tokens the emulator issues and client assertions it checks.</summary>
internal static class EmulatorJwt
{
    public static string SignHs256(JsonObject payload, byte[] key)
    {
        var header = new JsonObject { ["alg"] = "HS256", ["typ"] = "JWT" };
        var signingInput = Base64Url(Encoding.UTF8.GetBytes(header.ToJsonString())) + "." + Base64Url(Encoding.UTF8.GetBytes(payload.ToJsonString()));
        using var hmac = new HMACSHA256(key);
        return signingInput + "." + Base64Url(hmac.ComputeHash(Encoding.ASCII.GetBytes(signingInput)));
    }

    /// <summary>Splits a compact JWS; null when it is not one.</summary>
    public static ParsedJwt? Parse(string token)
    {
        var parts = token.Split('.');
        if (parts.Length != 3)
        {
            return null;
        }

        try
        {
            var header = JsonNode.Parse(FromBase64Url(parts[0])) as JsonObject;
            var payload = JsonNode.Parse(FromBase64Url(parts[1])) as JsonObject;
            return header is null || payload is null
                ? null
                : new ParsedJwt(header, payload, parts[0] + "." + parts[1], FromBase64Url(parts[2]));
        }
        catch (Exception ex) when (ex is FormatException or JsonException)
        {
            return null;
        }
    }

    public static bool HasValidHs256Signature(ParsedJwt jwt, byte[] key)
    {
        using var hmac = new HMACSHA256(key);
        var expected = hmac.ComputeHash(Encoding.ASCII.GetBytes(jwt.SigningInput));
        return (string?)jwt.Header["alg"] == "HS256" && CryptographicOperations.FixedTimeEquals(expected, jwt.Signature);
    }

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static byte[] FromBase64Url(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        return Convert.FromBase64String(padded);
    }
}

internal sealed record ParsedJwt(JsonObject Header, JsonObject Payload, string SigningInput, byte[] Signature)
{
    /// <summary>From <c>exp</c>, a number or (as MSAL writes it in client assertions) a numeric string.</summary>
    public DateTimeOffset? ExpiresOn => Payload["exp"] is JsonValue exp
        && (exp.TryGetValue(out long seconds) || (exp.TryGetValue(out string? text) && long.TryParse(text, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out seconds)))
        ? DateTimeOffset.FromUnixTimeSeconds(seconds)
        : null;
}
