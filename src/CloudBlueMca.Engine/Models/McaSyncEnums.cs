namespace CloudBlueMca
{
    /// <summary>Which way Sync-McaAcceptance may write.</summary>
    public enum McaSyncDirection
    {
        /// <summary>Confirm in CloudBlue what Partner Center holds (the default).</summary>
        ToCloudBlue,

        /// <summary>Attest in Partner Center what CloudBlue holds.</summary>
        ToPartnerCenter,

        /// <summary>Both of the above.</summary>
        Both,
    }

    /// <summary>What CloudBlue holds for a Microsoft account.</summary>
    public enum CloudBlueMcaState
    {
        /// <summary>A Tenant resource of the account holds <c>cloud_agreement_contact</c>.</summary>
        Recorded,

        /// <summary>No Tenant resource of the account holds a contact: acceptance is still required.</summary>
        Required,
    }

    /// <summary>What Partner Center holds for the customer (the Microsoft tenant).</summary>
    public enum PartnerCenterMcaState
    {
        /// <summary>At least one partner attestation of the MCA.</summary>
        Attested,

        /// <summary>No attestation, but the customer accepted the MCA itself in the Microsoft 365 admin center.</summary>
        SignedDirectly,

        /// <summary>Neither.</summary>
        Missing,

        /// <summary>Partner Center could not be asked; <see cref="McaSyncResult.Reason"/> says why.</summary>
        Unavailable,
    }

    /// <summary>What Sync-McaAcceptance did, or found, for a Microsoft account.</summary>
    public enum McaSyncAction
    {
        /// <summary>Partner Center's attestation was recorded in CloudBlue.</summary>
        ConfirmedInCloudBlue,

        /// <summary>CloudBlue's contact was attested in Partner Center.</summary>
        AttestedInPartnerCenter,

        /// <summary>Both sides hold the same person; nothing was written.</summary>
        InSync,

        /// <summary>Neither side has a contact (or Partner Center only knows of a direct signature); nothing was written.</summary>
        NeedsContact,

        /// <summary>The sides hold different people; nothing was written. Both contacts are in the result.</summary>
        Conflict,

        /// <summary>Partner Center could not be asked; nothing was written on its strength. <see cref="McaSyncResult.Reason"/> says why.</summary>
        Unavailable,

        /// <summary>One side lacks the record, but -Direction does not write that side; nothing was written. <see cref="McaSyncResult.Reason"/> says which direction would.</summary>
        Skipped,
    }
}
