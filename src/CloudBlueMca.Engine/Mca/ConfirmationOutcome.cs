namespace CloudBlueMca.Engine.Mca
{
    /// <summary>How one row ended: a confirmation, an error, or neither when ShouldProcess declined it.</summary>
    public sealed class ConfirmationOutcome
    {
        internal static readonly ConfirmationOutcome Declined = new ConfirmationOutcome(null, null);

        internal ConfirmationOutcome(McaConfirmation? confirmation, CloudBlueMcaException? error)
        {
            Confirmation = confirmation;
            Error = error;
        }

        public McaConfirmation? Confirmation { get; }

        public CloudBlueMcaException? Error { get; }
    }
}
