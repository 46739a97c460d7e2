using System.Collections.Generic;

namespace CloudBlueMca.Engine.Bulk
{
    /// <summary>
    /// One input row of a bulk cmdlet run by <see cref="BulkRun{TRow}"/>. A workflow settles it
    /// during its look-up (<see cref="Succeed(object)"/>, <see cref="Fail"/>) or gives it an
    /// update to send (<see cref="PlanUpdate"/>), which then settles it once sent.
    /// </summary>
    public abstract class BulkRow
    {
        private static readonly object[] NoOutput = new object[0];

        /// <summary>How messages name the row: its own input (a subdomain, an account id).</summary>
        public abstract string Name { get; }

        /// <summary>The row's own input, the <c>TargetObject</c> of its error records.</summary>
        public abstract object Target { get; }

        /// <summary>What the row writes once settled, in order; empty for an error or a declined update.</summary>
        public IReadOnlyList<object> Output { get; private set; } = NoOutput;

        public CloudBlueMcaException? Error { get; private set; }

        /// <summary>True once the row has an output, an error, or was declined.</summary>
        public bool IsSettled { get; private set; }

        /// <summary>ShouldProcess target of the planned update; it names the row and what changes (e.g. the Tenant resource).</summary>
        public string? UpdateTarget { get; private set; }

        /// <summary>ShouldProcess action of the planned update.</summary>
        public string? UpdateAction { get; private set; }

        /// <summary>
        /// Rows with the same key (e.g. one Microsoft account) never have updates in flight at
        /// the same time, and a row whose look-up is older than another's update of its key is
        /// looked up again, so its plan never rests on what that update changed.
        /// </summary>
        public string? ConflictKey { get; private set; }

        internal bool HasPlan => UpdateTarget != null && !IsSettled;

        internal BulkRowState State { get; set; }

        /// <summary>The run's clock when the row's latest look-up started.</summary>
        internal long LookUpStartedAt { get; set; }

        /// <summary>True once its update was handed to the network: from then on a stop must name it.</summary>
        internal bool UpdateSent { get; set; }

        public void Succeed(object output) => Settle(new[] { output }, null);

        public void Succeed(IReadOnlyList<object> outputs) => Settle(outputs, null);

        public void Fail(CloudBlueMcaException error) => Settle(NoOutput, error);

        /// <summary>Settles with <paramref name="error"/> when there is one, else with <paramref name="outputs"/>.</summary>
        public void Settle(CloudBlueMcaException? error, IEnumerable<object> outputs) =>
            Settle(error == null ? new List<object>(outputs) : (IReadOnlyList<object>)NoOutput, error);

        /// <summary>Settled with nothing to write: ShouldProcess declined the update (-WhatIf).</summary>
        internal void Decline() => Settle(NoOutput, null);

        /// <summary>The row needs an update; <paramref name="conflictKey"/> names what it changes.</summary>
        public void PlanUpdate(string target, string action, string? conflictKey)
        {
            UpdateTarget = target;
            UpdateAction = action;
            ConflictKey = conflictKey;
        }

        /// <summary>Forgets a plan before the row is looked up again.</summary>
        internal void ClearPlan()
        {
            UpdateTarget = null;
            UpdateAction = null;
            ConflictKey = null;
        }

        private void Settle(IReadOnlyList<object> outputs, CloudBlueMcaException? error)
        {
            Output = outputs;
            Error = error;
            IsSettled = true;
        }
    }
}
