using System;
using System.Net.Http;

namespace CloudBlueMca.Engine.Http
{
    /// <summary>How one <see cref="HttpPipeline"/> sends, times out and retries.</summary>
    internal sealed record HttpPipelineOptions
    {
        /// <summary>Attempts per request, the first one included. At least 1.</summary>
        public int MaxAttempts { get; init; } = 4;

        /// <summary>Limit for one attempt, body included.</summary>
        public TimeSpan RequestTimeout { get; init; } = TimeSpan.FromSeconds(100);

        /// <summary>Upper bound of one wait between attempts, including a server's Retry-After.</summary>
        public TimeSpan MaxRetryDelay { get; init; } = TimeSpan.FromSeconds(30);

        /// <summary>First backoff step; it doubles per attempt (with jitter) up to <see cref="MaxRetryDelay"/>.</summary>
        public TimeSpan BaseRetryDelay { get; init; } = TimeSpan.FromSeconds(1);

        /// <summary>All attempts and waits of one request together stay below this.</summary>
        public TimeSpan MaxTotalTime { get; init; } = TimeSpan.FromMinutes(3);

        /// <summary>
        /// Concurrent connections to one server. .NET Framework's default for a console host such
        /// as Windows PowerShell is 2, which would silently cap a bulk run's -ThrottleLimit at 2;
        /// this must be at least the largest throttle limit a cmdlet accepts.
        /// </summary>
        public int MaxConnectionsPerServer { get; init; } = 64;

        /// <summary>Accept any server certificate (self-signed lab endpoints). Never the default.</summary>
        public bool SkipCertificateCheck { get; init; }

        /// <summary>Replaces the network handler (tests). The pipeline does not dispose it.</summary>
        public HttpMessageHandler? Handler { get; init; }

        /// <summary>Source of jitter; injectable so tests can pin the backoff.</summary>
        public Func<double>? Jitter { get; init; }

        internal void Validate()
        {
            if (MaxAttempts < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(MaxAttempts), MaxAttempts, "At least one attempt is needed.");
            }

            if (RequestTimeout <= TimeSpan.Zero || MaxTotalTime <= TimeSpan.Zero)
            {
                throw new ArgumentOutOfRangeException(nameof(RequestTimeout), "Timeouts must be positive.");
            }
        }
    }
}
