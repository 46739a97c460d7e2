using System;
using System.Text;

namespace CloudBlueMca.Engine.Http
{
    /// <summary>
    /// Makes a URL safe to show in verbose output and error messages: user information is dropped
    /// and the value of every query parameter whose name suggests a secret is replaced.
    /// </summary>
    internal static class UrlRedactor
    {
        private const string Removed = "REDACTED";

        private static readonly string[] SecretNameParts = { "token", "secret", "signature", "password", "key", "code" };

        public static string Redact(Uri uri)
        {
            if (!uri.IsAbsoluteUri)
            {
                return uri.OriginalString;
            }

            var builder = new StringBuilder();
            builder.Append(uri.Scheme).Append("://").Append(uri.Authority).Append(uri.AbsolutePath);
            var query = uri.GetComponents(UriComponents.Query, UriFormat.UriEscaped);
            if (query.Length > 0)
            {
                builder.Append('?').Append(RedactQuery(query));
            }

            return builder.ToString();
        }

        private static string RedactQuery(string query)
        {
            var parts = query.Split('&');
            for (var i = 0; i < parts.Length; i++)
            {
                var equals = parts[i].IndexOf('=');
                if (equals > 0 && IsSecretName(PercentEncoding.FormDecode(parts[i].Substring(0, equals))))
                {
                    parts[i] = parts[i].Substring(0, equals + 1) + Removed;
                }
            }

            return string.Join("&", parts);
        }

        private static bool IsSecretName(string name)
        {
            foreach (var part in SecretNameParts)
            {
                if (name.IndexOf(part, StringComparison.OrdinalIgnoreCase) >= 0)
                {
                    return true;
                }
            }

            return false;
        }
    }
}
