namespace CloudBlueMca
{
    /// <summary>The person who accepted the Microsoft Customer Agreement, as recorded on a Tenant resource.</summary>
    public sealed class CloudAgreementContact
    {
        public string? Email { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Phone { get; set; }

        /// <summary>The date of acceptance as <c>yyyy-MM-dd</c> (seed 000's <c>date_agreed</c>). Null when the platform holds no readable date.</summary>
        public string? DateAgreed { get; set; }

        public override string ToString() =>
            $"{FirstName} {LastName} <{Email}>, phone {Phone}, agreed {DateAgreed ?? "(no date)"}";
    }
}
