using System;

namespace CloudBlueMca
{
    /// <summary>
    /// Sync-McaAcceptance's answer for one Microsoft account of a CloudBlue customer account. The
    /// contact (FirstName … DateAgreed) is the one both sides hold afterwards, when there is one;
    /// <see cref="CloudBlueContact"/> and <see cref="PartnerCenterContact"/> show what each side held
    /// before, so a Conflict shows both people.
    /// </summary>
    public sealed class McaSyncResult
    {
        /// <summary>System id of the CloudBlue customer account.</summary>
        public int AccountId { get; set; }

        public string InitialSubdomain { get; set; } = string.Empty;

        /// <summary>The application's internal id of the Microsoft account (checkAccount's <c>id</c>).</summary>
        public string MsAccountId { get; set; } = string.Empty;

        /// <summary>The Microsoft tenant id: the Partner Center customer id.</summary>
        public string? MsTenantId { get; set; }

        public CloudBlueMcaState CloudBlueState { get; set; }

        public PartnerCenterMcaState PartnerCenterState { get; set; }

        public McaSyncAction Action { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Email { get; set; }

        public string? PhoneNumber { get; set; }

        /// <summary>The calendar date of acceptance as <c>yyyy-MM-dd</c>.</summary>
        public string? DateAgreed { get; set; }

        /// <summary>Why nothing was written (Unavailable, Skipped, NeedsContact, Conflict), or what was found; null when the action says it all.</summary>
        public string? Reason { get; set; }

        /// <summary>The contact CloudBlue held before the sync; null when none.</summary>
        public CloudAgreementContact? CloudBlueContact { get; set; }

        /// <summary>The Partner Center attestation compared with CloudBlue (the newest); null when none.</summary>
        public PcCustomerAgreement? PartnerCenterContact { get; set; }
    }
}
