using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Linq;
using System.Threading;
using System.Threading.Tasks;

namespace CloudBlueMca.Engine.Bulk
{
    /// <summary>
    /// Runs the rows of one bulk cmdlet invocation through look-up, approval and update, and
    /// hands them back to the pipeline thread in input order the moment they may be written.
    /// Every bulk cmdlet (Confirm-McaAcceptance, New-PcCustomerAgreement, Sync-McaAcceptance, and
    /// the look-ups of Get-MsAccountInternalId and Test-McaAcceptance) keeps the module's promises
    /// through it:
    /// <list type="bullet">
    /// <item>A row is written as soon as it and every earlier row are settled; look-ups of the
    /// next rows run while the current rows' updates are in flight.</item>
    /// <item>At most the throttle limit of updates are in flight; two updates of one
    /// <see cref="BulkRow.ConflictKey"/> never overlap, and a plan older than an update of its key
    /// is looked up again.</item>
    /// <item>An error known before a row's update (validation, not found, ambiguous) is written
    /// before any later row is offered for approval, so no later update is sent before it.</item>
    /// <item>After <see cref="Stop"/> no look-up or update starts, in-flight requests are
    /// cancelled, and <see cref="Stop"/> returns a sentence for every update that was sent but
    /// not written, for the cmdlet to put in a warning.</item>
    /// </list>
    /// The pipeline thread calls <see cref="Add"/>, <see cref="Complete"/>, <see cref="TakeNext"/>,
    /// <see cref="Approve"/>, <see cref="StopOffering"/> (when a row's approval could not be
    /// asked) and <see cref="Stop"/>; look-ups and updates run on the thread pool
    /// and call <c>changed</c> whenever something may have become ready.
    /// </summary>
    public sealed class BulkRun<TRow> : IDisposable
        where TRow : BulkRow
    {
        /// <summary>Rows accepted but not yet written, at most: bounds memory whatever the input size.</summary>
        public const int DefaultWindow = 1000;

        private const int CompactAfter = 1024;

        /// <summary>
        /// How long the input may be silent, with room in the window, before a partial look-up
        /// group of the rows already given leaves without waiting for more.
        /// </summary>
        public static readonly TimeSpan DefaultIdleInputDelay = TimeSpan.FromMilliseconds(200);

        private readonly IBulkWorkflow<TRow> _workflow;
        private readonly int _throttleLimit;
        private readonly int _window;
        private readonly TimeSpan _idleInputDelay;
        private readonly Action _changed;
        private readonly CancellationTokenSource _stop;
        private readonly OperationContext _context;
        private readonly object _gate = new object();

        // Unwritten rows from _head on, in input order; _release is the first row not yet
        // cleared for release (every row before it is written, settled without error, or has
        // its update approved).
        private readonly List<TRow> _rows = new List<TRow>();
        private readonly Queue<TRow> _lookUps = new Queue<TRow>();
        private readonly Queue<TRow> _lookUpsAgain = new Queue<TRow>();
        private readonly Queue<TRow> _updates = new Queue<TRow>();
        private readonly Dictionary<string, int> _keysUpdating = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, long> _keysUpdatedAt = new Dictionary<string, long>(StringComparer.OrdinalIgnoreCase);
        private readonly Dictionary<string, List<TRow>> _waitingForKey = new Dictionary<string, List<TRow>>(StringComparer.OrdinalIgnoreCase);
        private int _head;
        private int _release;
        private int _lookUpsInFlight;
        private int _updatesInFlight;
        private long _clock;
        private int _added;
        private int _written;
        private bool _completed;
        private bool _stopped;
        private bool _offeringStopped;
        private int _newGroupsSent;
        private long _waitingForInputSince;
        private bool _idleCheckPending;
        private bool _inputIdle;
        private Exception? _fault;

        // The run's first row, for a workflow that looks up many rows per group, until it is
        // written: no other new group starts meanwhile (see TakeGroup).
        private TRow? _firstRow;

        /// <param name="workflow">What the cmdlet does with a row.</param>
        /// <param name="throttleLimit">Most updates in flight at once.</param>
        /// <param name="context">The invocation's context; its cancellation stops the run.</param>
        /// <param name="changed">Called from any thread when a row may have become ready for the pipeline thread.</param>
        /// <param name="window">Most rows accepted and not yet written.</param>
        /// <param name="idleInputDelay">
        /// How long the input may be silent before a partial look-up group leaves anyway
        /// (<see cref="DefaultIdleInputDelay"/> when null); <see cref="Timeout.InfiniteTimeSpan"/>
        /// sends partial groups only once the input is complete.
        /// </param>
        public BulkRun(IBulkWorkflow<TRow> workflow, int throttleLimit, OperationContext context, Action changed, int window = DefaultWindow, TimeSpan? idleInputDelay = null)
        {
            if (throttleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "The throttle limit must be at least 1.");
            }

            _workflow = workflow;
            _throttleLimit = throttleLimit;
            _window = Math.Max(window, workflow.LookUpGroupSize * Math.Max(1, workflow.LookUpConcurrency));
            _changed = changed;
            _idleInputDelay = idleInputDelay ?? DefaultIdleInputDelay;
            _stop = CancellationTokenSource.CreateLinkedTokenSource(context.Cancellation);
            _context = new OperationContext(context.Log, _stop.Token, context.CorrelationId);
        }

