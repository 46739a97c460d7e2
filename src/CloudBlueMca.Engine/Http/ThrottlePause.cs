using System;
using System.Threading;
using System.Threading.Tasks;

namespace CloudBlueMca.Engine.Http
{
    /// <summary>
    /// A moment before which no request of one pipeline is sent: set when the server answers 429
    /// with Retry-After, honoured by every request, so concurrent workers wait together.
    /// </summary>
    internal sealed class ThrottlePause
    {
        private long _untilUtcTicks;

        /// <summary>Pauses every request for at least <paramref name="wait"/> from now (a later pause already set stays).</summary>
        public void PauseFor(TimeSpan wait)
        {
            var until = DateTime.UtcNow.Add(wait).Ticks;
            long current;
            do
            {
                current = Interlocked.Read(ref _untilUtcTicks);
                if (current >= until)
                {
                    return;
                }
            }
            while (Interlocked.CompareExchange(ref _untilUtcTicks, until, current) != current);
        }

        public async Task WaitAsync(OperationContext context)
        {
            var remaining = new DateTime(Interlocked.Read(ref _untilUtcTicks), DateTimeKind.Utc) - DateTime.UtcNow;
            if (remaining > TimeSpan.Zero)
            {
                context.Log.Verbose($"The server asked to wait (429 Retry-After): pausing {remaining.TotalMilliseconds:0} ms before the next request.");
                await Task.Delay(remaining, context.Cancellation).ConfigureAwait(false);
            }
        }
    }
}
