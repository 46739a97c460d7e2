using System.Linq;

namespace CloudBlueMca
{
    /// <summary>
    /// A Partner Center address (company profile address, billing default address). Every field
    /// is optional on the wire; one the service did not send is null.
    /// </summary>
    public sealed class PcAddress
    {
        public string? Id { get; set; }

        public string? FirstName { get; set; }

        public string? MiddleName { get; set; }

        public string? LastName { get; set; }

        public string? AddressLine1 { get; set; }

        public string? AddressLine2 { get; set; }

        public string? AddressLine3 { get; set; }

        public string? City { get; set; }

        public string? District { get; set; }

        public string? State { get; set; }

        public string? Region { get; set; }

        public string? PostalCode { get; set; }

        /// <summary>ISO 3166 two-letter code.</summary>
        public string? Country { get; set; }

        public string? PhoneNumber { get; set; }

        public string? EmailAddress { get; set; }

        public override string ToString() =>
            string.Join(", ", new[] { AddressLine1, City, PostalCode, Country }.Where(part => !string.IsNullOrEmpty(part)));
    }
}
