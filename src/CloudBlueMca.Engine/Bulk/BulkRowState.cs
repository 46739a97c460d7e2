namespace CloudBlueMca.Engine.Bulk
{
    /// <summary>Where a row is in a <see cref="BulkRun{TRow}"/>.</summary>
    internal enum BulkRowState
    {
        /// <summary>Waiting for a look-up.</summary>
        Queued,
        LookingUp,

        /// <summary>Has a plan; waits for every earlier row to be cleared before it is offered for approval.</summary>
        Planned,

        /// <summary>Handed to the pipeline thread for ShouldProcess.</summary>
        Offered,

        /// <summary>Approved, waiting for a free update slot.</summary>
        Approved,
        Updating,

        /// <summary>Has its outcome; waits for every earlier row to be written.</summary>
        Settled,
        Written,
    }
}
