using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace CloudBlueMca.Engine.Aps
{
    /// <summary>
    /// Signs APS requests with two-legged OAuth 1.0a, HMAC-SHA1 (RFC 5849), as CloudBlue brand
    /// endpoints expect from external systems: consumer key and secret only, no oauth_token. The
    /// query is decoded with form rules and re-encoded with the unreserved set; a JSON body is not
    /// signed (RFC 5849 §3.4.1.3.1 signs only form-encoded bodies).
    /// </summary>
    internal sealed class OAuth1Signer
    {
        private const string NonceAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
        private const int NonceLength = 26;

        private readonly string _consumerKey;
        private readonly string _encodedConsumerSecret;
        private readonly Func<DateTimeOffset> _clock;
        private readonly Func<string> _nonceSource;

        public OAuth1Signer(string consumerKey, string consumerSecret)
            : this(consumerKey, consumerSecret, () => DateTimeOffset.UtcNow, NewNonce)
        {
        }

        /// <summary>With a fixed clock and nonce source, signatures become reproducible (tests).</summary>
        public OAuth1Signer(string consumerKey, string consumerSecret, Func<DateTimeOffset> clock, Func<string> nonceSource)
        {
            if (string.IsNullOrEmpty(consumerKey))
            {
                throw new ArgumentException("The consumer key is empty.", nameof(consumerKey));
            }

            if (string.IsNullOrEmpty(consumerSecret))
            {
                throw new ArgumentException("The consumer secret is empty.", nameof(consumerSecret));
            }

            _consumerKey = consumerKey;

            // Only the encoded form is kept: it is all the HMAC key needs.
            _encodedConsumerSecret = PercentEncoding.Encode(consumerSecret);
            _clock = clock;
            _nonceSource = nonceSource;
        }

        public string ConsumerKey => _consumerKey;

        /// <summary>Sets a freshly signed Authorization header on the request.</summary>
        public void Sign(HttpRequestMessage request)
        {
            var signature = CreateSignature(request.Method.Method, request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(request)));
            request.Headers.Authorization = new AuthenticationHeaderValue("OAuth", signature.HeaderParameter);
        }

        /// <summary>The two-legged signature APS requests carry.</summary>
        public OAuth1Signature CreateSignature(string method, Uri requestUri) =>
            CreateSignature(method, requestUri, token: null, tokenSecret: null, formBody: null, includeVersion: true);

        /// <summary>
        /// The general RFC 5849 form, with a token and a form-encoded body. APS never needs them; they
        /// exist so the RFC's own worked example (§3.4.1, which has a token, a form body and no
        /// oauth_version, which RFC 5849 makes optional) can be reproduced exactly.
        /// </summary>
        public OAuth1Signature CreateSignature(string method, Uri requestUri, string? token, string? tokenSecret, string? formBody, bool includeVersion)
        {
            var protocol = new List<KeyValuePair<string, string>>
            {
                Pair("oauth_consumer_key", _consumerKey),
                Pair("oauth_nonce", _nonceSource()),
                Pair("oauth_signature_method", "HMAC-SHA1"),
                Pair("oauth_timestamp", _clock().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
            };
            if (token != null)
            {
                protocol.Add(Pair("oauth_token", token));
            }

            if (includeVersion)
            {
                protocol.Add(Pair("oauth_version", "1.0"));
            }

            var signed = protocol.Concat(ParseForm(requestUri.GetComponents(UriComponents.Query, UriFormat.UriEscaped)));
            if (formBody != null)
            {
                signed = signed.Concat(ParseForm(formBody));
            }

            var baseString = CreateBaseString(method, requestUri, signed);
            var signature = ComputeSignature(baseString, _encodedConsumerSecret + "&" + PercentEncoding.Encode(tokenSecret ?? string.Empty));
            protocol.Add(Pair("oauth_signature", signature));
            var header = string.Join(", ", protocol.Select(p => PercentEncoding.Encode(p.Key) + "=\"" + PercentEncoding.Encode(p.Value) + "\""));
            return new OAuth1Signature(baseString, signature, header);
        }

        /// <summary>RFC 5849 §3.4.1: method, base string URI and normalized parameters, each encoded.</summary>
        internal static string CreateBaseString(string method, Uri requestUri, IEnumerable<KeyValuePair<string, string>> parameters)
        {
            var normalized = parameters
                .Select(p => Pair(PercentEncoding.Encode(p.Key), PercentEncoding.Encode(p.Value)))
                .OrderBy(p => p.Key, StringComparer.Ordinal)
                .ThenBy(p => p.Value, StringComparer.Ordinal)
                .Select(p => p.Key + "=" + p.Value);
            return method.ToUpperInvariant()
                + "&" + PercentEncoding.Encode(BaseStringUri(requestUri))
                + "&" + PercentEncoding.Encode(string.Join("&", normalized));
        }

        /// <summary>RFC 5849 §3.4.1.2: lower-case scheme and host, default port omitted, no query.</summary>
        internal static string BaseStringUri(Uri requestUri)
        {
            var scheme = requestUri.Scheme.ToLowerInvariant();
            var isDefaultPort = (scheme == "http" && requestUri.Port == 80) || (scheme == "https" && requestUri.Port == 443);
            var authority = requestUri.Host.ToLowerInvariant() + (isDefaultPort ? string.Empty : ":" + requestUri.Port.ToString(CultureInfo.InvariantCulture));
            return scheme + "://" + authority + requestUri.GetComponents(UriComponents.Path | UriComponents.KeepDelimiter, UriFormat.UriEscaped);
        }

        /// <summary>
        /// RFC 5849 §3.4.1.3.1: form-urlencoded decoding, so '+' is a space and a term without '='
        /// (typical RQL such as <c>implementing(...)</c>) is a name with an empty value.
        /// </summary>
        internal static IEnumerable<KeyValuePair<string, string>> ParseForm(string encoded)
        {
            foreach (var part in encoded.Split('&'))
            {
                if (part.Length == 0)
                {
                    continue;
                }

                var equals = part.IndexOf('=');
                yield return equals < 0
                    ? Pair(PercentEncoding.FormDecode(part), string.Empty)
                    : Pair(PercentEncoding.FormDecode(part.Substring(0, equals)), PercentEncoding.FormDecode(part.Substring(equals + 1)));
            }
        }

        internal static string ComputeSignature(string baseString, string key)
        {
            using var hmac = new HMACSHA1(Encoding.ASCII.GetBytes(key));
            return Convert.ToBase64String(hmac.ComputeHash(Encoding.ASCII.GetBytes(baseString)));
        }

        private static KeyValuePair<string, string> Pair(string key, string value) => new KeyValuePair<string, string>(key, value);

        private static string NewNonce()
        {
            var bytes = new byte[NonceLength];
            using (var random = RandomNumberGenerator.Create())
            {
                random.GetBytes(bytes);
            }

            var nonce = new StringBuilder(NonceLength);
            foreach (var b in bytes)
            {
                nonce.Append(NonceAlphabet[b % NonceAlphabet.Length]);
            }

            return nonce.ToString();
        }
    }
}
