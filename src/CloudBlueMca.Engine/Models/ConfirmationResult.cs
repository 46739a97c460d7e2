namespace CloudBlueMca
{
    public enum ConfirmationResult
    {
        /// <summary>The contact was sent to the platform.</summary>
        Confirmed,

        /// <summary>A Tenant of the account already held the same contact and date; nothing was sent.</summary>
        AlreadyConfirmed,
    }
}
