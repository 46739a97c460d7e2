using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace CloudBlueMca.Emulator.Aps.OAuth;

/// <summary>
/// Server-side check of OAuth 1.0a HMAC-SHA1 signatures, written from RFC 5849 and deliberately
/// sharing no code with the engine's signer, so a mistake in one cannot hide the same mistake in
/// the other. The base string is rebuilt from the request as received (§3.4.1).
/// </summary>
/// <remarks>
/// Nonce replay is not checked: whether the real platform does is unknown (reference §8.1), and a
/// client that never repeats a nonce passes either way.
/// </remarks>
internal sealed class OAuth1Verifier
{
    public static readonly TimeSpan AllowedClockSkew = TimeSpan.FromMinutes(5);

    private readonly Func<string, string?> _findConsumerSecret;
    private readonly Func<string, string?> _findTokenSecret;
    private readonly Func<DateTimeOffset> _clock;

    /// <param name="findConsumerSecret">Secret of a consumer key, or null when the key is unknown.</param>
    /// <param name="findTokenSecret">Secret of an oauth_token, or null when unknown. Two-legged clients send no token.</param>
    /// <param name="clock">Current time for the timestamp window; the system clock when omitted.</param>
    public OAuth1Verifier(Func<string, string?> findConsumerSecret, Func<string, string?>? findTokenSecret = null, Func<DateTimeOffset>? clock = null)
    {
        _findConsumerSecret = findConsumerSecret;
        _findTokenSecret = findTokenSecret ?? (_ => null);
        _clock = clock ?? (() => DateTimeOffset.UtcNow);
    }