        /// <summary>
        /// Rows in the first look-up group of a run: the first row goes alone (see TakeGroup);
        /// every later group is full size.
        /// </summary>
        public const int FirstGroupRows = 1;

        /// <summary>False while the window is full: the caller should write what is ready before adding more.</summary>
        public bool HasRoom
        {
            get
            {
                lock (_gate)
                {
                    return _added - _written < _window;
                }
            }
        }

        /// <summary>True once <see cref="Complete"/> was called and every row was written.</summary>
        public bool IsFinished
        {
            get
            {
                lock (_gate)
                {
                    return _completed && _written == _added;
                }
            }
        }

        /// <summary>Rows written so far.</summary>
        public int Written
        {
            get
            {
                lock (_gate)
                {
                    return _written;
                }
            }
        }

        /// <summary>
        /// True after <see cref="StopOffering"/> once no approved update waits or is in flight and
        /// <see cref="TakeNext"/> has nothing left to hand out: every row before the one left
        /// unanswered is written.
        /// </summary>
        public bool IsDrained
        {
            get
            {
                lock (_gate)
                {
                    return _offeringStopped
                        && _updates.Count == 0
                        && _updatesInFlight == 0
                        && !HeadIsSettled;
                }
            }
        }

        /// <summary>
        /// True while a look-up or update is in flight or about to start: some row will become
        /// ready without more input. False when the run only waits for rows (to fill a look-up
        /// group, or at all).
        /// </summary>
        public bool IsWorking
        {
            get
            {
                lock (_gate)
                {
                    return !_stopped && (_lookUpsInFlight + _updatesInFlight > 0 || _updates.Count > 0 || (_lookUpsAgain.Count > 0 && !_offeringStopped));
                }
            }
        }

        /// <summary>
        /// True when <see cref="TakeNext"/> has something to hand out now (a row to write or to
        /// offer for approval, or a fault to rethrow); it takes nothing.
        /// </summary>
        public bool HasStepReady
        {
            get
            {
                lock (_gate)
                {
                    if (_fault != null || HeadIsSettled)
                    {
                        return true;
                    }

                    AdvanceRelease();
                    return ReleaseCanBeOffered;
                }
            }
        }

        /// <summary>All rows of the run once <see cref="Complete"/> was called; null while input still comes.</summary>
        public int? Total
        {
            get
            {
                lock (_gate)
                {
                    return _completed ? _added : (int?)null;
                }
            }
        }

        public void Add(TRow row)
        {
            lock (_gate)
            {
                row.State = BulkRowState.Queued;
                _rows.Add(row);
                _lookUps.Enqueue(row);
                _added++;
                _waitingForInputSince = Stopwatch.GetTimestamp();
                _inputIdle = false;
                Dispatch();
                WatchForIdleInput(_idleInputDelay);
            }
        }

        /// <summary>No more rows will come: remaining rows are looked up without waiting for a full group.</summary>
        public void Complete()
        {
            lock (_gate)
            {
                _completed = true;
                Dispatch();
            }
        }

        /// <summary>
        /// The next row to write, or to ask ShouldProcess for; null when nothing is ready now.
        /// Rethrows a fault of the workflow itself (a bug, not a request failure).
        /// </summary>
        public BulkStep<TRow>? TakeNext()
        {
            lock (_gate)
            {
                if (_fault != null)
                {
                    throw new InvalidOperationException("The bulk run failed: " + _fault.Message, _fault);
                }

                ReleaseFirstRow();

                if (HeadIsSettled)
                {
                    var settled = _rows[_head];
                    settled.State = BulkRowState.Written;
                    _head++;
                    if (_added - _written == _window)
                    {
                        // The pipeline thread was waiting for this room, not the input for rows.
                        _waitingForInputSince = Stopwatch.GetTimestamp();
                    }

                    _written++;
                    Compact();
                    return new BulkStep<TRow>(settled, needsApproval: false);
                }

                AdvanceRelease();
                if (ReleaseCanBeOffered && !MustWait(_rows[_release]))
                {
                    var planned = _rows[_release];
                    planned.State = BulkRowState.Offered;
                    return new BulkStep<TRow>(planned, needsApproval: true);
                }

                return null;
            }
        }

