using System.Linq;

namespace CloudBlueMca.Engine
{
    /// <summary>
    /// Joins the parts of an error message (what was done, what the transport or server said,
    /// what to do next) as sentences: each non-empty part ends with a full stop unless it already
    /// ends a sentence, so a server's text never runs into the module's advice.
    /// </summary>
    internal static class Sentences
    {
        public static string Join(params string?[] parts) =>
            string.Join(" ", parts.Select(p => p?.Trim()).Where(p => !string.IsNullOrEmpty(p)).Select(p => EndsSentence(p!) ? p : p + "."));

        private static bool EndsSentence(string text)
        {
            var last = text[text.Length - 1];
            return last == '.' || last == '!' || last == '?' || last == ':';
        }
    }
}
