using System;
using System.Globalization;
using System.Text;
using System.Text.Json;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>
    /// The claims of a JWT access token that Connect-PcService reports on: audience, expiry,
    /// tenant, user and application. The signature is not checked (only Partner Center can
    /// do that); the claims only serve to warn early about a token that cannot work.
    /// </summary>
    internal sealed class AccessTokenClaims
    {
        public string? Audience { get; private set; }

        public DateTimeOffset? ExpiresOn { get; private set; }

        public string? TenantId { get; private set; }

        public string? Account { get; private set; }

        public string? ApplicationId { get; private set; }

        /// <summary>True for an application token: no delegated <c>scp</c> claim.</summary>
        public bool IsAppOnly { get; private set; }

        /// <summary>Null when the token is not a JWT (opaque tokens are passed on unread).</summary>
        public static AccessTokenClaims? Read(string token)
        {
            var parts = token.Split('.');
            if (parts.Length != 3)
            {
                return null;
            }

            try
            {
                using (var document = JsonDocument.Parse(FromBase64Url(parts[1])))
                {
                    var payload = document.RootElement;
                    if (payload.ValueKind != JsonValueKind.Object)
                    {
                        return null;
                    }

                    return new AccessTokenClaims
                    {
                        Audience = FirstString(payload, "aud"),
                        ExpiresOn = ReadExpiry(payload),
                        TenantId = FirstString(payload, "tid"),
                        Account = FirstString(payload, "upn") ?? FirstString(payload, "preferred_username") ?? FirstString(payload, "unique_name"),
                        ApplicationId = FirstString(payload, "appid") ?? FirstString(payload, "azp"),
                        IsAppOnly = !payload.TryGetProperty("scp", out _),
                    };
                }
            }
            catch (Exception ex) when (ex is FormatException || ex is JsonException || ex is ArgumentException)
            {
                return null;
            }
        }

        // A number per RFC 7519; some issuers write it as a numeric string.
        private static DateTimeOffset? ReadExpiry(JsonElement payload)
        {
            if (!payload.TryGetProperty("exp", out var exp))
            {
                return null;
            }

            long seconds;
            var read = exp.ValueKind == JsonValueKind.Number
                ? exp.TryGetInt64(out seconds)
                : long.TryParse(exp.ValueKind == JsonValueKind.String ? exp.GetString() : null, NumberStyles.None, CultureInfo.InvariantCulture, out seconds);
            return read ? DateTimeOffset.FromUnixTimeSeconds(seconds) : (DateTimeOffset?)null;
        }

        private static string? FirstString(JsonElement payload, string name)
        {
            if (!payload.TryGetProperty(name, out var value))
            {
                return null;
            }

            if (value.ValueKind == JsonValueKind.String)
            {
                return value.GetString();
            }

            return value.ValueKind == JsonValueKind.Array && value.GetArrayLength() > 0 && value[0].ValueKind == JsonValueKind.String
                ? value[0].GetString()
                : null;
        }

        private static byte[] FromBase64Url(string text)
        {
            var padded = text.Replace('-', '+').Replace('_', '/');
            padded += new string('=', (4 - padded.Length % 4) % 4);
            return Convert.FromBase64String(padded);
        }
    }
}
