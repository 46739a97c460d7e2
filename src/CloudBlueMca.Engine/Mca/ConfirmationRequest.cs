using System;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>One input row of Confirm-McaAcceptance, as bound from parameters or an Import-Csv row.</summary>
    public sealed class ConfirmationRequest
    {
        /// <summary>Wins over <see cref="InitialSubdomain"/> when both are given.</summary>
        public string? MsAccountId { get; set; }

        public string? InitialSubdomain { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Email { get; set; }

        public string? PhoneNumber { get; set; }

        /// <summary>Null means today (UTC).</summary>
        public DateTime? DateAgreed { get; set; }

        public string? TenantResourceId { get; set; }
    }
}
