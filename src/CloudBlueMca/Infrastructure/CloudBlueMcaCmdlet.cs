using System;
using System.Collections.Generic;
using System.Management.Automation;
using System.Threading;
using System.Threading.Tasks;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Bulk;

namespace CloudBlueMca.Infrastructure
{
    /// <summary>
    /// Base of every cmdlet in the module. It owns one <see cref="OperationContext"/> per
    /// invocation (log, cancellation, correlation id), runs engine work off the pipeline thread
    /// while forwarding the engine's verbose, warning and progress messages onto it, cancels
    /// in-flight work on Ctrl+C, and turns engine errors into error records with stable ids.
    /// </summary>
    public abstract class CloudBlueMcaCmdlet : PSCmdlet, IDisposable
    {
        private readonly CancellationTokenSource _stopping = new CancellationTokenSource();
        private readonly PipelineLog _log = new PipelineLog();
        private readonly Dictionary<string, int> _progressIds = new Dictionary<string, int>(StringComparer.Ordinal);
        private OperationContext? _operation;
        private readonly List<IBulkPipeline> _bulks = new List<IBulkPipeline>();

        /// <summary>The context handed to every engine call of this invocation.</summary>
        protected internal OperationContext Operation => _operation ??= new OperationContext(_log, _stopping.Token);

        /// <summary>
        /// Runs engine work to completion while writing its messages on the pipeline thread.
        /// The engine's own exception is rethrown unchanged; a cancelled run becomes
        /// <see cref="PipelineStoppedException"/>.
        /// </summary>
        protected T Run<T>(Func<OperationContext, Task<T>> work)
        {
            var operation = Operation;
            var task = Task.Run(() => work(operation));
            task.ContinueWith(_ => _log.Wake(), TaskScheduler.Default);
            while (!task.IsCompleted)
            {
                _log.WaitForMessage(250);
                WritePendingMessages();
            }

            WritePendingMessages();
            try
            {
                return task.GetAwaiter().GetResult();
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                throw new PipelineStoppedException();
            }
        }

        protected void Run(Func<OperationContext, Task> work) =>
            Run<bool>(async operation =>
            {
                await work(operation).ConfigureAwait(false);
                return true;
            });

        /// <summary>
        /// Sealed so that no cmdlet can skip the Windows PowerShell assembly check, which must run
        /// before the first engine call; cmdlets put their own start-up work in <see cref="OnBeginProcessing"/>.
        /// </summary>
        protected sealed override void BeginProcessing()
        {
            var conflicts = AssemblyConflicts.InThisSession();
            if (conflicts.Count > 0)
            {
                ThrowTerminatingError(AssemblyConflicts.ToErrorRecord(conflicts));
            }

            OnBeginProcessing();
        }

        /// <summary>The cmdlet's own BeginProcessing work, after the assembly check.</summary>
        protected virtual void OnBeginProcessing()
        {
        }

        /// <summary>True once Ctrl+C, Stop-Job or a host asked this invocation to stop.</summary>
        internal bool IsStopRequested => _stopping.IsCancellationRequested;

        /// <summary>
        /// Starts a bulk run of this invocation (in BeginProcessing): rows added with
        /// <see cref="BulkPipeline{TRow}.Add"/> stream through <paramref name="workflow"/> and are
        /// written by <paramref name="write"/> in input order; a stop is reported for it. A cmdlet
        /// whose rows come from another run's results (Sync-McaAcceptance) starts two, and the
        /// first one's <paramref name="write"/> adds to the second.
        /// </summary>
        private protected BulkPipeline<TRow> StartBulk<TRow>(IBulkWorkflow<TRow> workflow, int throttleLimit, string activity, Action<TRow>? write = null)
            where TRow : BulkRow
        {
            var bulk = new BulkPipeline<TRow>(this, workflow, throttleLimit, activity, write ?? WriteRow);
            _bulks.Add(bulk);
            return bulk;
        }

        /// <summary>Writes a settled row the usual way: its error, or its output objects.</summary>
        internal void WriteRow(BulkRow row)
        {
            if (row.Error != null)
            {
                WriteEngineError(row.Error);
                return;
            }

            foreach (var output in row.Output)
            {
                WriteObject(output);
            }
        }

        /// <summary>Waits until the engine has a message or news of a bulk run, or the timeout passes.</summary>
        internal void WaitForEngine(int millisecondsTimeout) => _log.WaitForMessage(millisecondsTimeout);

        /// <summary>Wakes the pipeline thread from <see cref="WaitForEngine"/>; safe from any thread.</summary>
        internal void WakeFromEngine() => _log.Wake();

        internal void WriteEngineMessages() => WritePendingMessages();

        internal void WriteEngineProgress(EngineProgress progress) => WriteProgress(ToProgressRecord(progress));

        /// <summary>A non-terminating error for one input item; the pipeline goes on.</summary>
        protected void WriteEngineError(CloudBlueMcaException exception) => WriteError(ToErrorRecord(exception));

        /// <summary>A terminating error: a precondition failed and nothing further can run.</summary>
        protected void ThrowEngineError(CloudBlueMcaException exception) => ThrowTerminatingError(ToErrorRecord(exception));

        protected void ThrowEngineError(string errorId, ErrorKind kind, string message, object? target = null) =>
            ThrowEngineError(new CloudBlueMcaException(errorId, kind, message, target));

        internal static ErrorRecord ToErrorRecord(CloudBlueMcaException exception) =>
            new ErrorRecord(exception, exception.ErrorId, ToCategory(exception.Kind), exception.Target);

        internal static ErrorCategory ToCategory(ErrorKind kind) =>
            Enum.TryParse(kind.ToString(), out ErrorCategory category) ? category : ErrorCategory.NotSpecified;

        protected override void StopProcessing()
        {
            _stopping.Cancel();
            _log.Wake();
            foreach (var bulk in _bulks)
            {
                bulk.OnStopRequested();
            }
        }

        public void Dispose()
        {
            foreach (var bulk in _bulks)
            {
                bulk.Dispose();
            }

            _stopping.Dispose();
            GC.SuppressFinalize(this);
        }

        private void WritePendingMessages()
        {
            while (_log.TryDequeue(out var message))
            {
                switch (message)
                {
                    case PipelineLog.VerboseMessage verbose:
                        WriteVerbose(verbose.Text);
                        break;
                    case PipelineLog.WarningMessage warning:
                        WriteWarning(warning.Text);
                        break;
                    case EngineProgress progress:
                        WriteProgress(ToProgressRecord(progress));
                        break;
                }
            }
        }

        private ProgressRecord ToProgressRecord(EngineProgress progress)
        {
            if (!_progressIds.TryGetValue(progress.Activity, out var id))
            {
                id = _progressIds.Count + 1;
                _progressIds.Add(progress.Activity, id);
            }

            var record = new ProgressRecord(id, progress.Activity, progress.Status);
            if (progress.Total is int total && total > 0)
            {
                record.PercentComplete = Math.Min(100, (int)(100L * progress.Completed / total));
                if (progress.Completed >= total)
                {
                    record.RecordType = ProgressRecordType.Completed;
                }
            }

            return record;
        }
    }
}
