using System;
using System.Net.Http.Headers;

namespace CloudBlueMca.Engine.Http
{
    /// <summary>How long to wait before the next attempt.</summary>
    internal static class RetryDelay
    {
        /// <summary>
        /// Exponential backoff with "equal jitter": half of the step is fixed, half random, so
        /// parallel clients that failed together do not come back together.
        /// </summary>
        public static TimeSpan Backoff(int failedAttempts, TimeSpan baseDelay, TimeSpan maxDelay, double jitter01)
        {
            var exponent = Math.Min(failedAttempts - 1, 16);
            var step = Math.Min(baseDelay.TotalMilliseconds * Math.Pow(2, exponent), maxDelay.TotalMilliseconds);
            return TimeSpan.FromMilliseconds((step / 2) + (step / 2 * jitter01));
        }

        /// <summary>
        /// The wait a server asked for with Retry-After (delta seconds or an HTTP date), capped by
        /// <paramref name="maxDelay"/>; null when the header is absent. A date in the past means "now".
        /// </summary>
        public static TimeSpan? FromRetryAfter(RetryConditionHeaderValue? retryAfter, DateTimeOffset now, TimeSpan maxDelay)
        {
            TimeSpan? requested = retryAfter?.Delta ?? (retryAfter?.Date - now);
            if (requested is null)
            {
                return null;
            }

            var wait = requested.Value < TimeSpan.Zero ? TimeSpan.Zero : requested.Value;
            return wait > maxDelay ? maxDelay : wait;
        }
    }
}
