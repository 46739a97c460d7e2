namespace CloudBlueMca
{
    /// <summary>What Confirm-McaAcceptance did for one input row.</summary>
    public sealed class McaConfirmation
    {
        public string MsAccountId { get; set; } = string.Empty;

        public string? InitialSubdomain { get; set; }

        /// <summary>APS id of the Tenant resource that holds the contact.</summary>
        public string TenantResourceId { get; set; } = string.Empty;

        public string FirstName { get; set; } = string.Empty;

        public string LastName { get; set; } = string.Empty;

        public string Email { get; set; } = string.Empty;

        public string PhoneNumber { get; set; } = string.Empty;

        /// <summary>
        /// The date of acceptance as <c>yyyy-MM-dd</c> (text, so Export-Csv writes it the same in
        /// every culture): the date sent, or for AlreadyConfirmed the date on record.
        /// </summary>
        public string DateAgreed { get; set; } = string.Empty;

        public ConfirmationResult Result { get; set; }
    }
}
