using System;

namespace CloudBlueMca.Engine.Agreements
{
    /// <summary>One input row of New-PcCustomerAgreement, as bound from parameters or an Import-Csv row.</summary>
    public sealed class AgreementRequest
    {
        /// <summary>The customer's Microsoft tenant id.</summary>
        public Guid CustomerId { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Email { get; set; }

        /// <summary>Optional in Partner Center; when given it must be plausible.</summary>
        public string? PhoneNumber { get; set; }

        /// <summary>
        /// As the user gave it (a date or ISO 8601 text), read by <see cref="AgreementDate"/>'s
        /// rules; null means today's UTC date. May not be in the future.
        /// </summary>
        public object? DateAgreed { get; set; }
    }
}
