using System;
using System.Collections.Generic;
using System.Management.Automation;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Bulk;

namespace CloudBlueMca.Infrastructure
{
    /// <summary>
    /// The pipeline-thread side of a <see cref="BulkRun{TRow}"/>: every bulk cmdlet adds its rows
    /// here in ProcessRecord and finishes in EndProcessing. Between rows, and while the window of
    /// unwritten rows is full, it writes every row that is ready (in input order), asks
    /// ShouldProcess for each planned update, writes the engine's messages and progress
    /// ("N rows done", and "N of M" once the input has ended). Running inside a write of another
    /// bulk cmdlet of this module (<c>Get-MsAccountInternalId | Test-McaAcceptance</c>) that has
    /// nothing to write, it keeps the thread while its own requests are in flight, so its
    /// results do not wait for that cmdlet's next look-up.
    /// </summary>
    /// <remarks>
    /// A ShouldProcess prompt that the host cannot show stops the run at that row: the rows
    /// before it are all written (their approved updates still go out), then the cmdlet ends
    /// with the terminating error ConfirmationPromptFailed naming the row.
    /// Any exception that leaves a pump (Ctrl+C or Stop-Job, -ErrorAction Stop on a row's
    /// error, Select-Object -First, a terminating error downstream) stops the run first: no new
    /// update starts, in-flight requests are cancelled, and every update that was sent but not
    /// written is named in a warning before the exception goes on. A stopping pipeline refuses
    /// WriteWarning, so those warnings then go straight to the host (the console, or the job's
    /// output for Stop-Job). A stop while PowerShell runs the upstream command (our code is
    /// not on the stack) is reported from StopProcessing, and anything left from Dispose.
    /// </remarks>
    internal sealed class BulkPipeline<TRow> : IBulkPipeline
        where TRow : BulkRow
    {
        private static readonly TimeSpan StopWait = TimeSpan.FromSeconds(2);
        private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(200);

        private readonly CloudBlueMcaCmdlet _cmdlet;
        private readonly BulkRun<TRow> _run;
        private readonly string _activity;
        private readonly Action<TRow> _write;
        private DateTime _nextProgress = DateTime.MinValue;
        private volatile bool _pumping;
        private ErrorRecord? _unanswered;
        private Func<bool>? _done;
        private volatile Action? _alsoWake;

        public BulkPipeline(CloudBlueMcaCmdlet cmdlet, IBulkWorkflow<TRow> workflow, int throttleLimit, string activity, Action<TRow> write)
        {
            _cmdlet = cmdlet;
            _activity = activity;
            _write = write;
            _run = new BulkRun<TRow>(workflow, throttleLimit, cmdlet.Operation, () =>
            {
                cmdlet.WakeFromEngine();
                _alsoWake?.Invoke();
            });
        }

        /// <summary>
        /// A pipeline fed by this one's writes (Sync-McaAcceptance: checked accounts become rows
        /// of the sync). Whenever this one pumps, the follower writes what is ready too, so its
        /// results and approvals never wait for this one's next row.
        /// </summary>
        public IBulkPipeline? Follower { get; set; }

        /// <summary>
        /// Adds a row and writes what is ready; waits while the window is full, or while it keeps
        /// the thread for the bulk cmdlets before it (see <see cref="KeepThreadFor"/>).
        /// </summary>
        public void Add(TRow row)
        {
            _run.Add(row);
            Pump(() => _run.HasRoom, mayKeepThread: true);
        }

        /// <summary>No more input: writes every remaining row as it settles.</summary>
        public void Finish()
        {
            _run.Complete();
            Pump(() => _run.IsFinished, mayKeepThread: true);
        }

        /// <summary>Writes every row that is ready now (and the follower's), without waiting.</summary>
        public void WriteReady() => Pump(() => true, mayKeepThread: false);

        public bool HasStepReady => _run.HasStepReady || (Follower?.HasStepReady ?? false);

        private bool IsPumpDone => _done == null || (_unanswered == null ? _done() : _run.IsDrained);

        public void AlsoWake(Action? wake) => _alsoWake = wake;

        public void OnStopRequested()
        {
            // The pipeline thread, when it is in a pump, wakes and reports itself.
            if (!_pumping)
            {
                ReportStop(pipelineThread: false);
            }
        }

        public void Dispose()
        {
            if (!_run.IsFinished)
            {
                ReportStop(pipelineThread: false);
            }

            _run.Dispose();
        }

        // mayKeepThread is false for WriteReady: the pipeline that calls it (Sync's first run)
        // is working on the thread itself and must get it back at once.
        private void Pump(Func<bool> done, bool mayKeepThread)
        {
            _pumping = true;
            var outerDone = _done;
            _done = done;
            PipelinePumps.Enter(this);
            var around = PipelinePumps.Around(this);
            try
            {
                while (true)
                {
                    _cmdlet.WriteEngineMessages();
                    while (_run.TakeNext() is BulkStep<TRow> step)
                    {
                        if (step.NeedsApproval)
                        {
                            Ask(step.Row);
                        }
                        else
                        {
                            _write(step.Row);
                        }
                    }

                    Follower?.WriteReady();

                    var finished = IsPumpDone;
                    WriteProgress(finished && _run.IsFinished);
                    if (finished)
                    {
                        if (_unanswered != null)
                        {
                            _cmdlet.ThrowTerminatingError(_unanswered);
                        }

                        if (!mayKeepThread || !KeepThreadFor(around))
                        {
                            return;
                        }
                    }

                    if (_cmdlet.IsStopRequested)
                    {
                        throw new PipelineStoppedException();
                    }

                    _cmdlet.WaitForEngine(250);
                }
            }
            catch (Exception)
            {
                ReportStop(pipelineThread: true);
                throw;
            }
            finally
            {
                foreach (var pump in around)
                {
                    pump.AlsoWake(null);
                }

                PipelinePumps.Leave(this);
                _done = outerDone;
                _pumping = false;
            }
        }

        // This pump runs inside a write of the pumps around it (our commands before this one),
        // and returning hands the thread back to them. When none of them has a row to write,
        // they would only wait for their runs or read more input, and this run's results, due
        // within a request's time, would stay unwritten until one of them writes again (at the
        // end of its next look-up). So this pump keeps the thread while its own requests are
        // in flight: it writes its rows as they come, and returns as soon as a pump around it
        // has a row to write or this run only waits for more rows. Input read by a pump around
        // it waits meanwhile; its window still holds the rows it already read.
        private bool KeepThreadFor(IReadOnlyList<IBulkPipeline> around)
        {
            if (around.Count == 0 || !_run.IsWorking)
            {
                return false;
            }

            // Listen before looking, so that news arriving in between still wakes this pump.
            foreach (var pump in around)
            {
                pump.AlsoWake(_cmdlet.WakeFromEngine);
            }

            foreach (var pump in around)
            {
                if (pump.HasStepReady)
                {
                    return false;
                }
            }

            return true;
        }

        // A host that cannot prompt (a runbook, a job, -NonInteractive) throws from ShouldProcess.
        // Nobody said yes, so nothing is sent for this row or any later one; that is a stop, and
        // like any stop it loses nothing: the updates already approved still go out and every
        // earlier row is written before the terminating error names this row and what to do.
        private void Ask(TRow row)
        {
            try
            {
                _run.Approve(row, _cmdlet.ShouldProcess(row.UpdateTarget, row.UpdateAction));
            }
            catch (Exception error) when (!(error is PipelineStoppedException))
            {
                _run.StopOffering();
                var command = _cmdlet.MyInvocation.MyCommand.Name;
                _unanswered = CloudBlueMcaCmdlet.ToErrorRecord(new CloudBlueMcaException(
                    ErrorIds.ConfirmationPromptFailed,
                    ErrorKind.InvalidOperation,
                    $"{command} could not ask whether to '{row.UpdateAction}' on {row.UpdateTarget}: {error.Message} " +
                    "Nothing was sent for this row or any later row; every earlier row is in the output or the error stream. " +
                    "Where nobody can answer a prompt (a runbook, a job, pwsh -NonInteractive), check the input with -WhatIf, then run it without -Confirm.",
                    row.Name,
                    error));
            }
        }

        private void WriteProgress(bool last)
        {
            var now = DateTime.UtcNow;
            if (!last && now < _nextProgress)
            {
                return;
            }

            _nextProgress = now + ProgressInterval;
            var written = _run.Written;
            var total = _run.Total;
            var status = total is int all ? $"{written} of {all} rows done" : $"{written} rows done";
            _cmdlet.WriteEngineProgress(new EngineProgress(_activity, status, written, total));
        }

        private void ReportStop(bool pipelineThread)
        {
            var unwritten = _run.Stop(StopWait);
            if (unwritten.Count == 0)
            {
                return;
            }

            Warn($"{_cmdlet.MyInvocation.MyCommand.Name} stopped. {unwritten.Count} update(s) it sent have no result in the output:", pipelineThread);
            foreach (var line in unwritten)
            {
                Warn(line, pipelineThread);
            }
        }

        private void Warn(string text, bool pipelineThread)
        {
            if (pipelineThread)
            {
                try
                {
                    _cmdlet.WriteWarning(text);
                    return;
                }
                catch (PipelineStoppedException)
                {
                }
                catch (ActionPreferenceStopException)
                {
                }
            }

            try
            {
                _cmdlet.Host?.UI?.WriteWarningLine(text);
            }
            catch (Exception)
            {
                // The host is gone (its runspace closed): nothing is left to tell.
            }
        }
    }
}
