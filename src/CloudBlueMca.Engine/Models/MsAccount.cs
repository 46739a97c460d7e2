using System.Linq;

namespace CloudBlueMca
{
    /// <summary>
    /// A Microsoft account as the Microsoft 365 application of CloudBlue Commerce knows it
    /// (seed 000): its internal identifier and every Tenant resource that belongs to it. The
    /// contact and count properties repeat flat facts of <see cref="Tenants"/>, so
    /// <c>Export-Csv</c> writes useful columns instead of a type name.
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

        /// <summary>How many Tenant resources (subscriptions) belong to the Microsoft account.</summary>
        public int TenantCount => Tenants.Length;

        /// <summary>E-mail of the MCA acceptance contact recorded on one of the Tenants; null when none is recorded.</summary>
        public string? ContactEmail => RecordedContact?.Email;

        /// <summary>
        /// Date of the recorded acceptance as <c>yyyy-MM-dd</c> text (the same in every culture, so a
        /// CSV export is unambiguous); null when no contact or no readable date is recorded.
        /// </summary>
        public string? ContactDateAgreed => RecordedContact?.DateAgreed;

        /// <summary>The first contact recorded on a Tenant, in the platform's order (the one Confirm-McaAcceptance compares with).</summary>
        private CloudAgreementContact? RecordedContact => Tenants.Select(t => t.CloudAgreementContact).FirstOrDefault(c => c != null);
    }
}
