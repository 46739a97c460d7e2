using System;
using System.Text.RegularExpressions;

namespace CloudBlueMca.Engine.Aps.Rql
{
    /// <summary>
    /// Validation of the parts of a query that are written raw: property paths and APS type ids.
    /// They come from the module's own code, never from user input, so a bad one is a programming
    /// error (<see cref="ArgumentException"/>), not a user error.
    /// </summary>
    internal static class RqlName
    {
        private static readonly Regex PropertyPath = new Regex(@"^[A-Za-z_][A-Za-z0-9_]*(\.[A-Za-z_][A-Za-z0-9_]*)*$", RegexOptions.CultureInvariant);

        // Type ids are URIs written raw, as the docs write them (implementing(http://.../Tenant/2.8)).
        // Only characters that cannot end or split the expression are allowed.
        private static readonly Regex TypeIdPattern = new Regex(@"^[A-Za-z][A-Za-z0-9.\-]*:[A-Za-z0-9._~:/@\-]+$", RegexOptions.CultureInvariant);

        public static string Property(string name)
        {
            if (name is null || !PropertyPath.IsMatch(name))
            {
                throw new ArgumentException($"'{name}' is not an RQL property path (letters, digits and '_', dot-separated).", nameof(name));
            }

            return name;
        }

        public static string TypeId(string typeId)
        {
            if (!IsValidTypeId(typeId))
            {
                throw new ArgumentException($"'{typeId}' is not an APS type id such as http://www.parallels.com/Office365/Tenant/2.8.", nameof(typeId));
            }

            return typeId;
        }

        public static bool IsValidTypeId(string? typeId) => typeId != null && TypeIdPattern.IsMatch(typeId);
    }
}
