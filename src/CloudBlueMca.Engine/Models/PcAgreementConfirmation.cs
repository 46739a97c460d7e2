using System;

namespace CloudBlueMca
{
    /// <summary>What New-PcCustomerAgreement did for one customer.</summary>
    public sealed class PcAgreementConfirmation
    {
        /// <summary>The customer's Microsoft tenant id.</summary>
        public Guid CustomerId { get; set; }

        public string FirstName { get; set; } = string.Empty;

        public string LastName { get; set; } = string.Empty;

        public string Email { get; set; } = string.Empty;

        /// <summary>Empty when none was given (Partner Center does not require it).</summary>
        public string PhoneNumber { get; set; } = string.Empty;

        /// <summary>The calendar date of acceptance as <c>yyyy-MM-dd</c>; sent as midnight UTC of that date. For AlreadyConfirmed, the date on record.</summary>
        public string DateAgreed { get; set; } = string.Empty;

        /// <summary>The MCA template id read from <c>GET /v1/agreements</c>.</summary>
        public string TemplateId { get; set; } = string.Empty;

        /// <summary>Confirmed (sent, 201) or AlreadyConfirmed (the same contact was on record; nothing sent, or the service answered 600061).</summary>
        public ConfirmationResult Result { get; set; }
    }
}
