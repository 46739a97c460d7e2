using System.Collections.Concurrent;
using System.Net;

namespace CloudBlueMca.Tests.Support;

/// <summary>
/// An HttpMessageHandler that answers from a script, one step per request (the last step repeats),
/// and records what was sent, so pipeline behaviour can be tested without a network.
/// </summary>
public sealed class ScriptedHandler : HttpMessageHandler
{
    private readonly Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] _steps;
    private readonly ConcurrentQueue<SentRequest> _sent = new();
    private int _next;

    public ScriptedHandler(params Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>>[] steps)
    {
        _steps = steps;
    }

    public IReadOnlyList<SentRequest> Sent => _sent.ToArray();

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Status(HttpStatusCode status, string body = "", Action<HttpResponseMessage>? configure = null) =>
        (_, _) =>
        {
            var response = new HttpResponseMessage(status) { Content = new StringContent(body) };
            configure?.Invoke(response);
            return Task.FromResult(response);
        };

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Throw(Exception exception) =>
        (_, _) => Task.FromException<HttpResponseMessage>(exception);

    public static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Hang() =>
        async (_, token) =>
        {
            await Task.Delay(Timeout.Infinite, token);
            throw new InvalidOperationException("unreachable");
        };

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        _sent.Enqueue(new SentRequest(request.Method.Method, request.RequestUri!, request.Headers.ToDictionary(h => h.Key, h => string.Join(",", h.Value)), body));
        var index = Math.Min(Interlocked.Increment(ref _next) - 1, _steps.Length - 1);
        return await _steps[index](request, cancellationToken);
    }

    public sealed record SentRequest(string Method, Uri Uri, IReadOnlyDictionary<string, string> Headers, string? Body);
}
