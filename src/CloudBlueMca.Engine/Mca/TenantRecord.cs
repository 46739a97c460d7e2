namespace CloudBlueMca.Engine.Mca
{
    /// <summary>A Tenant resource with the properties the workflows group and match on.</summary>
    internal sealed class TenantRecord
    {
        public TenantRecord(string msAccountId, string? initialSubdomain, int? accountId, TenantResource resource)
        {
            MsAccountId = msAccountId;
            InitialSubdomain = initialSubdomain;
            AccountId = accountId;
            Resource = resource;
        }

        public string MsAccountId { get; }

        /// <summary>Only some Tenants of a Microsoft account carry it (seed 001).</summary>
        public string? InitialSubdomain { get; }

        /// <summary>System id of the customer account, from the selected <c>account</c> link.</summary>
        public int? AccountId { get; }

        public TenantResource Resource { get; }
    }
}
