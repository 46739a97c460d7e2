using System.Collections.Generic;
using System.Threading.Tasks;

namespace CloudBlueMca.Engine.Bulk
{
    /// <summary>
    /// What one bulk cmdlet does with its rows, for <see cref="BulkRun{TRow}"/>: a look-up of a
    /// group of rows (batched requests), and optionally an update per row.
    /// </summary>
    public interface IBulkWorkflow<in TRow>
        where TRow : BulkRow
    {
        /// <summary>Most rows looked up together; 1 when the API answers one row per request.</summary>
        int LookUpGroupSize { get; }

        /// <summary>Most groups looked up at the same time.</summary>
        int LookUpConcurrency { get; }

        /// <summary>
        /// Looks up the rows of one group (in input order) and settles each one or plans its
        /// update. A row may come again after an update of its <see cref="BulkRow.ConflictKey"/>:
        /// it must then be looked up afresh. A request failure fails the rows it served, each
        /// with its own error naming its own input.
        /// </summary>
        Task LookUpAsync(IReadOnlyList<TRow> rows, OperationContext context);

        /// <summary>Sends the planned update of one row and settles it. Only called for approved plans.</summary>
        Task UpdateAsync(TRow row, OperationContext context);
    }
}
