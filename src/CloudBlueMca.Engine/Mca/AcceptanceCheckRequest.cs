namespace CloudBlueMca.Engine.Mca
{
    /// <summary>One input of Test-McaAcceptance: a customer account and an optional subdomain filter.</summary>
    public sealed class AcceptanceCheckRequest
    {
        public AcceptanceCheckRequest(int accountId, string? initialSubdomain)
        {
            AccountId = accountId;
            InitialSubdomain = initialSubdomain;
        }

        /// <summary>System id of the customer account.</summary>
        public int AccountId { get; }

        /// <summary>Keep only the tenants whose domain's first label is exactly this; null keeps all.</summary>
        public string? InitialSubdomain { get; }
    }
}
