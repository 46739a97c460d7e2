using System.Net;
using System.Text.Json.Nodes;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Aps;
using CloudBlueMca.Engine.Aps.Rql;
using CloudBlueMca.Engine.Http;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Engine.Aps;

public class ApsClientTests
{
    private static readonly RqlQuery Tenants = new(Rql.Implementing("http://www.parallels.com/Office365/Tenant/2.8"), Rql.Eq("initial_subdomain", "a,b"));

    private static ApsClient Client(ScriptedHandler handler) =>
        new(new Uri("https://cb.example.com/"), new OAuth1Signer("demo-key", "demo-secret"), new HttpPipeline(new HttpPipelineOptions { Handler = handler, BaseRetryDelay = TimeSpan.FromMilliseconds(1) }));

    private static Func<HttpRequestMessage, CancellationToken, Task<HttpResponseMessage>> Page(string json, string? contentRange, HttpStatusCode status = HttpStatusCode.OK) =>
        ScriptedHandler.Status(status, json, r =>
        {
            if (contentRange != null)
            {
                r.Content.Headers.TryAddWithoutValidation("Content-Range", contentRange);
            }
        });

    private static string Items(params string[] ids) => "[" + string.Join(",", ids.Select(id => $"{{\"aps\":{{\"id\":\"{id}\"}}}}")) + "]";

    private static IEnumerable<string> Ids(IEnumerable<JsonObject> items) => items.Select(i => i["aps"]!["id"]!.GetValue<string>());

    [Fact]
    public async Task ListFollowsContentRangeUntilTheLastItem()
    {
        var handler = new ScriptedHandler(Page(Items("a", "b"), "items 0-1/5"), Page(Items("c", "d"), "items 2-3/5"), Page(Items("e"), "items 4-4/5"));
        using var client = Client(handler);

        var items = await client.ListAsync(Tenants, OperationContext.None, pageSize: 2);

        Assert.Equal(new[] { "a", "b", "c", "d", "e" }, Ids(items));
        Assert.Equal(
            new[]
            {
                "https://cb.example.com/aps/2/resources/?implementing(http://www.parallels.com/Office365/Tenant/2.8),eq(initial_subdomain,a%2Cb),limit(0,2)",
                "https://cb.example.com/aps/2/resources/?implementing(http://www.parallels.com/Office365/Tenant/2.8),eq(initial_subdomain,a%2Cb),limit(2,2)",
                "https://cb.example.com/aps/2/resources/?implementing(http://www.parallels.com/Office365/Tenant/2.8),eq(initial_subdomain,a%2Cb),limit(4,2)",
            },
            handler.Sent.Select(s => s.Uri.AbsoluteUri));
    }

    [Fact]
    public async Task PagesStreamOneRequestAtATime()
    {
        var handler = new ScriptedHandler(Page(Items("a", "b"), "items 0-1/3"), Page(Items("c"), "items 2-2/3"));
        using var client = Client(handler);
        var seen = new List<int>();

        await client.ForEachPageAsync(
            Tenants,
            page =>
            {
                seen.Add(handler.Sent.Count);
                Assert.Equal(seen.Count == 1 ? new[] { "a", "b" } : new[] { "c" }, Ids(page.Items));
            },
            OperationContext.None,
            pageSize: 2);

        Assert.Equal(new[] { 1, 2 }, seen);
    }

    [Fact]
    public async Task ListStopsWhenTheRangeEndsOnAPageBoundary()
    {
        var handler = new ScriptedHandler(Page(Items("a", "b"), "items 0-1/4"), Page(Items("c", "d"), "items 2-3/4", HttpStatusCode.PartialContent), Page("[]", "items */4"));
        using var client = Client(handler);

        var items = await client.ListAsync(Tenants, OperationContext.None, pageSize: 2);

        Assert.Equal(new[] { "a", "b", "c", "d" }, Ids(items));
        Assert.Equal(2, handler.Sent.Count);
    }

