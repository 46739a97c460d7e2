using System;
using System.Diagnostics;
using System.IO;
using System.Net;
using System.Net.Http;
using System.Net.Sockets;
using System.Security.Authentication;
using System.Threading;
using System.Threading.Tasks;

namespace CloudBlueMca.Engine.Http
{
    /// <summary>
    /// Sends the HTTP requests of one connection: one HttpClient, a timeout per attempt, retries
    /// with exponential backoff and jitter for idempotent requests on 429/502/503/504 and transient
    /// socket errors (honouring Retry-After), bounded in attempts and in total time, and one verbose
    /// line per attempt. It knows nothing about the services behind it.
    /// </summary>
    internal sealed class HttpPipeline : IDisposable
    {
        private const int MaxAttemptsWhenRefused = 2;

        private readonly HttpClient _client;
        private readonly HttpPipelineOptions _options;
        private readonly Func<double> _jitter;
        private readonly Random _random = new Random();
        private int _disposed;

        public HttpPipeline(HttpPipelineOptions? options = null)
        {
            _options = options ?? new HttpPipelineOptions();
            _options.Validate();
            TransportSecurity.EnableModernTlsOnNetFramework();
            var handler = _options.Handler ?? CreateHandler(_options);
            _client = new HttpClient(handler, disposeHandler: _options.Handler is null) { Timeout = Timeout.InfiniteTimeSpan };
            _jitter = _options.Jitter ?? NextRandom;
        }

