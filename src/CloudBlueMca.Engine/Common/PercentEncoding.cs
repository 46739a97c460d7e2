using System;
using System.Text;

namespace CloudBlueMca.Engine
{
    /// <summary>
    /// RFC 3986 percent-encoding with the unreserved set only (A-Z a-z 0-9 - . _ ~), UTF-8, upper-case
    /// hex. Both OAuth 1.0a (RFC 5849 §3.6) and the APS RQL escaping rule need exactly this; the
    /// framework's Uri.EscapeDataString differs between .NET Framework and .NET, so it is not used.
    /// </summary>
    internal static class PercentEncoding
    {
        private const string HexDigits = "0123456789ABCDEF";

        public static string Encode(string value)
        {
            if (value is null)
            {
                throw new ArgumentNullException(nameof(value));
            }

            var bytes = Encoding.UTF8.GetBytes(value);
            var builder = new StringBuilder(bytes.Length * 3);
            foreach (var b in bytes)
            {
                if (IsUnreserved(b))
                {
                    builder.Append((char)b);
                }
                else
                {
                    builder.Append('%').Append(HexDigits[b >> 4]).Append(HexDigits[b & 0x0F]);
                }
            }

            return builder.ToString();
        }

        /// <summary>
        /// Decodes one application/x-www-form-urlencoded name or value: '+' is a space, %XX are UTF-8
        /// bytes. Malformed escapes stay as they are, as in every lenient server implementation.
        /// </summary>
        public static string FormDecode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));

        private static bool IsUnreserved(byte b) =>
            (b >= (byte)'A' && b <= (byte)'Z')
            || (b >= (byte)'a' && b <= (byte)'z')
            || (b >= (byte)'0' && b <= (byte)'9')
            || b == (byte)'-' || b == (byte)'.' || b == (byte)'_' || b == (byte)'~';
    }
}