    [Fact]
    public async Task WithoutContentRangeListStopsOnAShortOrEmptyPage()
    {
        var shortPage = new ScriptedHandler(Page(Items("a", "b"), null), Page(Items("c"), null));
        using (var client = Client(shortPage))
        {
            Assert.Equal(new[] { "a", "b", "c" }, Ids(await client.ListAsync(Tenants, OperationContext.None, pageSize: 2)));
        }

        var emptyPage = new ScriptedHandler(Page(Items("a", "b"), null), Page("[]", null));
        using (var client = Client(emptyPage))
        {
            Assert.Equal(new[] { "a", "b" }, Ids(await client.ListAsync(Tenants, OperationContext.None, pageSize: 2)));
        }

        Assert.Equal(2, shortPage.Sent.Count);
        Assert.Equal(2, emptyPage.Sent.Count);
    }

    [Theory]
    [InlineData("items */0")]
    [InlineData(null)]
    public async Task AnEmptyResultIsAnEmptyList(string? contentRange)
    {
        var handler = new ScriptedHandler(Page("[]", contentRange));
        using var client = Client(handler);

        var page = await client.GetPageAsync(Tenants, 0, 100, OperationContext.None);

        Assert.Empty(page.Items);
        Assert.Null(page.First);
        Assert.Equal(contentRange == null ? null : 0, page.Total);
        Assert.Single(handler.Sent);
    }

    [Fact]
    public async Task APageReportsItsRange()
    {
        var handler = new ScriptedHandler(Page(Items("a"), "items 10-10/11", HttpStatusCode.PartialContent));
        using var client = Client(handler);

        var page = await client.GetPageAsync(Tenants, 10, 1, OperationContext.None);

        Assert.Equal((10, 10, 11), (page.First, page.Last, page.Total));
    }

    [Fact]
    public async Task RequestsAreSignedAndAskForJson()
    {
        var handler = new ScriptedHandler(Page("[]", "items */0"));
        using var client = Client(handler);

        await client.GetPageAsync(Tenants, 0, 10, OperationContext.None);

        var sent = Assert.Single(handler.Sent);
        Assert.StartsWith("OAuth oauth_consumer_key=\"demo-key\", oauth_nonce=\"", sent.Headers["Authorization"], StringComparison.Ordinal);
        Assert.Contains("application/json", sent.Headers["Accept"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task PutSendsThePartialBodyAsJson()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.OK, "{\"aps\":{\"id\":\"t1\",\"revision\":6}}"));
        using var client = Client(handler);
        var body = new JsonObject { ["cloud_agreement_contact"] = new JsonObject { ["email"] = "john+smith@example.com" } };

        var updated = await client.PutResourceAsync("6fcff2c9-1b4f-4b4e-a0a7-0ab5e4a2a7a4", body, OperationContext.None);

        var sent = Assert.Single(handler.Sent);
        Assert.Equal("PUT", sent.Method);
        Assert.Equal("https://cb.example.com/aps/2/resources/6fcff2c9-1b4f-4b4e-a0a7-0ab5e4a2a7a4", sent.Uri.AbsoluteUri);
        Assert.Equal("{\"cloud_agreement_contact\":{\"email\":\"john\\u002Bsmith@example.com\"}}", sent.Body);
        Assert.Equal(6, updated!["aps"]!["revision"]!.GetValue<int>());
    }

