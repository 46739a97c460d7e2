using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace CloudBlueMca.Emulator.PartnerCenter;

/// <summary>
/// Issues and checks the emulator's tokens: access tokens are real JWTs (HS256 with a key only
/// this emulator instance knows) so clients can read <c>exp</c> and <c>aud</c>; refresh tokens
/// are opaque and rotate on every use, like Entra's; device codes complete after a configured
/// number of pending polls. Thread-safe.
/// </summary>
internal sealed class TokenIssuer
{
    private readonly byte[] _signingKey = RandomNumberGenerator.GetBytes(32);
    private readonly ConcurrentDictionary<string, RefreshGrant> _refreshTokens = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DeviceCodeGrant> _deviceCodes = new(StringComparer.Ordinal);
    private readonly PartnerCenterEmulatorOptions _options;

    public TokenIssuer(PartnerCenterEmulatorOptions options)
    {
        _options = options;
    }

    public string IssueAccessToken(TokenSubject subject, string resource, TimeSpan lifetime)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new JsonObject
        {
            ["aud"] = resource,
            ["iss"] = $"https://sts.windows.net/{subject.TenantId}/",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.Add(lifetime).ToUnixTimeSeconds(),
            ["tid"] = subject.TenantId,
            ["appid"] = subject.ClientId,
            ["ver"] = "1.0",
        };
        if (subject.IsAppOnly)
        {
            payload["idtyp"] = "app";
        }
        else
        {
            payload["scp"] = "user_impersonation";
            payload["upn"] = subject.UserPrincipalName;
            payload["oid"] = subject.UserObjectId;
            payload["amr"] = new JsonArray("pwd", "mfa");
        }

        return EmulatorJwt.SignHs256(payload, _signingKey);
    }

    public string IssueIdToken(TokenSubject subject)
    {
        var now = DateTimeOffset.UtcNow;
        var payload = new JsonObject
        {
            ["aud"] = subject.ClientId,
            ["iss"] = $"https://login.microsoftonline.com/{subject.TenantId}/v2.0",
            ["iat"] = now.ToUnixTimeSeconds(),
            ["nbf"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddHours(1).ToUnixTimeSeconds(),
            ["name"] = subject.UserPrincipalName,
            ["oid"] = subject.UserObjectId,
            ["preferred_username"] = subject.UserPrincipalName,
            ["sub"] = subject.UserObjectId,
            ["tid"] = subject.TenantId,
            ["ver"] = "2.0",
        };
        return EmulatorJwt.SignHs256(payload, _signingKey);
    }

    /// <summary>Checks an <c>Authorization</c> header against the tokens this emulator issued.</summary>
    public BearerCheck CheckBearer(string? authorization)
    {
        const string prefix = "Bearer ";
        if (string.IsNullOrEmpty(authorization) || !authorization.StartsWith(prefix, StringComparison.OrdinalIgnoreCase))
        {
            return new BearerCheck(BearerStatus.Missing, null);
        }

        var jwt = EmulatorJwt.Parse(authorization[prefix.Length..].Trim());
        if (jwt is null || !EmulatorJwt.HasValidHs256Signature(jwt, _signingKey))
        {
            return new BearerCheck(BearerStatus.Invalid, jwt);
        }

        if (jwt.ExpiresOn is not DateTimeOffset expires || expires <= DateTimeOffset.UtcNow)
        {
            return new BearerCheck(BearerStatus.Expired, jwt);
        }

        var audience = (string?)jwt.Payload["aud"];
        return PartnerCenterResources.All.Contains(audience, StringComparer.OrdinalIgnoreCase)
            ? new BearerCheck(BearerStatus.Valid, jwt)
            : new BearerCheck(BearerStatus.WrongAudience, jwt);
    }

    public string IssueRefreshToken(TokenSubject subject)
    {
        var token = "rt." + EmulatorJwt.Base64Url(RandomNumberGenerator.GetBytes(32));
        _refreshTokens[token] = new RefreshGrant(subject);
        return token;
    }

    /// <summary>Consumes a refresh token: each one works once, the answer carries its successor.</summary>
    public TokenSubject? RedeemRefreshToken(string refreshToken) =>
        _refreshTokens.TryRemove(refreshToken, out var grant) ? grant.Subject : null;

    public bool IsRefreshTokenActive(string refreshToken) => _refreshTokens.ContainsKey(refreshToken);

    public DeviceCodeGrant StartDeviceCode(TokenSubject subject)
    {
        var grant = new DeviceCodeGrant(
            "dc." + EmulatorJwt.Base64Url(RandomNumberGenerator.GetBytes(24)),
            Convert.ToHexString(RandomNumberGenerator.GetBytes(4)),
            subject,
            _options.DeviceCodePendingPolls);
        _deviceCodes[grant.DeviceCode] = grant;
        return grant;
    }

    /// <summary>Null for an unknown device code; otherwise the grant, with one pending poll used up.</summary>
    public DeviceCodeGrant? PollDeviceCode(string deviceCode)
    {
        if (!_deviceCodes.TryGetValue(deviceCode, out var grant))
        {
            return null;
        }

        if (grant.PendingPollsLeft > 0)
        {
            var polled = grant with { PendingPollsLeft = grant.PendingPollsLeft - 1 };
            _deviceCodes[deviceCode] = polled;
            return grant;
        }

        _deviceCodes.TryRemove(deviceCode, out _);
        return grant;
    }

    private sealed record RefreshGrant(TokenSubject Subject);
}

internal sealed record DeviceCodeGrant(string DeviceCode, string UserCode, TokenSubject Subject, int PendingPollsLeft)
{
    public bool IsPending => PendingPollsLeft > 0;
}

internal enum BearerStatus
{
    Valid,
    Missing,
    Invalid,
    Expired,
    WrongAudience,
}

internal sealed record BearerCheck(BearerStatus Status, ParsedJwt? Token);
