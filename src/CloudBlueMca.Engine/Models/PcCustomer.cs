using System;

namespace CloudBlueMca
{
    /// <summary>
    /// A customer of the partner in Partner Center. Fields the service did not return (lists
    /// carry fewer fields than get-by-id; GDAP-only partners do not see address, email and
    /// custom domains) are null.
    /// </summary>
    public sealed class PcCustomer
    {
        /// <summary>The customer's Microsoft (Entra) tenant id.</summary>
        public Guid Id { get; set; }

        public string? CompanyName { get; set; }

        /// <summary>The company profile's domain, e.g. <c>example.onmicrosoft.com</c>.</summary>
        public string? Domain { get; set; }

        /// <summary>
        /// The label before <c>.onmicrosoft.com</c> in <see cref="Domain"/> (<c>example</c>), the
        /// value Get-MsAccountInternalId takes; null when the domain is not an onmicrosoft.com one.
        /// </summary>
        public string? InitialSubdomain { get; set; }

        public string? CommerceId { get; set; }

        /// <summary>As sent by the service, e.g. <c>reseller</c>, <c>advisor</c>, <c>none</c>; unknown values pass through.</summary>
        public string? RelationshipToPartner { get; set; }

        /// <summary>Whether the customer granted (legacy DAP) delegated admin; null when not returned (lists never return it).</summary>
        public bool? AllowDelegatedAccess { get; set; }

        public string[]? CustomDomains { get; set; }

        public string[]? Tags { get; set; }

        public PcCompanyProfile? CompanyProfile { get; set; }

        public PcBillingProfile? BillingProfile { get; set; }

        public override string ToString() => $"{CompanyName} ({Id})";
    }
}
