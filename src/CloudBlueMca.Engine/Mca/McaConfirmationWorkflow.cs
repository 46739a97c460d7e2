using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Threading;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>
    /// Confirm-McaAcceptance (seed 001, steps 3-4) for one cmdlet invocation: the settings,
    /// and the count of rows done across its batches for progress.
    /// </summary>
    public sealed class McaConfirmationWorkflow
    {
        public const int DefaultThrottleLimit = 8;

        /// <summary>Upper bound of -ThrottleLimit; the HTTP pipeline allows this many connections per server.</summary>
        public const int MaxThrottleLimit = 64;

        /// <summary>How many pipeline rows the cmdlet gathers before it plans and sends them.</summary>
        public const int BatchSize = 250;

        private const string Activity = "Confirming MCA acceptance";
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

        private readonly TenantDirectory _directory;
        private readonly Func<DateTimeOffset> _now;
        private readonly Stopwatch _sinceProgress = Stopwatch.StartNew();
        private readonly object _progressGate = new object();
        private int _received;
        private int _done;

        public McaConfirmationWorkflow(CloudBlueConnection connection, bool force, int throttleLimit)
            : this(connection, force, throttleLimit, () => DateTimeOffset.Now, TimeZoneInfo.Local)
        {
        }

        /// <param name="now">The clock; tests pin it.</param>
        /// <param name="localZone">The user's time zone, whose calendar says what "today" is for a given date.</param>
        internal McaConfirmationWorkflow(CloudBlueConnection connection, bool force, int throttleLimit, Func<DateTimeOffset> now, TimeZoneInfo localZone)
        {
            if (throttleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "The throttle limit must be at least 1.");
            }

            Force = force;
            ThrottleLimit = throttleLimit;
            _now = now;
            LocalZone = localZone;
            _directory = new TenantDirectory(connection, throttleLimit);
        }

        public bool Force { get; }

        public int ThrottleLimit { get; }

        internal DateTimeOffset Now => _now();

        internal TimeZoneInfo LocalZone { get; }

        public ConfirmationBatch CreateBatch(IReadOnlyList<ConfirmationRequest> requests)
        {
            Interlocked.Add(ref _received, requests.Count);
            return new ConfirmationBatch(this, _directory, requests);
        }

        /// <summary>Counts finished rows; reports at most every 200 ms, and always when all received rows are done.</summary>
        internal void ReportProgress(int finishedRows, OperationContext context)
        {
            var done = Interlocked.Add(ref _done, finishedRows);
            var received = Volatile.Read(ref _received);
            lock (_progressGate)
            {
                if (done < received && _sinceProgress.Elapsed < ProgressInterval)
                {
                    return;
                }

                _sinceProgress.Restart();
            }

            context.Log.Progress(new EngineProgress(Activity, $"{done} of {received} rows done", done, received));
        }
    }
}
