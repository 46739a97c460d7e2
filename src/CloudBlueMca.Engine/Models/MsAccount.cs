namespace CloudBlueMca
{
    /// <summary>
    /// A Microsoft account as the Microsoft 365 application of CloudBlue Commerce knows it
    /// (seed 000): its internal identifier and every Tenant resource that belongs to it.
    /// </summary>
    public sealed class MsAccount
    {
        /// <summary>The initial subdomain that was looked up, without <c>.onmicrosoft.com</c>.</summary>
        public string InitialSubdomain { get; set; } = string.Empty;

        /// <summary>The application's internal id of the Microsoft account (<c>ms_account_id</c>); not the Microsoft tenant id.</summary>
        public string MsAccountId { get; set; } = string.Empty;

        /// <summary>
        /// System id of the customer account, when the platform returns the Tenant's account link.
        /// Null otherwise; piping such an object into Test-McaAcceptance then fails parameter
        /// binding for that object only (see about_CloudBlueMca).
        /// </summary>
        public int? AccountId { get; set; }

        public TenantResource[] Tenants { get; set; } = new TenantResource[0];
    }
}
