namespace CloudBlueMca
{
    /// <summary>The customer's billing profile: billing contact, culture and default address.</summary>
    public sealed class PcBillingProfile
    {
        public string? Id { get; set; }

        public string? FirstName { get; set; }

        public string? LastName { get; set; }

        public string? Email { get; set; }

        public string? Culture { get; set; }

        public string? Language { get; set; }

        public string? CompanyName { get; set; }

        public PcAddress? DefaultAddress { get; set; }

        public override string ToString() => CompanyName ?? string.Empty;
    }
}
