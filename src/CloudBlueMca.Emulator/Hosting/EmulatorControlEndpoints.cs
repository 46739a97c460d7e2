using System.Text.Json.Nodes;
using System.Text.Json.Serialization;
using CloudBlueMca.Emulator.Aps;

namespace CloudBlueMca.Emulator.Hosting;

/// <summary>
/// The test-control routes under <c>/_emulator</c>: what the in-process xunit tests reach through
/// <see cref="EmulatorHost.Log"/>, <see cref="EmulatorHost.Faults"/> and <see cref="ApsStore.PutResource"/>, for a standalone emulator
/// that Pester drives from another process. The emulator listens on 127.0.0.1 only, and these
/// requests are neither logged nor faulted, so asking about the log does not change it.
/// </summary>
internal static class EmulatorControlEndpoints
{
    public const string Prefix = "/_emulator";

    public static bool IsControlPath(PathString path) => path.StartsWithSegments(Prefix, StringComparison.OrdinalIgnoreCase);

    public static void MapEmulatorControl(this WebApplication app, RequestLog log, FaultInjector faults, ApsStore aps)
    {
        var control = app.MapGroup(Prefix);
        control.MapGet("/requests", () => Results.Json(log.Entries.Select(ToJson)));
        control.MapDelete("/requests", () =>
        {
            log.Clear();
            return Results.NoContent();
        });
        control.MapGet("/statistics", () => Results.Json(new StatisticsJson(log.Count, log.PeakInFlight)));
        control.MapPost("/faults", (FaultJson fault) => AddFault(faults, fault));
        control.MapDelete("/faults", () =>
        {
            faults.Clear();
            return Results.NoContent();
        });
        control.MapPut("/latency", (LatencyJson latency) =>
        {
            if (latency.Milliseconds < 0)
            {
                return Results.BadRequest(new { message = "milliseconds must be 0 or more." });
            }

            faults.BaseLatency = TimeSpan.FromMilliseconds(latency.Milliseconds);
            return Results.NoContent();
        });

        // Changes the data behind the APS API without OAuth and without a log entry, to set up
        // states the seeds lack (for example two Microsoft accounts with one initial subdomain).
        control.MapPatch("/aps/resources/{id}", (string id, JsonObject patch) =>
            aps.PutResource(id, patch) is JsonObject updated ? Results.Json(updated) : Results.NotFound(new { message = $"No resource has the APS id '{id}'." }));
    }

    private static IResult AddFault(FaultInjector faults, FaultJson fault)
    {
        if (!Enum.TryParse<FaultKind>(fault.Kind, ignoreCase: true, out var kind))
        {
            return Results.BadRequest(new { message = $"kind must be one of {string.Join(", ", Enum.GetNames<FaultKind>())}." });
        }

        if (fault.Fraction is < 0 or > 1 || fault.Count is < 0 || fault.LatencyMilliseconds is < 0)
        {
            return Results.BadRequest(new { message = "fraction must be 0..1; count and latencyMilliseconds 0 or more." });
        }

        faults.Add(new FaultRule
        {
            Method = fault.Method,
            PathPrefix = string.IsNullOrEmpty(fault.PathPrefix) ? "/" : fault.PathPrefix,
            QueryContains = fault.QueryContains,
            Kind = kind,
            Latency = TimeSpan.FromMilliseconds(fault.LatencyMilliseconds ?? 0),
            StatusCode = fault.StatusCode ?? 503,
            RetryAfterSeconds = fault.RetryAfterSeconds,
            Count = fault.Count,
            Fraction = fault.Fraction ?? 1.0,
        });
        return Results.NoContent();
    }

    private static LoggedRequestJson ToJson(LoggedRequest entry) =>
        new(entry.Time, entry.Method, entry.Path, entry.RawQuery, entry.Headers, entry.Body, entry.StatusCode, entry.Fault);

    private sealed record LoggedRequestJson(
        [property: JsonPropertyName("time")] DateTimeOffset Time,
        [property: JsonPropertyName("method")] string Method,
        [property: JsonPropertyName("path")] string Path,
        [property: JsonPropertyName("query")] string Query,
        [property: JsonPropertyName("headers")] IReadOnlyDictionary<string, string> Headers,
        [property: JsonPropertyName("body")] string Body,
        [property: JsonPropertyName("statusCode")] int StatusCode,
        [property: JsonPropertyName("fault")] string? Fault);

    private sealed record StatisticsJson(
        [property: JsonPropertyName("count")] int Count,
        [property: JsonPropertyName("peakInFlight")] int PeakInFlight);

    private sealed record LatencyJson([property: JsonPropertyName("milliseconds")] int Milliseconds);

    private sealed record FaultJson(
        [property: JsonPropertyName("kind")] string Kind,
        [property: JsonPropertyName("method")] string? Method,
        [property: JsonPropertyName("pathPrefix")] string? PathPrefix,
        [property: JsonPropertyName("queryContains")] string? QueryContains,
        [property: JsonPropertyName("latencyMilliseconds")] int? LatencyMilliseconds,
        [property: JsonPropertyName("statusCode")] int? StatusCode,
        [property: JsonPropertyName("retryAfterSeconds")] int? RetryAfterSeconds,
        [property: JsonPropertyName("count")] int? Count,
        [property: JsonPropertyName("fraction")] double? Fraction);
}
