using System;

namespace CloudBlueMca
{
    /// <summary>
    /// One MCA record of a Partner Center customer: a partner's attestation
    /// (<c>GET /v1/customers/{id}/agreements</c>, reference §5.3), or the customer's own
    /// signature in the Microsoft 365 admin center (<c>directSignedMicrosoftCustomerAgreementStatus</c>,
    /// §5.4), which has <see cref="SignedDirectly"/> set and no contact or date.
    /// </summary>
    public sealed class PcCustomerAgreement
    {
        /// <summary>The customer's Microsoft tenant id.</summary>
        public Guid CustomerId { get; set; }

        /// <summary><c>MicrosoftCustomerAgreement</c> or <c>MicrosoftCloudAgreement</c>, as the service reports it.</summary>
        public string AgreementType { get; set; } = string.Empty;

        public string? TemplateId { get; set; }

        /// <summary>The calendar date of acceptance as <c>yyyy-MM-dd</c> (the UTC date the service reports); null for a direct signature or an unreadable date.</summary>
        public string? DateAgreed { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Email { get; set; }

        public string? PhoneNumber { get; set; }

        /// <summary>Object id of the partner user who attested, when the service returns it.</summary>
        public string? UserId { get; set; }

        public string? AgreementLink { get; set; }

        /// <summary>True for the customer's own acceptance in the Microsoft 365 admin center; Partner Center then holds no contact.</summary>
        public bool SignedDirectly { get; set; }

        public override string ToString() =>
            SignedDirectly
                ? "signed directly in the Microsoft 365 admin center"
                : $"{FirstName} {LastName} <{Email}>, phone {PhoneNumber}, agreed {DateAgreed ?? "(no date)"}";
    }
}
