using System.Text;
using System.Text.RegularExpressions;

namespace CloudBlueMca.Emulator.Aps.Rql;

/// <summary>
/// like() patterns: a raw '*' matches any run of characters and a raw '?' exactly one. The pattern
/// is read from the still-encoded value, so %2A and %3F stand for a literal '*' and '?'. Whether the
/// real platform lets a client escape wildcards that way is open (reference §8.10); a client that
/// never sends wildcard characters in a literal is unaffected either way.
/// </summary>
internal static class RqlLikePattern
{
    public static Regex Compile(string raw)
    {
        var pattern = new StringBuilder("^");
        var literal = new StringBuilder();
        void FlushLiteral()
        {
            pattern.Append(Regex.Escape(PercentEncoding.Decode(literal.ToString(), plusIsSpace: false)));
            literal.Clear();
        }

        foreach (var c in raw)
        {
            if (c == '*' || c == '?')
            {
                FlushLiteral();
                pattern.Append(c == '*' ? ".*" : ".");
            }
            else
            {
                literal.Append(c);
            }
        }

        FlushLiteral();
        pattern.Append('$');
        return new Regex(pattern.ToString(), RegexOptions.CultureInvariant | RegexOptions.Singleline);
    }
}
