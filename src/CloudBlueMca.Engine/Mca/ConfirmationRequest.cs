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

        /// <summary>
        /// As the user gave it: an <see cref="AgreementDate"/>, a <see cref="DateTime"/>, a
        /// <see cref="DateTimeOffset"/> or ISO 8601 text, read by
        /// <see cref="AgreementDate.TryRead(object, DateTimeOffset, TimeZoneInfo, out AgreementDate, out string)"/>
        /// when the row is validated (anything else makes the row InvalidContact). Null means not
        /// given: the row then matches a recorded contact of the same person whatever its date,
        /// and a new contact is sent with today's UTC date.
        /// </summary>
        public object? DateAgreed { get; set; }

        public string? TenantResourceId { get; set; }
    }
}