        /// <summary>The ShouldProcess answer for an offered row: approved updates are sent as slots free up; declined rows settle with nothing to write.</summary>
        public void Approve(TRow row, bool approved)
        {
            lock (_gate)
            {
                if (row.State != BulkRowState.Offered)
                {
                    throw new InvalidOperationException("Only a row offered for approval can be approved.");
                }

                if (!approved)
                {
                    row.Decline();
                    row.State = BulkRowState.Settled;
                    return;
                }

                row.State = BulkRowState.Approved;
                if (row.ConflictKey != null)
                {
                    _keysUpdating.TryGetValue(row.ConflictKey, out var updating);
                    _keysUpdating[row.ConflictKey] = updating + 1;
                }

                _updates.Enqueue(row);
                Dispatch();
            }
        }

        /// <summary>
        /// For a row whose approval could not be asked (the host cannot prompt): no row is
        /// offered again and no look-up starts, but the updates already approved are sent and
        /// those in flight finish, so every earlier row settles and is handed out by
        /// <see cref="TakeNext"/> until <see cref="IsDrained"/>. Nothing is ever sent for the
        /// unanswered row or a later one.
        /// </summary>
        public void StopOffering()
        {
            lock (_gate)
            {
                _offeringStopped = true;
            }
        }

        /// <summary>
        /// Stops the run: nothing new starts, in-flight requests are cancelled, and it waits up to
        /// <paramref name="wait"/> for them to end. Returns, once per row, a sentence for each
        /// update that was sent but whose row was not written (succeeded, failed, or answer not
        /// awaited), naming the row and what the update changed.
        /// </summary>
        public IReadOnlyList<string> Stop(TimeSpan wait)
        {
            lock (_gate)
            {
                _stopped = true;
            }

            _stop.Cancel();
            lock (_gate)
            {
                var deadline = DateTime.UtcNow + wait;
                while (_lookUpsInFlight + _updatesInFlight > 0)
                {
                    var remaining = deadline - DateTime.UtcNow;
                    if (remaining <= TimeSpan.Zero)
                    {
                        break;
                    }

                    Monitor.Wait(_gate, remaining);
                }

                var unwritten = new List<string>();
                for (var i = _head; i < _rows.Count; i++)
                {
                    var row = _rows[i];
                    if (row.UpdateSent && row.State != BulkRowState.Written)
                    {
                        // Reported once: a second Stop (StopProcessing, then Dispose) names nothing twice.
                        row.State = BulkRowState.Written;
                        unwritten.Add(Describe(row));
                    }
                }

                return unwritten;
            }
        }

        public void Dispose()
        {
            Stop(TimeSpan.Zero);
            lock (_gate)
            {
                if (_lookUpsInFlight + _updatesInFlight > 0)
                {
                    // A request still unwinding holds the token; the source is left to the collector.
                    return;
                }
            }

            _stop.Dispose();
        }

        private static string Describe(TRow row)
        {
            if (!row.IsSettled)
            {
                return $"{row.UpdateTarget}: the update was sent, and the run stopped before its answer came, so it may or may not be recorded. Check it before running this row again.";
            }

            return row.Error == null
                ? $"{row.UpdateTarget}: the update was sent and succeeded, but the run stopped before its result was written."
                : $"{row.UpdateTarget}: the update was sent and failed: {row.Error.Message}";
        }

        // The first unwritten row is ready to be written (under the lock).
        private bool HeadIsSettled => _head < _rows.Count && _rows[_head].State == BulkRowState.Settled;

        // The row at the release cursor has a plan to offer for approval, and offering goes on
        // (under the lock, after AdvanceRelease).
        private bool ReleaseCanBeOffered => _release < _rows.Count && _rows[_release].State == BulkRowState.Planned && !_stopped && !_offeringStopped;

        // Rows at the release cursor are cleared once nothing about them can still be an error
        // that must be written before a later update goes out.
        private void AdvanceRelease()
        {
            if (_release < _head)
            {
                _release = _head;
            }

            while (_release < _rows.Count)
            {
                var row = _rows[_release];
                var cleared = row.State == BulkRowState.Written
                    || row.State == BulkRowState.Approved
                    || row.State == BulkRowState.Updating
                    || (row.State == BulkRowState.Settled && (row.Error == null || row.UpdateSent));
                if (!cleared)
                {
                    return;
                }

                _release++;
            }
        }