    public OAuthVerification Verify(OAuthRequest request)
    {
        if (!TryParseAuthorization(request.Authorization, out var protocolParameters, out var headerFailure))
        {
            return OAuthVerification.Reject(headerFailure);
        }

        string Get(string name) => protocolParameters.TryGetValue(name, out var value) ? value : string.Empty;

        var consumerKey = Get("oauth_consumer_key");
        var signature = Get("oauth_signature");
        if (consumerKey.Length == 0 || signature.Length == 0 || Get("oauth_nonce").Length == 0)
        {
            return OAuthVerification.Reject("The OAuth header lacks oauth_consumer_key, oauth_nonce or oauth_signature.");
        }

        if (Get("oauth_signature_method") != "HMAC-SHA1")
        {
            return OAuthVerification.Reject("Only oauth_signature_method HMAC-SHA1 is supported.");
        }

        if (protocolParameters.TryGetValue("oauth_version", out var version) && version != "1.0")
        {
            return OAuthVerification.Reject("oauth_version must be 1.0.");
        }

        var consumerSecret = _findConsumerSecret(consumerKey);
        if (consumerSecret is null)
        {
            return OAuthVerification.Reject("Unknown consumer key.");
        }

        var tokenSecret = string.Empty;
        var token = Get("oauth_token");
        if (token.Length > 0)
        {
            // An empty oauth_token is treated as no token: the platform's handling of it is open
            // (reference §8.1), and it signs identically either way because it is in the base string.
            tokenSecret = _findTokenSecret(token) ?? string.Empty;
            if (tokenSecret.Length == 0)
            {
                return OAuthVerification.Reject("Unknown oauth_token.");
            }
        }

        if (!long.TryParse(Get("oauth_timestamp"), NumberStyles.None, CultureInfo.InvariantCulture, out var seconds))
        {
            return OAuthVerification.Reject("oauth_timestamp is missing or not a number of seconds.");
        }

        var skew = _clock() - DateTimeOffset.FromUnixTimeSeconds(Math.Min(seconds, 253402300799L));
        if (skew.Duration() > AllowedClockSkew)
        {
            return OAuthVerification.Reject("oauth_timestamp is more than 5 minutes away from the server clock.");
        }

        var expected = Sign(BuildBaseString(request, protocolParameters), consumerSecret, tokenSecret);
        return CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(expected), Encoding.ASCII.GetBytes(signature))
            ? OAuthVerification.Accept(consumerKey)
            : OAuthVerification.Reject("Invalid signature.");
    }

    /// <summary>RFC 5849 §3.4.1: method, base string URI and normalized parameters, each encoded and joined with '&amp;'.</summary>
    internal static string BuildBaseString(OAuthRequest request, IReadOnlyDictionary<string, string> protocolParameters)
    {
        var parameters = new List<KeyValuePair<string, string>>();
        AddFormEncoded(parameters, request.RawQuery);
        AddFormEncoded(parameters, request.FormBody);
        parameters.AddRange(protocolParameters.Where(p => p.Key != "realm" && p.Key != "oauth_signature"));

        var normalized = string.Join("&", parameters
            .Select(p => (Name: PercentEncoding.Encode(p.Key), Value: PercentEncoding.Encode(p.Value)))
            .OrderBy(p => p.Name, StringComparer.Ordinal)
            .ThenBy(p => p.Value, StringComparer.Ordinal)
            .Select(p => p.Name + "=" + p.Value));

        return request.Method.ToUpperInvariant()
            + "&" + PercentEncoding.Encode(BaseStringUri(request))
            + "&" + PercentEncoding.Encode(normalized);
    }

    /// <summary>RFC 5849 §3.4.2: Base64(HMAC-SHA1(enc(consumer secret) &amp; enc(token secret), base string)).</summary>
    internal static string Sign(string baseString, string consumerSecret, string tokenSecret)
    {
        var key = PercentEncoding.Encode(consumerSecret) + "&" + PercentEncoding.Encode(tokenSecret);
        using var hmac = new HMACSHA1(Encoding.ASCII.GetBytes(key));
        return Convert.ToBase64String(hmac.ComputeHash(Encoding.ASCII.GetBytes(baseString)));
    }

    /// <summary>RFC 5849 §3.4.1.2: lower-case scheme and host, port only when not the scheme's default, no query.</summary>
    private static string BaseStringUri(OAuthRequest request)
    {
        var scheme = request.Scheme.ToLowerInvariant();
        var isDefaultPort = (scheme == "http" && request.Port == 80) || (scheme == "https" && request.Port == 443);
        var authority = request.Host.ToLowerInvariant() + (isDefaultPort ? string.Empty : ":" + request.Port.ToString(CultureInfo.InvariantCulture));
        var path = request.RawPath.Length == 0 ? "/" : request.RawPath;
        return scheme + "://" + authority + path;
    }

    /// <summary>RFC 5849 §3.4.1.3.1: split on '&amp;', then on the first '=', then form-decode ('+' is a space).</summary>
    private static void AddFormEncoded(List<KeyValuePair<string, string>> parameters, string? encoded)
    {
        if (string.IsNullOrEmpty(encoded))
        {
            return;
        }

        foreach (var pair in encoded!.Split('&'))
        {
            if (pair.Length == 0)
            {
                continue;
            }

            var equals = pair.IndexOf('=');
            var name = equals < 0 ? pair : pair.Substring(0, equals);
            var value = equals < 0 ? string.Empty : pair.Substring(equals + 1);
            parameters.Add(new(PercentEncoding.Decode(name, plusIsSpace: true), PercentEncoding.Decode(value, plusIsSpace: true)));
        }
    }

    /// <summary>
    /// RFC 5849 §3.5.1: <c>OAuth name="value", ...</c> with §3.6-encoded names and values. Each
    /// parameter may appear once (§3.1); anything malformed is rejected rather than guessed at.
    /// </summary>
    private static bool TryParseAuthorization(string? header, out Dictionary<string, string> parameters, out string failure)
    {
        parameters = new Dictionary<string, string>(StringComparer.Ordinal);
        failure = string.Empty;
        const string scheme = "OAuth ";
        if (header is null || !header.StartsWith(scheme, StringComparison.OrdinalIgnoreCase))
        {
            failure = "The request has no OAuth Authorization header.";
            return false;
        }

        var position = scheme.Length;
        while (true)
        {
            position = SkipWhitespace(header, position);
            if (position >= header.Length)
            {
                break;
            }

            var equals = header.IndexOf('=', position);
            if (equals < 0 || equals + 1 >= header.Length || header[equals + 1] != '"')
            {
                failure = "The OAuth Authorization header is malformed: expected name=\"value\".";
                return false;
            }

            var closingQuote = header.IndexOf('"', equals + 2);
            if (closingQuote < 0)
            {
                failure = "The OAuth Authorization header is malformed: a value has no closing quote.";
                return false;
            }

            var name = PercentEncoding.Decode(header.Substring(position, equals - position).Trim(), plusIsSpace: false);
            var value = PercentEncoding.Decode(header.Substring(equals + 2, closingQuote - equals - 2), plusIsSpace: false);
            if (parameters.ContainsKey(name))
            {
                failure = $"The OAuth Authorization header repeats the parameter '{name}'.";
                return false;
            }

            parameters.Add(name, value);
            position = SkipWhitespace(header, closingQuote + 1);
            if (position < header.Length)
            {
                if (header[position] != ',')
                {
                    failure = "The OAuth Authorization header is malformed: parameters must be separated by ','.";
                    return false;
                }

                position++;
            }
        }

        return true;
    }

    private static int SkipWhitespace(string text, int position)
    {
        while (position < text.Length && char.IsWhiteSpace(text[position]))
        {
            position++;
        }

        return position;
    }
}
