namespace CloudBlueMca
{
    /// <summary>One Microsoft account of a customer account as <c>checkAccount</c> reports it (seed 001, step 2).</summary>
    public sealed class McaAcceptanceStatus
    {
        /// <summary>System id of the customer account that was checked.</summary>
        public int AccountId { get; set; }

        /// <summary>The tenant's domain as reported, e.g. <c>example.onmicrosoft.com</c>.</summary>
        public string Domain { get; set; } = string.Empty;

        /// <summary>The first label of <see cref="Domain"/>, e.g. <c>example</c>.</summary>
        public string InitialSubdomain { get; set; } = string.Empty;

        /// <summary>The application's internal id of the Microsoft account (checkAccount's <c>id</c>).</summary>
        public string MsAccountId { get; set; } = string.Empty;

        /// <summary>The Microsoft tenant id (the Partner Center customer id).</summary>
        public string? MsTenantId { get; set; }

        /// <summary>True while the Microsoft Customer Agreement still has to be accepted.</summary>
        public bool AcceptanceRequired { get; set; }

        public string? AgreementTemplateId { get; set; }

        public string? AgreementLink { get; set; }
    }
}
