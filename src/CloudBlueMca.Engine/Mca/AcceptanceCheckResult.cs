using System.Collections.Generic;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>The answer for one input of Test-McaAcceptance: its statuses, or why there are none.</summary>
    public sealed class AcceptanceCheckResult
    {
        internal AcceptanceCheckResult(AcceptanceCheckRequest request, IReadOnlyList<McaAcceptanceStatus> statuses, CloudBlueMcaException? error)
        {
            Request = request;
            Statuses = statuses;
            Error = error;
        }

        public AcceptanceCheckRequest Request { get; }

        public IReadOnlyList<McaAcceptanceStatus> Statuses { get; }

        public CloudBlueMcaException? Error { get; }
    }
}