    [Fact]
    public async Task PutWithoutAResponseBodyReturnsNull()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.NoContent));
        using var client = Client(handler);

        Assert.Null(await client.PutResourceAsync("t1", new JsonObject(), OperationContext.None));
    }

    [Fact]
    public async Task CustomOperationsEncodeTheirQuery()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.OK, "{\"tenants\":[]}"));
        using var client = Client(handler);

        var result = await client.GetCustomOperationAsync("498c7d95-54ef-45c1-9877-da03ec230993", "checkAccount", new[] { KeyValuePair.Create("accountId", "1000011"), KeyValuePair.Create("planId", "0"), KeyValuePair.Create("x", "a&b=c+d") }, OperationContext.None);

        Assert.Equal("https://cb.example.com/aps/2/resources/498c7d95-54ef-45c1-9877-da03ec230993/checkAccount?accountId=1000011&planId=0&x=a%26b%3Dc%2Bd", Assert.Single(handler.Sent).Uri.AbsoluteUri);
        Assert.NotNull(result!["tenants"]);
    }

    [Fact]
    public async Task ApsIdsCannotLeaveTheirPathSegment()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.NotFound));
        using var client = Client(handler);

        await Assert.ThrowsAsync<ApsRequestException>(() => client.GetResourceAsync("../../types?x", OperationContext.None));

        Assert.Equal("/aps/2/resources/..%2F..%2Ftypes%3Fx", Assert.Single(handler.Sent).Uri.AbsolutePath);
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetResourceAsync(" ", OperationContext.None));
        await Assert.ThrowsAsync<ArgumentException>(() => client.GetCustomOperationAsync("id", "a/b", Array.Empty<KeyValuePair<string, string>>(), OperationContext.None));
        Assert.Single(handler.Sent);
    }

    [Fact]
    public async Task ControllerErrorBodiesAreParsed()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.NotFound, "{\"error\":\"APS::Util::NotFound\",\"message\":\"Resource t1 not found.\"}"));
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<ApsRequestException>(() => client.GetResourceAsync("t1", OperationContext.None));

        Assert.Equal(ErrorIds.ApsRequestFailed, error.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, error.Kind);
        Assert.Equal(404, error.StatusCode);
        Assert.Equal("APS::Util::NotFound", error.ErrorClass);
        Assert.Equal("Resource t1 not found.", error.ServerMessage);
        Assert.Equal("GET", error.Method);
        Assert.Equal("https://cb.example.com/aps/2/resources/t1", error.RequestUrl);
        Assert.StartsWith("GET https://cb.example.com/aps/2/resources/t1 failed with HTTP 404 (Not Found): APS::Util::NotFound: Resource t1 not found.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplicationErrorBodiesAreParsed()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.InternalServerError, "{\"code\":500,\"type\":\"Rest\\\\RestException\",\"message\":\"Account 42 not found\"}"));
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<ApsRequestException>(() => client.GetCustomOperationAsync("app", "checkAccount", new[] { KeyValuePair.Create("accountId", "42") }, OperationContext.None));

        Assert.Equal("Rest\\RestException", error.ErrorClass);
        Assert.Equal("Account 42 not found", error.ServerMessage);
        Assert.Equal(ErrorKind.ResourceUnavailable, error.Kind);
        Assert.Contains("HTTP 500 (Internal Server Error): Rest\\RestException (code 500): Account 42 not found", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PlainTextErrorBodiesAreKept()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.BadRequest, "  Bad RQL:\n unexpected ')'  "));
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<ApsRequestException>(() => client.ListAsync(Tenants, OperationContext.None));

        Assert.Null(error.ErrorClass);
        Assert.Equal("Bad RQL: unexpected ')'", error.ServerMessage);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.Contains("HTTP 400 (Bad Request): Bad RQL: unexpected ')'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForbiddenCustomOperationIsPermissionDenied()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.Forbidden, "{\"error\":\"APS::Util::AccessViolation\",\"message\":\"Operation is not allowed.\"}"));
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<ApsRequestException>(() => client.GetCustomOperationAsync("app", "checkAccount", Array.Empty<KeyValuePair<string, string>>(), OperationContext.None));

        Assert.Equal(ErrorIds.ApsPermissionDenied, error.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
        Assert.Contains("http://www.parallels.com/Office365/Office365app", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ForbiddenCrudIsARequestFailure()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.Forbidden, "{\"error\":\"APS::Util::AccessViolation\",\"message\":\"no\"}"));
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<ApsRequestException>(() => client.GetResourceAsync("t1", OperationContext.None));

        Assert.Equal(ErrorIds.ApsRequestFailed, error.ErrorId);
        Assert.Equal(ErrorKind.PermissionDenied, error.Kind);
    }

    [Theory]
    [InlineData("<html>proxy</html>")]
    [InlineData("{\"not\":\"an array\"}")]
    [InlineData("[1,2]")]
    public async Task ListBodiesThatAreNotArraysOfObjectsAreInvalidResults(string body)
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.OK, body));
        using var client = Client(handler);

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => client.ListAsync(Tenants, OperationContext.None));

        Assert.Equal(ErrorKind.InvalidResult, error.Kind);
    }

    [Fact]
    public async Task PagingRefusesAQueryWithItsOwnLimit()
    {
        var handler = new ScriptedHandler(ScriptedHandler.Status(HttpStatusCode.OK, "[]"));
        using var client = Client(handler);

        await Assert.ThrowsAsync<ArgumentException>(() => client.GetPageAsync(Tenants.With(Rql.Limit(0, 5)), 0, 10, OperationContext.None));
        Assert.Empty(handler.Sent);
    }
}
