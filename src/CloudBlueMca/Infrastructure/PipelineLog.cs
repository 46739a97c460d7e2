using System.Collections.Concurrent;
using System.Threading;
using CloudBlueMca.Engine;

namespace CloudBlueMca.Infrastructure
{
    /// <summary>
    /// Collects what the engine reports from worker threads so the cmdlet can write it on the
    /// pipeline thread, the only thread PowerShell lets write to its streams.
    /// </summary>
    internal sealed class PipelineLog : IEngineLog
    {
        private readonly ConcurrentQueue<object> _messages = new ConcurrentQueue<object>();
        private readonly SemaphoreSlim _signal = new SemaphoreSlim(0);

        public void Verbose(string message) => Enqueue(new VerboseMessage(message));

        public void Warning(string message) => Enqueue(new WarningMessage(message));

        public void Progress(EngineProgress progress) => Enqueue(progress);

        /// <summary>Blocks until a message arrives or the timeout passes.</summary>
        public void WaitForMessage(int millisecondsTimeout) => _signal.Wait(millisecondsTimeout);

        /// <summary>Wakes a thread blocked in <see cref="WaitForMessage"/> without a message.</summary>
        public void Wake() => _signal.Release();

        public bool TryDequeue(out object message) => _messages.TryDequeue(out message);

        private void Enqueue(object message)
        {
            _messages.Enqueue(message);
            _signal.Release();
        }

        internal sealed class VerboseMessage
        {
            public VerboseMessage(string text) => Text = text;

            public string Text { get; }
        }

        internal sealed class WarningMessage
        {
            public WarningMessage(string text) => Text = text;

            public string Text { get; }
        }
    }
}