        // A planned row waits while an update of its key is in flight, and is looked up again
        // when an update of its key settled after its look-up began.
        private bool MustWait(TRow row)
        {
            var key = row.ConflictKey;
            if (key == null)
            {
                return false;
            }

            if (_keysUpdating.TryGetValue(key, out var updating) && updating > 0)
            {
                row.State = BulkRowState.Queued;
                if (!_waitingForKey.TryGetValue(key, out var waiting))
                {
                    waiting = new List<TRow>();
                    _waitingForKey.Add(key, waiting);
                }

                waiting.Add(row);
                return true;
            }

            if (_keysUpdatedAt.TryGetValue(key, out var updatedAt) && updatedAt >= row.LookUpStartedAt)
            {
                row.State = BulkRowState.Queued;
                _lookUpsAgain.Enqueue(row);
                Dispatch();
                return true;
            }

            return false;
        }

        private void Dispatch()
        {
            if (_stopped || _fault != null)
            {
                return;
            }

            while (_updatesInFlight < _throttleLimit && _updates.Count > 0)
            {
                var row = _updates.Dequeue();
                row.State = BulkRowState.Updating;
                row.UpdateSent = true;
                _updatesInFlight++;
                Task.Run(() => UpdateAsync(row));
            }

            while (!_offeringStopped && _lookUpsInFlight < _workflow.LookUpConcurrency && TakeGroup() is List<TRow> group)
            {
                foreach (var row in group)
                {
                    row.State = BulkRowState.LookingUp;
                    row.LookUpStartedAt = ++_clock;
                    row.ClearPlan();
                }

                _lookUpsInFlight++;
                Task.Run(() => LookUpAsync(group));
            }
        }

        // A partial group waits for more rows only while more rows are coming: when the input
        // has been silent for the idle delay (a slow upstream command, rows typed or produced
        // one by one) with room left in the window, the rows given so far are looked up, so their
        // results do not wait for rows that may be minutes away. A full window is not a silent
        // input (the pipeline thread is waiting for us to write rows, and will add as soon as it
        // has room), so it never sends a partial group: fast input keeps the same groups, and the
        // same number of requests, on a fast or a loaded machine. (When the next command is a
        // bulk cmdlet that keeps the thread for its own requests, this run's input does fall
        // silent meanwhile, and a partial group may leave: a request more, never a row less.)
        private void WatchForIdleInput(TimeSpan delay)
        {
            if (_idleCheckPending || _lookUps.Count == 0 || _completed || _stopped || _idleInputDelay == Timeout.InfiniteTimeSpan)
            {
                return;
            }

            _idleCheckPending = true;
            Task.Delay(delay).ContinueWith(_ => CheckIdleInput(), TaskScheduler.Default);
        }

        private void CheckIdleInput()
        {
            lock (_gate)
            {
                _idleCheckPending = false;
                var silentFor = TimeSpan.FromSeconds((Stopwatch.GetTimestamp() - _waitingForInputSince) / (double)Stopwatch.Frequency);
                if (silentFor < _idleInputDelay || _added - _written >= _window)
                {
                    WatchForIdleInput(silentFor < _idleInputDelay ? _idleInputDelay - silentFor : _idleInputDelay);
                    return;
                }

                _inputIdle = true;
                Dispatch();
            }
        }

