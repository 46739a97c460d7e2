namespace CloudBlueMca.Engine.Bulk
{
    /// <summary>The next thing a <see cref="BulkRun{TRow}"/> needs from the pipeline thread.</summary>
    public sealed class BulkStep<TRow>
        where TRow : BulkRow
    {
        internal BulkStep(TRow row, bool needsApproval)
        {
            Row = row;
            NeedsApproval = needsApproval;
        }

        public TRow Row { get; }

        /// <summary>
        /// True: ask ShouldProcess with the row's <see cref="BulkRow.UpdateTarget"/> and
        /// <see cref="BulkRow.UpdateAction"/>, then call <see cref="BulkRun{TRow}.Approve"/>.
        /// False: write the row's <see cref="BulkRow.Output"/> or <see cref="BulkRow.Error"/> now.
        /// </summary>
        public bool NeedsApproval { get; }
    }
}
