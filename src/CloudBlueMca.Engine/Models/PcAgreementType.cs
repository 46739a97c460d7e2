namespace CloudBlueMca
{
    /// <summary>Which agreements Get-PcCustomerAgreement asks Partner Center for (reference §5.3).</summary>
    public enum PcAgreementType
    {
        /// <summary>The Microsoft Customer Agreement (MCA).</summary>
        MicrosoftCustomerAgreement,

        /// <summary>The retired Microsoft Cloud Agreement; the API's own default when no type is sent.</summary>
        MicrosoftCloudAgreement,

        /// <summary>Every type (sent as <c>*</c>).</summary>
        All,
    }
}
