using System;
using System.Text.RegularExpressions;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>
    /// The initial subdomain of a Microsoft account: the first label of its
    /// <c>*.onmicrosoft.com</c> domain. <c>example</c>, <c>EXAMPLE</c> and
    /// <c>example.onmicrosoft.com</c> all mean <c>example</c>.
    /// </summary>
    public static class InitialSubdomain
    {
        private const string MicrosoftSuffix = ".onmicrosoft.com";
        private const int MaxLabelLength = 63;

        // The DNS label alphabet. Anything else is rejected before a request is built, so no
        // input reaches RQL unchecked (the RQL builder escapes values as a second line of defence).
        private static readonly Regex Label = new Regex("^[a-z0-9-]+$", RegexOptions.CultureInvariant);

        /// <summary>Returns the lower-case label, or throws <see cref="ErrorIds.InvalidSubdomain"/>.</summary>
        public static string Normalize(string? input)
        {
            var label = (input ?? string.Empty).Trim().ToLowerInvariant();
            if (label.EndsWith(MicrosoftSuffix, StringComparison.Ordinal))
            {
                label = label.Substring(0, label.Length - MicrosoftSuffix.Length);
            }

            if (label.Length == 0 || label.Length > MaxLabelLength || !Label.IsMatch(label))
            {
                throw new CloudBlueMcaException(
                    ErrorIds.InvalidSubdomain,
                    ErrorKind.InvalidArgument,
                    $"'{input}' is not a valid initial subdomain. Use the first label of the Microsoft account's onmicrosoft.com domain: 1 to {MaxLabelLength} letters, digits or hyphens, for example 'example' or 'example.onmicrosoft.com'.",
                    input);
            }

            return label;
        }

        /// <summary>
        /// <c>example.onmicrosoft.com</c> → <c>example</c>; null for any other domain. Unlike
        /// <see cref="Normalize"/> it never throws: a Partner Center customer's domain is data,
        /// not user input, and a customer on another domain simply has no initial subdomain.
        /// </summary>
        public static string? OfOnMicrosoftDomain(string? domain)
        {
            if (domain == null || !domain.EndsWith(MicrosoftSuffix, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var label = domain.Substring(0, domain.Length - MicrosoftSuffix.Length);
            return label.Length == 0 || label.IndexOf('.') >= 0 ? null : label.ToLowerInvariant();
        }

        /// <summary>The first label of a domain such as <c>example.onmicrosoft.com</c>, lower-case.</summary>
        public static string FirstLabelOf(string domain)
        {
            var dot = domain.IndexOf('.');
            return (dot < 0 ? domain : domain.Substring(0, dot)).Trim().ToLowerInvariant();
        }
    }
}
