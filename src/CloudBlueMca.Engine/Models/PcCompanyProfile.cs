namespace CloudBlueMca
{
    /// <summary>
    /// The customer's company profile. <see cref="Address"/> and <see cref="Email"/> are null when
    /// the partner has no DAP on the customer tenant (the service omits them).
    /// </summary>
    public sealed class PcCompanyProfile
    {
        public string? TenantId { get; set; }

        public string? Domain { get; set; }

        public string? CompanyName { get; set; }

        public string? Email { get; set; }

        public PcAddress? Address { get; set; }

        public override string ToString() => CompanyName ?? Domain ?? string.Empty;
    }
}