        // Rows looked up again come first: the release of every later row waits for them. New
        // rows go out as a full group, once the input is complete, or once the input has been
        // silent (see WatchForIdleInput). No row can wait forever: the window holds at least
        // one full group, so while the window is full every row still queued has a full group
        // before it whose rows will be written and make room.
        // A long run's first result comes sooner when its first row goes alone: its look-ups
        // and update are then the only requests in flight, and for a workflow that looks up
        // many rows per group no other new group starts until that row is written and the
        // pipeline thread is back (so the next command, Test-McaAcceptance or another bulk
        // cmdlet working inside that write, has had its answer too), unless the input has
        // ended or fallen silent first. Otherwise its requests share the client, the server
        // and the cores with the much larger answers of the next groups, and take half as long
        // again (measured by the benchmark at N = 10,000: the first result 58 ms after the
        // first look-up instead of 93-183 ms). The wait costs a long run about three round
        // trips. A short input, which has ended by then, does not wait: there the whole run's
        // time matters, not its first row's. Nor does a silent one: the first row can only be
        // written once the pipeline thread comes back with the next row, so waiting for it
        // would only hold the rows given so far back too.
        private List<TRow>? TakeGroup()
        {
            var source = _lookUpsAgain.Count > 0 ? _lookUpsAgain : _lookUps;
            if (source == _lookUps && _firstRow != null && !_completed && !_inputIdle)
            {
                return null;
            }

            var size = source == _lookUps && _newGroupsSent == 0 ? FirstGroupRows : _workflow.LookUpGroupSize;
            var ready = source == _lookUpsAgain
                || source.Count >= size
                || _completed
                || _inputIdle;
            if (source.Count == 0 || !ready)
            {
                return null;
            }

            if (source == _lookUps)
            {
                _newGroupsSent++;
            }

            var group = new List<TRow>(Math.Min(source.Count, size));
            while (group.Count < size && source.Count > 0)
            {
                group.Add(source.Dequeue());
            }

            if (source == _lookUps && _newGroupsSent == 1 && _workflow.LookUpGroupSize > 1)
            {
                _firstRow = group[0];
            }

            return group;
        }

        // Called as the pipeline thread asks for its next step, so the first row's write (and
        // the next command's work on it, which runs inside that write) is over.
        private void ReleaseFirstRow()
        {
            if (_firstRow != null && _firstRow.State == BulkRowState.Written)
            {
                _firstRow = null;
                Dispatch();
            }
        }

        private async Task LookUpAsync(List<TRow> group)
        {
            Exception? failure = null;
            try
            {
                await _workflow.LookUpAsync(group, _context).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                failure = error;
            }

            lock (_gate)
            {
                _lookUpsInFlight--;
                foreach (var row in group)
                {
                    if (row.IsSettled)
                    {
                        row.State = BulkRowState.Settled;
                    }
                    else if (row.HasPlan)
                    {
                        row.State = BulkRowState.Planned;
                    }
                    else if (!_stop.IsCancellationRequested)
                    {
                        _fault ??= failure ?? new InvalidOperationException($"The look-up left row '{row.Name}' without an outcome or a plan.");
                    }
                }

                Dispatch();
                Monitor.PulseAll(_gate);
            }

            _changed();
        }

        private async Task UpdateAsync(TRow row)
        {
            Exception? failure = null;
            try
            {
                await _workflow.UpdateAsync(row, _context).ConfigureAwait(false);
            }
            catch (Exception error)
            {
                failure = error;
            }

            lock (_gate)
            {
                _updatesInFlight--;
                if (row.IsSettled)
                {
                    row.State = BulkRowState.Settled;
                }
                else if (!_stop.IsCancellationRequested)
                {
                    _fault ??= failure ?? new InvalidOperationException($"The update left row '{row.Name}' without an outcome.");
                }

                if (row.ConflictKey is string key)
                {
                    _keysUpdatedAt[key] = ++_clock;
                    if (--_keysUpdating[key] == 0)
                    {
                        _keysUpdating.Remove(key);
                        if (_waitingForKey.TryGetValue(key, out var waiting))
                        {
                            _waitingForKey.Remove(key);
                            foreach (var next in waiting)
                            {
                                _lookUpsAgain.Enqueue(next);
                            }
                        }
                    }
                }

                Dispatch();
                Monitor.PulseAll(_gate);
            }

            _changed();
        }

        private void Compact()
        {
            if (_head < CompactAfter || _head < _rows.Count / 2)
            {
                return;
            }

            _rows.RemoveRange(0, _head);
            _release = Math.Max(0, _release - _head);
            _head = 0;
            ForgetOldUpdates();
        }

        // An update's time matters only to a row whose look-up began before it and that is still
        // to be released; rows not looked up yet will start later. Forgetting the others keeps
        // memory bounded by the window, not by the number of rows in the run.
        private void ForgetOldUpdates()
        {
            var oldestLookUp = _clock + 1;
            for (var i = _head; i < _rows.Count; i++)
            {
                var state = _rows[i].State;
                if (state == BulkRowState.LookingUp || state == BulkRowState.Planned)
                {
                    oldestLookUp = Math.Min(oldestLookUp, _rows[i].LookUpStartedAt);
                }
            }

            foreach (var key in _keysUpdatedAt.Where(k => k.Value < oldestLookUp).Select(k => k.Key).ToList())
            {
                _keysUpdatedAt.Remove(key);
            }
        }

        /// <summary>Conflict keys the run still remembers; for tests that check memory stays bounded.</summary>
        internal int KeysRemembered => _keysUpdating.Count + _keysUpdatedAt.Count;
    }
}
