using System.Text;

namespace CloudBlueMca.Emulator.Aps;

/// <summary>Percent-encoding as RFC 5849 §3.6 defines it, and percent-decoding for OAuth and RQL.</summary>
internal static class PercentEncoding
{
    /// <summary>RFC 5849 §3.6: UTF-8, every byte outside ALPHA / DIGIT / "-" / "." / "_" / "~" as upper-case %XX.</summary>
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            if (IsUnreserved(b))
            {
                builder.Append((char)b);
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", System.Globalization.CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>
    /// Decodes %XX sequences as UTF-8; with <paramref name="plusIsSpace"/> a '+' becomes a space, as
    /// application/x-www-form-urlencoded requires (§3.4.1.3.1). A '%' not followed by two hex
    /// digits is kept literally, the way lenient form decoders treat it.
    /// </summary>
    public static string Decode(string value, bool plusIsSpace)
    {
        if (value.IndexOf('%') < 0 && (!plusIsSpace || value.IndexOf('+') < 0))
        {
            return value;
        }

        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '%' && i + 2 < value.Length && IsHex(value[i + 1]) && IsHex(value[i + 2]))
            {
                bytes.Add(Convert.ToByte(value.Substring(i + 1, 2), 16));
                i += 2;
            }
            else if (c == '+' && plusIsSpace)
            {
                bytes.Add((byte)' ');
            }
            else
            {
                var length = char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(value.Substring(i, length)));
                i += length - 1;
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }

    private static bool IsUnreserved(byte b) =>
        (b >= 'A' && b <= 'Z') || (b >= 'a' && b <= 'z') || (b >= '0' && b <= '9') || b == '-' || b == '.' || b == '_' || b == '~';

    private static bool IsHex(char c) => (c >= '0' && c <= '9') || (c >= 'A' && c <= 'F') || (c >= 'a' && c <= 'f');
}