        /// <summary>
        /// Sends a request built by <paramref name="createRequest"/>, which is called again for each
        /// attempt so per-request state (OAuth nonce and signature, content) is fresh. Returns the
        /// final response with its body buffered, whatever its status; throws
        /// <see cref="CloudBlueMcaException"/> (EndpointUnreachable, RequestTimedOut) when no response
        /// arrived, and <see cref="OperationCanceledException"/> when the caller cancelled.
        /// <paramref name="timeout"/> replaces the options' per-attempt timeout for this request
        /// (the connect probe's shorter default).
        /// </summary>
        public async Task<HttpResponseMessage> SendAsync(Func<HttpRequestMessage> createRequest, OperationContext ctx, TimeSpan? timeout = null)
        {
            var total = Stopwatch.StartNew();
            for (var attempt = 1; ; attempt++)
            {
                ctx.Cancellation.ThrowIfCancellationRequested();
                ThrowIfClosed();
                using var request = createRequest();
                var requestUri = request.RequestUri ?? throw new ArgumentException("The request has no URI.", nameof(createRequest));
                EndpointPolicy.EnsureSecure(requestUri);
                var description = request.Method.Method + " " + UrlRedactor.Redact(requestUri);
                var retryable = IsIdempotent(request.Method) && attempt < _options.MaxAttempts;

                var watch = Stopwatch.StartNew();
                HttpResponseMessage response;
                try
                {
                    response = await SendOnceAsync(request, description, Remaining(total, timeout ?? _options.RequestTimeout), ctx.Cancellation).ConfigureAwait(false);
                }
                catch (CloudBlueMcaException ex)
                {
                    ctx.Log.Verbose($"{description} -> {ex.ErrorId} ({watch.ElapsedMilliseconds} ms, attempt {attempt})");
                    throw;
                }
                catch (Exception ex) when (IsNetworkFailure(ex))
                {
                    ctx.Log.Verbose($"{description} -> failed: {ex.GetBaseException().Message} ({watch.ElapsedMilliseconds} ms, attempt {attempt})");
                    var wait = Backoff(attempt);
                    if (!retryable || IsPermanent(ex) || (IsRefused(ex) && attempt >= MaxAttemptsWhenRefused) || !FitsInTotalTime(total, wait))
                    {
                        throw Unreachable(description, requestUri, attempt, ex);
                    }

                    await WaitBeforeRetryAsync(description, wait, ctx).ConfigureAwait(false);
                    continue;
                }

                ctx.Log.Verbose($"{description} -> {(int)response.StatusCode} ({watch.ElapsedMilliseconds} ms, attempt {attempt})");
                if (!retryable || !IsRetryableStatus(response.StatusCode))
                {
                    return response;
                }

                var delay = RetryDelay.FromRetryAfter(response.Headers.RetryAfter, DateTimeOffset.UtcNow, _options.MaxRetryDelay) ?? Backoff(attempt);
                if (!FitsInTotalTime(total, delay))
                {
                    return response;
                }

                response.Dispose();
                await WaitBeforeRetryAsync(description, delay, ctx).ConfigureAwait(false);
            }
        }

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                _client.Dispose();
            }
        }

        internal static HttpClientHandler CreateHandler(HttpPipelineOptions options)
        {
            var handler = new HttpClientHandler
            {
                AutomaticDecompression = DecompressionMethods.GZip | DecompressionMethods.Deflate,
                MaxConnectionsPerServer = options.MaxConnectionsPerServer,
            };
            if (options.SkipCertificateCheck)
            {
                handler.ServerCertificateCustomValidationCallback = (_, _, _, _) => true;
            }

            return handler;
        }

        private static bool IsIdempotent(HttpMethod method) =>
            method == HttpMethod.Get || method == HttpMethod.Put || method == HttpMethod.Head;

        private static bool IsRetryableStatus(HttpStatusCode status) =>
            (int)status == 429 || status == HttpStatusCode.BadGateway || status == HttpStatusCode.ServiceUnavailable || status == HttpStatusCode.GatewayTimeout;

        private static bool IsNetworkFailure(Exception ex) =>
            ex is HttpRequestException || ex is IOException || ex is SocketException;

        /// <summary>
        /// Socket-level failures that will not get better by retrying: a host name that does not
        /// resolve, a TLS handshake that fails.
        /// </summary>
        private static bool IsPermanent(Exception ex)
        {
            for (var inner = ex; inner != null; inner = inner.InnerException)
            {
                if (inner is AuthenticationException || (inner is SocketException socket && socket.SocketErrorCode == SocketError.HostNotFound))
                {
                    return true;
                }
            }

            return false;
        }

        /// <summary>
        /// Nothing listens at the address, or a firewall rejects it: one retry covers a server
        /// that is restarting; more only make the user wait for the same answer.
        /// </summary>
        private static bool IsRefused(Exception ex)
        {
            for (var inner = ex; inner != null; inner = inner.InnerException)
            {
                if (inner is SocketException socket && socket.SocketErrorCode == SocketError.ConnectionRefused)
                {
                    return true;
                }
            }

            return false;
        }

        private static CloudBlueMcaException Unreachable(string description, Uri requestUri, int attempts, Exception ex)
        {
            var authority = requestUri.GetLeftPart(UriPartial.Authority);
            var hint = ex.GetBaseException() is AuthenticationException
                ? "The TLS handshake failed: check the server certificate, or skip the certificate check for a lab endpoint with a self-signed certificate."
                : $"Check the address, name resolution, proxy and firewall, and that {authority} accepts connections.";
            return new CloudBlueMcaException(
                ErrorIds.EndpointUnreachable,
                ErrorKind.ConnectionError,
                Sentences.Join($"{description} failed after {attempts} attempt(s): {ex.GetBaseException().Message}", hint),
                authority,
                ex);
        }

        private async Task<HttpResponseMessage> SendOnceAsync(HttpRequestMessage request, string description, TimeSpan timeout, CancellationToken callerToken)
        {
            using var timeoutSource = new CancellationTokenSource(timeout);
            using var linked = CancellationTokenSource.CreateLinkedTokenSource(callerToken, timeoutSource.Token);
            try
            {
                return await _client.SendAsync(request, HttpCompletionOption.ResponseContentRead, linked.Token).ConfigureAwait(false);
            }
            catch (Exception ex) when (callerToken.IsCancellationRequested)
            {
                throw new OperationCanceledException("The operation was cancelled.", ex, callerToken);
            }
            catch (Exception ex) when (timeoutSource.IsCancellationRequested && (ex is OperationCanceledException || IsNetworkFailure(ex)))
            {
                throw new CloudBlueMcaException(
                    ErrorIds.RequestTimedOut,
                    ErrorKind.OperationTimeout,
                    $"{description} got no complete answer within {timeout.TotalSeconds:0.#} seconds. The server may be overloaded: try again later, or give it more time with -TimeoutSec of Connect-CloudBlue or Connect-PcService.",
                    request.RequestUri?.GetLeftPart(UriPartial.Authority),
                    ex);
            }
        }

        private async Task WaitBeforeRetryAsync(string description, TimeSpan delay, OperationContext ctx)
        {
            ctx.Log.Verbose($"{description}: retrying in {delay.TotalMilliseconds:0} ms");
            await Task.Delay(delay, ctx.Cancellation).ConfigureAwait(false);
        }

        private TimeSpan Backoff(int failedAttempts) =>
            RetryDelay.Backoff(failedAttempts, _options.BaseRetryDelay, _options.MaxRetryDelay, _jitter());

        private TimeSpan Remaining(Stopwatch total, TimeSpan attemptTimeout)
        {
            var remaining = _options.MaxTotalTime - total.Elapsed;
            var floor = TimeSpan.FromMilliseconds(1);
            var bounded = remaining < attemptTimeout ? remaining : attemptTimeout;
            return bounded < floor ? floor : bounded;
        }

        private bool FitsInTotalTime(Stopwatch total, TimeSpan wait) => total.Elapsed + wait < _options.MaxTotalTime;

        private void ThrowIfClosed()
        {
            if (Volatile.Read(ref _disposed) != 0)
            {
                throw new CloudBlueMcaException(
                    ErrorIds.NotConnected,
                    ErrorKind.InvalidOperation,
                    "This connection has been closed by a Disconnect command. Connect again and repeat the command.");
            }
        }

        private double NextRandom()
        {
            lock (_random)
            {
                return _random.NextDouble();
            }
        }
    }
}
