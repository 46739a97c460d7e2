using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using CloudBlueMca.Emulator.Aps.OAuth;
using CloudBlueMca.Emulator.Aps.Rql;
using Microsoft.AspNetCore.Http.Features;

namespace CloudBlueMca.Emulator.Aps;

/// <summary>
/// The APS REST routes under /aps. Every one requires an OAuth 1.0a signature from a known
/// consumer; custom operations also check the consumer's allowed operations.
/// </summary>
internal static class ApsEndpoints
{
    private const string ConsumerKeyItem = "CloudBlueMca.Aps.ConsumerKey";

    public static void MapAps(this WebApplication app, ApsStore store)
    {
        var verifier = new OAuth1Verifier(store.FindConsumerSecret);
        var aps = app.MapGroup("/aps");
        aps.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            http.Response.Headers["X-APSBooster-Response"] = "true";
            var verification = verifier.Verify(await ReceivedRequestAsync(http));
            if (!verification.Succeeded)
            {
                return ApsErrors.Error(store.Options.AuthenticationFailureStatus, ApsErrors.AuthenticationFailed, "Authentication Failed: " + verification.Failure);
            }

            http.Items[ConsumerKeyItem] = verification.ConsumerKey;
            return await next(context);
        });

        aps.MapGet("/", () => ApsErrors.Json(new JsonObject { ["version"] = "2.0" }));
        aps.MapGet("/2/resources", (HttpContext http) => ListResources(http, store));
        aps.MapGet("/2/resources/{id}", (string id) => store.GetResource(id) is JsonObject resource ? ApsErrors.Json(resource) : ApsErrors.NotFound(id));
        aps.MapPut("/2/resources/{id}", (string id, HttpContext http) => PutResourceAsync(id, http, store));
        aps.MapGet("/2/resources/{id}/{operation}", (string id, string operation, HttpContext http) => CustomOperation(id, operation, http, store));
        aps.MapGet("/2/types", (HttpContext http) => ListTypes(http, store));
    }

    /// <summary>
    /// Bare JSON array with <c>Content-Range: items A-B/T</c>: 200 when the page holds every match,
    /// 206 when it holds only part of them (both are APS success codes, reference §3).
    /// </summary>
    private static IResult ListResources(HttpContext http, ApsStore store)
    {
        RqlQuery query;
        try
        {
            query = RqlParser.Parse(RawTarget(http).Query);
        }
        catch (RqlSyntaxException e)
        {
            return ApsErrors.Error(StatusCodes.Status400BadRequest, ApsErrors.InvalidQuery, e.Message);
        }

        var page = store.Query(query);
        http.Response.Headers["Content-Range"] = page.ContentRange;
        return ApsErrors.Json(new JsonArray(page.Items.ToArray<JsonNode?>()), page.IsPartial ? StatusCodes.Status206PartialContent : StatusCodes.Status200OK);
    }

    private static async Task<IResult> PutResourceAsync(string id, HttpContext http, ApsStore store)
    {
        JsonNode? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, cancellationToken: http.RequestAborted);
        }
        catch (JsonException e)
        {
            return ApsErrors.Error(StatusCodes.Status400BadRequest, ApsErrors.InvalidRequest, "The body is not valid JSON: " + e.Message);
        }

        if (body is not JsonObject patch)
        {
            return ApsErrors.Error(StatusCodes.Status400BadRequest, ApsErrors.InvalidRequest, "The body must be a JSON object with the properties to change.");
        }

        return store.PutResource(id, patch) is JsonObject updated ? ApsErrors.Json(updated) : ApsErrors.NotFound(id);
    }

    private static IResult CustomOperation(string id, string operation, HttpContext http, ApsStore store)
    {
        var type = store.TypeOf(id);
        if (type is null)
        {
            return ApsErrors.NotFound(id);
        }

        if (operation != "checkAccount" || !RqlEvaluator.Implements(type, ApsTypes.Office365App))
        {
            return ApsErrors.Error(StatusCodes.Status404NotFound, ApsErrors.ResourceNotFound, $"Resource {id} has no operation '{operation}'.");
        }

        var consumerKey = (string)http.Items[ConsumerKeyItem]!;
        if (!store.IsOperationAllowed(consumerKey, ApsTypes.Office365App, "GET"))
        {
            return ApsErrors.Error(
                StatusCodes.Status403Forbidden,
                ApsErrors.AccessViolation,
                $"Operation GET {operation} on type {ApsTypes.Office365App} is not in the allowed operations of the consumer.");
        }

        if (!long.TryParse(http.Request.Query["accountId"], NumberStyles.None, CultureInfo.InvariantCulture, out var accountId))
        {
            return ApsErrors.Error(StatusCodes.Status400BadRequest, ApsErrors.InvalidRequest, "checkAccount needs accountId, the customer account's system id.");
        }

        // An unknown account answers 404 here; what the real application answers is open
        // (reference §8.4), so clients should treat 404 and an empty tenants list alike.
        return store.CheckAccount(accountId) is JsonObject result
            ? ApsErrors.Json(result)
            : ApsErrors.Error(StatusCodes.Status404NotFound, ApsErrors.ResourceNotFound, $"Customer account {accountId} does not exist.");
    }

    private static IResult ListTypes(HttpContext http, ApsStore store)
    {
        var types = new[] { ApsTypes.Tenant, ApsTypes.Office365AppInstance, ApsTypes.Account }
            .Concat(store.Types())
            .Distinct(StringComparer.Ordinal)
            .OrderBy(t => t, StringComparer.Ordinal)
            .Select(t => (JsonNode?)new JsonObject { ["id"] = t })
            .ToArray();
        http.Response.Headers["Content-Range"] = FormattableString.Invariant($"items 0-{types.Length - 1}/{types.Length}");
        return ApsErrors.Json(new JsonArray(types));
    }

    /// <summary>The request as it arrived, for RFC 5849 §3.4.1: raw path and query, Host header, form body only.</summary>
    private static async Task<OAuthRequest> ReceivedRequestAsync(HttpContext http)
    {
        var request = http.Request;
        var (path, query) = RawTarget(http);
        string? formBody = null;
        if (request.HasFormContentType)
        {
            using var reader = new StreamReader(request.Body, Encoding.UTF8, detectEncodingFromByteOrderMarks: false, leaveOpen: true);
            formBody = await reader.ReadToEndAsync(http.RequestAborted);
            request.Body.Position = 0;
        }

        var port = request.Host.Port ?? (request.IsHttps ? 443 : 80);
        return new OAuthRequest(request.Method, request.Scheme, request.Host.Host, port, path, query, request.Headers.Authorization.FirstOrDefault(), formBody);
    }

    /// <summary>Path and query (without '?') exactly as on the request line, still percent-encoded.</summary>
    private static (string Path, string Query) RawTarget(HttpContext http)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget ?? (http.Request.Path.Value + http.Request.QueryString.Value);
        var question = target.IndexOf('?');
        return question < 0 ? (target, string.Empty) : (target.Substring(0, question), target.Substring(question + 1));
    }
}
