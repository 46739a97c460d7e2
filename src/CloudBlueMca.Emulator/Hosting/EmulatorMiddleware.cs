using System.Text;
using System.Text.Json;

namespace CloudBlueMca.Emulator.Hosting;

/// <summary>
/// Runs in front of every route: applies base latency and injected faults, and records the
/// request and the status it got in the <see cref="RequestLog"/>.
/// </summary>
internal sealed class EmulatorMiddleware
{
    private readonly RequestDelegate _next;
    private readonly RequestLog _log;
    private readonly FaultInjector _faults;

    public EmulatorMiddleware(RequestDelegate next, RequestLog log, FaultInjector faults)
    {
        _next = next;
        _log = log;
        _faults = faults;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        if (EmulatorControlEndpoints.IsControlPath(context.Request.Path))
        {
            await _next(context);
            return;
        }

        _log.RequestStarted();
        try
        {
            await ServeAsync(context);
        }
        finally
        {
            _log.RequestFinished();
        }
    }

    private async Task ServeAsync(HttpContext context)
    {
        var request = context.Request;
        request.EnableBuffering();
        string body;
        using (var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true))
        {
            body = await reader.ReadToEndAsync(context.RequestAborted);
        }

        request.Body.Position = 0;
        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var path = request.Path.Value ?? "/";
        var rawQuery = request.QueryString.Value ?? string.Empty;
        string? fault = null;

        // The entry is added before the client can see an answer: as the response starts (its
        // status is final then), before a dropped connection is aborted, or at the end when
        // neither happened. Logged afterwards, a fast client could read the log before its own
        // request is in it.
        var logged = 0;
        void Record()
        {
            if (Interlocked.Exchange(ref logged, 1) == 0)
            {
                _log.Add(new LoggedRequest(DateTimeOffset.UtcNow, request.Method, path, rawQuery, headers, body, context.Response.StatusCode, fault));
            }
        }

        context.Response.OnStarting(() =>
        {
            Record();
            return Task.CompletedTask;
        });

        try
        {
            if (_faults.BaseLatency > TimeSpan.Zero)
            {
                await Task.Delay(_faults.BaseLatency, context.RequestAborted);
            }

            var rule = _faults.Next(request.Method, path, rawQuery);
            switch (rule?.Kind)
            {
                case FaultKind.Latency:
                    fault = $"latency {rule.Latency.TotalMilliseconds:0}ms";
                    await Task.Delay(rule.Latency, context.RequestAborted);
                    await _next(context);
                    break;
                case FaultKind.Status:
                    fault = $"status {rule.StatusCode}";
                    await WriteFaultStatusAsync(context, rule);
                    break;
                case FaultKind.DropConnection:
                    fault = "dropped";
                    Record();
                    context.Abort();
                    break;
                default:
                    await _next(context);
                    break;
            }
        }
        finally
        {
            Record();
        }
    }

    private static async Task WriteFaultStatusAsync(HttpContext context, FaultRule rule)
    {
        var response = context.Response;
        response.StatusCode = rule.StatusCode;
        if (rule.RetryAfterSeconds is int seconds)
        {
            response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }

        response.ContentType = "application/json";
        var isAps = context.Request.Path.StartsWithSegments("/aps");
        object payload = isAps
            ? new { error = "APS::Util::InjectedFault", message = $"Injected fault: HTTP {rule.StatusCode}." }
            : new { statusCode = rule.StatusCode, message = rule.StatusCode == 429 ? $"Rate limit is exceeded. Try again in {rule.RetryAfterSeconds ?? 1} seconds." : $"Injected fault: HTTP {rule.StatusCode}." };
        await response.WriteAsync(JsonSerializer.Serialize(payload), context.RequestAborted);
    }
}
