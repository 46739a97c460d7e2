using System;
using System.Net;

namespace CloudBlueMca.Engine.Http
{
    /// <summary>
    /// Which endpoints the module talks to: HTTPS only, except loopback hosts (the local
    /// emulator), because OAuth signatures and bearer tokens must never cross a network in clear text.
    /// </summary>
    internal static class EndpointPolicy
    {
        /// <summary>
        /// Turns what a user typed (<c>cb.example.com</c>, <c>https://cb.example.com/</c>) into an
        /// absolute base URI ending with '/'. No scheme means https. A trailing API path that users
        /// copy from the vendor's request examples (<paramref name="apiPaths"/>, e.g. <c>aps/2</c>
        /// and <c>aps</c>, or <c>v1</c>; longest first) is removed, because the clients add it
        /// themselves. Throws InvalidEndpoint for anything that is not a plain http(s) address and
        /// InsecureEndpoint for http:// to a host that is not loopback.
        /// </summary>
        public static Uri NormalizeBaseUri(string text, string parameterName, params string[] apiPaths)
        {
            var trimmed = (text ?? string.Empty).Trim();
            if (trimmed.Length == 0)
            {
                throw Invalid(text, parameterName, "it is empty");
            }

            var withScheme = trimmed.IndexOf("://", StringComparison.Ordinal) >= 0 ? trimmed : "https://" + trimmed;
            if (!Uri.TryCreate(withScheme, UriKind.Absolute, out var uri))
            {
                throw Invalid(text, parameterName, "it is not an http or https address");
            }

            // Checked before anything else that would repeat the text: user information may hold a password.
            if (uri.UserInfo.Length > 0)
            {
                throw Invalid(uri.Scheme + "://" + uri.Authority, parameterName, "it must not contain user information; pass credentials with -Credential");
            }

            if (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp)
            {
                throw Invalid(text, parameterName, "it is not an http or https address");
            }

            if (uri.Query.Length > 0 || uri.Fragment.Length > 0)
            {
                throw Invalid(UrlRedactor.Redact(uri), parameterName, "it must not contain a query or a fragment");
            }

            EnsureSecure(uri);
            var path = WithoutApiPath(uri.AbsolutePath.EndsWith("/", StringComparison.Ordinal) ? uri.AbsolutePath : uri.AbsolutePath + "/", apiPaths);
            return new UriBuilder(uri.Scheme, uri.Host, uri.Port, path).Uri;
        }

        private static string WithoutApiPath(string path, string[] apiPaths)
        {
            foreach (var apiPath in apiPaths)
            {
                var suffix = "/" + apiPath + "/";
                if (path.EndsWith(suffix, StringComparison.OrdinalIgnoreCase))
                {
                    return path.Substring(0, path.Length - suffix.Length + 1);
                }
            }

            return path;
        }

        /// <summary>Throws InsecureEndpoint unless the URI is https or points at a loopback host.</summary>
        public static void EnsureSecure(Uri uri)
        {
            if (uri.Scheme == Uri.UriSchemeHttps || IsLoopback(uri.Host))
            {
                return;
            }

            throw new CloudBlueMcaException(
                ErrorIds.InsecureEndpoint,
                ErrorKind.SecurityError,
                $"Refusing to send requests to '{uri.Scheme}://{uri.Authority}' without TLS: credentials and signatures would travel in clear text. Use an https:// address (plain http is allowed only for loopback hosts such as 127.0.0.1 or localhost).",
                uri.GetLeftPart(UriPartial.Authority));
        }

        public static bool IsLoopback(string host)
        {
            if (string.Equals(host, "localhost", StringComparison.OrdinalIgnoreCase))
            {
                return true;
            }

            var bare = host.StartsWith("[", StringComparison.Ordinal) && host.EndsWith("]", StringComparison.Ordinal) ? host.Substring(1, host.Length - 2) : host;
            return IPAddress.TryParse(bare, out var address) && IPAddress.IsLoopback(address);
        }

        private static CloudBlueMcaException Invalid(string? text, string parameterName, string reason) =>
            new CloudBlueMcaException(
                ErrorIds.InvalidEndpoint,
                ErrorKind.InvalidArgument,
                $"The endpoint '{text}' given by -{parameterName} cannot be used: {reason}. Give a host name or an https:// URL, for example 'cb.example.com' or 'https://cb.example.com/'.",
                text);
    }
}
