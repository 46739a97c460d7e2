using System;
using System.Threading;

namespace CloudBlueMca.Engine
{
    /// <summary>
    /// What one cmdlet invocation hands to every engine call: where to log, when to stop,
    /// and the correlation id that ties its requests together.
    /// </summary>
    public sealed class OperationContext
    {
        public OperationContext(IEngineLog log, CancellationToken cancellation)
            : this(log, cancellation, Guid.NewGuid())
        {
        }

        public OperationContext(IEngineLog log, CancellationToken cancellation, Guid correlationId)
        {
            Log = log ?? throw new ArgumentNullException(nameof(log));
            Cancellation = cancellation;
            CorrelationId = correlationId;
        }

        public IEngineLog Log { get; }

        public CancellationToken Cancellation { get; }

        public Guid CorrelationId { get; }

        public static OperationContext None => new OperationContext(NullEngineLog.Instance, CancellationToken.None);
    }
}
