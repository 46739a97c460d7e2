using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Http;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Engine.Http;

public class HttpPipelineTests
{
    private static readonly Uri Target = new("https://cb.example.com/aps/2/resources/?implementing(x)");

    private static HttpPipeline Pipeline(ScriptedHandler handler, int maxAttempts = 4, TimeSpan? requestTimeout = null, TimeSpan? maxTotal = null, TimeSpan? baseDelay = null, TimeSpan? maxDelay = null) =>
        new(new HttpPipelineOptions
        {
            Handler = handler,
            MaxAttempts = maxAttempts,
            RequestTimeout = requestTimeout ?? TimeSpan.FromSeconds(10),
            MaxTotalTime = maxTotal ?? TimeSpan.FromSeconds(30),
            BaseRetryDelay = baseDelay ?? TimeSpan.FromMilliseconds(1),
            MaxRetryDelay = maxDelay ?? TimeSpan.FromSeconds(5),
            Jitter = () => 0.5,
        });

    private static Func<HttpRequestMessage> Request(HttpMethod method, Uri? uri = null) => () => new HttpRequestMessage(method, uri ?? Target);

    [Fact]
    public async Task ServiceUnavailableThenSuccessIsRetriedForGet()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.ServiceUnavailable), ScriptedHandler.Status(HttpStatusCode.OK, "[]"));
        var log = new RecordingLog();
        using var pipeline = Pipeline(handler);

        using var response = await pipeline.SendAsync(Request(HttpMethod.Get), log.Context());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, handler.Sent.Count);
        Assert.Contains(log.VerboseMessages, m => m.StartsWith("GET https://cb.example.com/aps/2/resources/?implementing(x) -> 503 (", StringComparison.Ordinal) && m.EndsWith("ms, attempt 1)", StringComparison.Ordinal));
        Assert.Contains(log.VerboseMessages, m => m.Contains("-> 200 (", StringComparison.Ordinal) && m.EndsWith("ms, attempt 2)", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(429)]
    [InlineData(502)]
    [InlineData(503)]
    [InlineData(504)]
    public async Task EachRetryableStatusIsRetriedForPut(int status)
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status((HttpStatusCode)status), ScriptedHandler.Status(HttpStatusCode.OK));
        using var pipeline = Pipeline(handler);

        using var response = await pipeline.SendAsync(Request(HttpMethod.Put), OperationContext.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(new[] { "PUT", "PUT" }, handler.Sent.Select(s => s.Method));
    }

    [Theory]
    [InlineData(400)]
    [InlineData(401)]
    [InlineData(404)]
    [InlineData(500)]
    public async Task OtherFailuresAreReturnedAtOnce(int status)
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status((HttpStatusCode)status), ScriptedHandler.Status(HttpStatusCode.OK));
        using var pipeline = Pipeline(handler);

        using var response = await pipeline.SendAsync(Request(HttpMethod.Get), OperationContext.None);

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Single(handler.Sent);
    }

    [Fact]
    public async Task RetryAfterSecondsIsHonoured()
    {
        var handler = new ScriptedHandler(
            ScriptedHandler.Status((HttpStatusCode)429, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(1))),
            ScriptedHandler.Status(HttpStatusCode.OK));
        using var pipeline = Pipeline(handler);
        var watch = Stopwatch.StartNew();

        using var response = await pipeline.SendAsync(Request(HttpMethod.Get), OperationContext.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.InRange(watch.Elapsed, TimeSpan.FromMilliseconds(950), TimeSpan.FromSeconds(5));
    }

    [Fact]
    public async Task RetryAfterIsCappedByMaxRetryDelay()
    {
        var handler = new ScriptedHandler(
            ScriptedHandler.Status((HttpStatusCode)429, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromHours(1))),
            ScriptedHandler.Status(HttpStatusCode.OK));
        using var pipeline = Pipeline(handler, maxDelay: TimeSpan.FromMilliseconds(50));
        var watch = Stopwatch.StartNew();

        using var response = await pipeline.SendAsync(Request(HttpMethod.Get), OperationContext.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task DroppedConnectionIsRetriedForGet()
    {
        var handler = new ScriptedHandler(
            ScriptedHandler.Throw(new HttpRequestException("An error occurred while sending the request.", new IOException("The response ended prematurely."))),
            ScriptedHandler.Status(HttpStatusCode.OK));
        using var pipeline = Pipeline(handler);

        using var response = await pipeline.SendAsync(Request(HttpMethod.Get), OperationContext.None);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(2, handler.Sent.Count);
    }

    [Fact]
    public async Task PostIsNeverRetried()
    {
        var failing = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.ServiceUnavailable), ScriptedHandler.Status(HttpStatusCode.OK));
        using (var pipeline = Pipeline(failing))
        {
            using var response = await pipeline.SendAsync(Request(HttpMethod.Post), OperationContext.None);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        }

        var dropping = new ScriptedHandler(ScriptedHandler.Throw(new HttpRequestException("reset", new IOException("reset"))), ScriptedHandler.Status(HttpStatusCode.OK));
        using (var pipeline = Pipeline(dropping))
        {
            var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => pipeline.SendAsync(Request(HttpMethod.Post), OperationContext.None));
            Assert.Equal(ErrorIds.EndpointUnreachable, error.ErrorId);
        }

        Assert.Single(failing.Sent);
        Assert.Single(dropping.Sent);
    }

    [Fact]
    public async Task AttemptsAreBounded()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.ServiceUnavailable));
        using var pipeline = Pipeline(handler, maxAttempts: 3);

        using var response = await pipeline.SendAsync(Request(HttpMethod.Get), OperationContext.None);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.Equal(3, handler.Sent.Count);
    }

    [Fact]
    public async Task PersistentSocketErrorsEndAsEndpointUnreachable()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Throw(new HttpRequestException("Connection reset", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionReset))));
        using var pipeline = Pipeline(handler, maxAttempts: 3);

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => pipeline.SendAsync(Request(HttpMethod.Get), OperationContext.None));

        Assert.Equal(ErrorIds.EndpointUnreachable, error.ErrorId);
        Assert.Equal(ErrorKind.ConnectionError, error.Kind);
        Assert.Contains("after 3 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, handler.Sent.Count);
    }

    [Fact]
    public async Task ARefusedConnectionIsRetriedOnceAndItsMessageIsSentences()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Throw(new HttpRequestException("Connection refused", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.ConnectionRefused))));
        using var pipeline = Pipeline(handler, maxAttempts: 4);

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => pipeline.SendAsync(Request(HttpMethod.Get), OperationContext.None));

        Assert.Equal(ErrorIds.EndpointUnreachable, error.ErrorId);
        Assert.Equal(2, handler.Sent.Count);
        Assert.Contains("after 2 attempt(s): Connection refused. Check the address", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("host")]
    [InlineData("tls")]
    public async Task APermanentNetworkFailureIsNotRetriedAndCountsTheAttemptsMade(string failure)
    {
        Exception permanent = failure == "host"
            ? new HttpRequestException("No such host", new System.Net.Sockets.SocketException((int)System.Net.Sockets.SocketError.HostNotFound))
            : new HttpRequestException("SSL failed", new System.Security.Authentication.AuthenticationException("handshake"));
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.ServiceUnavailable), ScriptedHandler.Throw(permanent));
        using var pipeline = Pipeline(handler, maxAttempts: 4);

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => pipeline.SendAsync(Request(HttpMethod.Get), OperationContext.None));

        Assert.Equal(ErrorIds.EndpointUnreachable, error.ErrorId);
        Assert.Contains("after 2 attempt(s)", error.Message, StringComparison.Ordinal);
        Assert.Equal(2, handler.Sent.Count);
    }

    [Fact]
    public async Task TotalTimeIsBounded()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.ServiceUnavailable));
        using var pipeline = Pipeline(handler, maxAttempts: 50, maxTotal: TimeSpan.FromMilliseconds(600), baseDelay: TimeSpan.FromMilliseconds(200), maxDelay: TimeSpan.FromMilliseconds(200));
        var watch = Stopwatch.StartNew();

        using var response = await pipeline.SendAsync(Request(HttpMethod.Get), OperationContext.None);

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.InRange(handler.Sent.Count, 2, 5);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task SlowAttemptBecomesRequestTimedOut()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Hang());
        var log = new RecordingLog();
        using var pipeline = Pipeline(handler, maxAttempts: 1, requestTimeout: TimeSpan.FromMilliseconds(150));

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => pipeline.SendAsync(Request(HttpMethod.Get), log.Context()));

        Assert.Equal(ErrorIds.RequestTimedOut, error.ErrorId);
        Assert.Equal(ErrorKind.OperationTimeout, error.Kind);
        Assert.StartsWith($"GET {Target.AbsoluteUri} -> RequestTimedOut (", Assert.Single(log.VerboseMessages), StringComparison.Ordinal);
    }

    [Fact]
    public async Task CallerCancellationDuringARequestIsPromptAndStaysACancellation()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Hang());
        using var pipeline = Pipeline(handler);
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.SendAsync(Request(HttpMethod.Get), new RecordingLog().Context(cancellation.Token)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
    }

    [Fact]
    public async Task CallerCancellationDuringABackoffWaitIsPrompt()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status((HttpStatusCode)429, configure: r => r.Headers.RetryAfter = new RetryConditionHeaderValue(TimeSpan.FromSeconds(30))));
        using var pipeline = Pipeline(handler, maxDelay: TimeSpan.FromSeconds(30), maxTotal: TimeSpan.FromMinutes(2));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));
        var watch = Stopwatch.StartNew();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => pipeline.SendAsync(Request(HttpMethod.Get), new RecordingLog().Context(cancellation.Token)));

        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(5), $"took {watch.Elapsed}");
        Assert.Single(handler.Sent);
    }

    [Fact]
    public async Task EveryAttemptGetsAFreshRequest()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.BadGateway), ScriptedHandler.Status(HttpStatusCode.OK));
        using var pipeline = Pipeline(handler);
        var built = 0;

        using var response = await pipeline.SendAsync(
            () =>
            {
                built++;
                var request = new HttpRequestMessage(HttpMethod.Get, Target);
                request.Headers.TryAddWithoutValidation("X-Attempt", built.ToString(System.Globalization.CultureInfo.InvariantCulture));
                return request;
            },
            OperationContext.None);

        Assert.Equal(2, built);
        Assert.Equal(new[] { "1", "2" }, handler.Sent.Select(s => s.Headers["X-Attempt"]));
    }

    [Fact]
    public async Task VerboseOutputNeverShowsHeadersOrSecretQueryValues()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.ServiceUnavailable), ScriptedHandler.Status(HttpStatusCode.OK));
        var log = new RecordingLog();
        using var pipeline = Pipeline(handler);
        var uri = new Uri("https://cb.example.com/aps/2/resources/x/op?accountId=1&access_token=tok-VALUE&client_secret=sec-VALUE&sig=1&Signature=sig-VALUE&api_KEY=key-VALUE&code=code-VALUE&Password=pw-VALUE");

        using var response = await pipeline.SendAsync(
            () =>
            {
                var request = new HttpRequestMessage(HttpMethod.Get, uri);
                request.Headers.TryAddWithoutValidation("Authorization", "OAuth oauth_consumer_key=\"demo-key\", oauth_signature=\"SIGNATURE-VALUE\"");
                return request;
            },
            log.Context());

        Assert.Equal(2, handler.Sent.Count);
        Assert.Equal(3, log.VerboseMessages.Count);
        foreach (var secret in new[] { "tok-VALUE", "sec-VALUE", "sig-VALUE", "key-VALUE", "code-VALUE", "pw-VALUE", "SIGNATURE-VALUE", "Authorization", "oauth_", "demo-key" })
        {
            Assert.DoesNotContain(secret, log.AllText, StringComparison.Ordinal);
        }

        Assert.Contains("accountId=1&access_token=REDACTED", log.AllText, StringComparison.Ordinal);
        Assert.Contains("&sig=1&", log.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainHttpToARemoteHostIsRefusedBeforeSending()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.OK));
        using var pipeline = Pipeline(handler);

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => pipeline.SendAsync(Request(HttpMethod.Get, new Uri("http://cb.example.com/aps")), OperationContext.None));

        Assert.Equal(ErrorIds.InsecureEndpoint, error.ErrorId);
        Assert.Empty(handler.Sent);
    }

    [Fact]
    public async Task AClosedPipelineSaysSoInsteadOfSending()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.OK));
        var pipeline = Pipeline(handler);
        pipeline.Dispose();

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => pipeline.SendAsync(Request(HttpMethod.Get), OperationContext.None));

        Assert.Equal(ErrorIds.NotConnected, error.ErrorId);
        Assert.Empty(handler.Sent);
    }
}
