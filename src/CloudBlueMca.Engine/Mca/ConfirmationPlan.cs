namespace CloudBlueMca.Engine.Mca
{
    /// <summary>
    /// A PUT the engine is ready to send for one row, waiting for the cmdlet's ShouldProcess
    /// (which must run on the pipeline thread, so the engine cannot ask itself).
    /// </summary>
    public sealed class ConfirmationPlan
    {
        internal ConfirmationPlan(ConfirmationRow row, TenantResource tenant, string? knownSubdomain)
        {
            Row = row;
            Tenant = tenant;
            KnownSubdomain = knownSubdomain;
        }

        /// <summary>ShouldProcess target: names the subdomain or account, and the Tenant resource.</summary>
        public string Target => $"Microsoft account '{Row.Name}' ({Row.MsAccountId}), Tenant resource {Tenant.ApsId}";

        /// <summary>ShouldProcess action: names the contact's e-mail and the date.</summary>
        public string Action => $"Record MCA acceptance by {Row.Contact!.FirstName} {Row.Contact.LastName} <{Row.Contact.Email}> agreed {Row.Contact.DateAgreed}";

        internal ConfirmationRow Row { get; }

        internal TenantResource Tenant { get; }

        /// <summary>The account's initial subdomain as its Tenants record it, for rows given only an MsAccountId.</summary>
        internal string? KnownSubdomain { get; }
    }
}
