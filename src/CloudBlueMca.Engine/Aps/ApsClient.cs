using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Net.Http;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Threading.Tasks;
using CloudBlueMca.Engine.Aps.Rql;
using CloudBlueMca.Engine.Http;

namespace CloudBlueMca.Engine.Aps
{
    /// <summary>
    /// The APS REST API of one brand endpoint (<c>https://BRAND/aps/2/...</c>), signed with OAuth 1.0a.
    /// Every failure is an <see cref="ApsRequestException"/> naming status, server text and URL.
    /// </summary>
    internal sealed class ApsClient : IDisposable
    {
        private const string ResourcesPath = "aps/2/resources/";
        private static readonly Regex OperationName = new Regex("^[A-Za-z_][A-Za-z0-9_]*$", RegexOptions.CultureInvariant);

        private readonly OAuth1Signer _signer;
        private readonly HttpPipeline _pipeline;

        public ApsClient(Uri baseUri, OAuth1Signer signer, HttpPipeline pipeline)
        {
            if (!baseUri.IsAbsoluteUri || !baseUri.AbsolutePath.EndsWith("/", StringComparison.Ordinal))
            {
                throw new ArgumentException("The base URI must be absolute and end with '/'.", nameof(baseUri));
            }

            BaseUri = baseUri;
            _signer = signer;
            _pipeline = pipeline;
        }

        public Uri BaseUri { get; }

        public string ConsumerKey => _signer.ConsumerKey;

        /// <summary>
        /// <c>GET /aps</c>: the API version; a cheap way to check the credentials.
        /// <paramref name="timeout"/> replaces the connection's per-request timeout.
        /// </summary>
        public async Task<string> GetVersionAsync(OperationContext ctx, TimeSpan? timeout = null)
        {
            var (body, _) = await SendAsync(HttpMethod.Get, new Uri(BaseUri.AbsoluteUri + "aps"), null, false, ctx, timeout).ConfigureAwait(false);
            return body.Trim();
        }

        /// <summary>The collection URL of a query, as sent; callers measure it to keep URLs short.</summary>
        public string ListUrl(RqlQuery query) => BaseUri.AbsoluteUri + ResourcesPath + "?" + query;

        /// <summary>One page: the query with <c>limit(offset,count)</c> appended.</summary>
        public async Task<ApsPage> GetPageAsync(RqlQuery query, int offset, int count, OperationContext ctx, TimeSpan? timeout = null)
        {
            if (query.HasLimit)
            {
                throw new ArgumentException("The query already has a limit(); paging adds its own.", nameof(query));
            }

            var uri = new Uri(ListUrl(query.With(new RqlLimit(offset, count))));
            var (body, contentRange) = await SendAsync(HttpMethod.Get, uri, null, false, ctx, timeout).ConfigureAwait(false);
            var items = ParseArray(body, uri);
            var range = ContentRange.Parse(contentRange);
            return new ApsPage(items, range.First, range.Last, range.Total);
        }

        /// <summary>
        /// Every resource matching the query, fetched page by page with explicit
        /// <c>limit(offset,count)</c>; see <see cref="ForEachPageAsync"/>.
        /// </summary>
        public async Task<IReadOnlyList<JsonObject>> ListAsync(RqlQuery query, OperationContext ctx, int pageSize = 1000)
        {
            var all = new List<JsonObject>();
            await ForEachPageAsync(query, page => all.AddRange(page.Items), ctx, pageSize).ConfigureAwait(false);
            return all;
        }

        /// <summary>
        /// Hands each page of a query to <paramref name="onPage"/> as it arrives, so callers can
        /// stream large results; the next page is requested only after it returns. Stops when
        /// Content-Range says the last item arrived, or on a short or empty page (servers that send
        /// no Content-Range).
        /// </summary>
        public async Task ForEachPageAsync(RqlQuery query, Action<ApsPage> onPage, OperationContext ctx, int pageSize = 1000)
        {
            if (pageSize < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(pageSize), pageSize, "The page size must be at least 1.");
            }

            var offset = 0;
            while (true)
            {
                var page = await GetPageAsync(query, offset, pageSize, ctx).ConfigureAwait(false);
                onPage(page);
                offset += page.Items.Count;
                if (IsLastPage(page, offset, pageSize))
                {
                    return;
                }
            }
        }

        /// <summary>
        /// <c>GET /aps/2/resources/{apsId}</c>. <paramref name="timeout"/> replaces the
        /// connection's per-request timeout.
        /// </summary>
        public async Task<JsonObject> GetResourceAsync(string apsId, OperationContext ctx, TimeSpan? timeout = null)
        {
            var uri = ResourceUri(apsId, null);
            var (body, _) = await SendAsync(HttpMethod.Get, uri, null, false, ctx, timeout).ConfigureAwait(false);
            return ParseJson(body, uri) as JsonObject ?? throw Unexpected(uri, "a JSON object");
        }

        /// <summary>
        /// <c>PUT /aps/2/resources/{apsId}</c> with a partial body, which the platform merges into
        /// the resource. Returns the updated resource, or null when the server answered without a body.
        /// </summary>
        public async Task<JsonObject?> PutResourceAsync(string apsId, JsonObject body, OperationContext ctx)
        {
            var uri = ResourceUri(apsId, null);
            var (text, _) = await SendAsync(HttpMethod.Put, uri, body.ToJsonString(), false, ctx).ConfigureAwait(false);
            return text.Trim().Length == 0 ? null : ParseJson(text, uri) as JsonObject ?? throw Unexpected(uri, "a JSON object");
        }

        /// <summary>
        /// <c>GET /aps/2/resources/{apsId}/{operation}?name=value...</c>, a custom operation such as
        /// checkAccount. A 403 becomes ApsPermissionDenied: custom operations are the calls governed
        /// by the key's Allowed Operations list (reference §1.5).
        /// </summary>
        public async Task<JsonNode?> GetCustomOperationAsync(string apsId, string operation, IReadOnlyList<KeyValuePair<string, string>> query, OperationContext ctx)
        {
            if (operation is null || !OperationName.IsMatch(operation))
            {
                throw new ArgumentException($"'{operation}' is not a custom operation name.", nameof(operation));
            }

            var uri = ResourceUri(apsId, operation + QueryString(query));
            var (body, _) = await SendAsync(HttpMethod.Get, uri, null, true, ctx).ConfigureAwait(false);
            return body.Trim().Length == 0 ? null : ParseJson(body, uri);
        }

        public void Dispose() => _pipeline.Dispose();

        private static bool IsLastPage(ApsPage page, int nextOffset, int pageSize)
        {
            if (page.Items.Count == 0 || page.Items.Count < pageSize)
            {
                return true;
            }

            if (page.Total is int total)
            {
                return (page.Last is int last ? last + 1 : nextOffset) >= total;
            }

            return false;
        }

        private static string QueryString(IReadOnlyList<KeyValuePair<string, string>> query) =>
            query.Count == 0 ? string.Empty : "?" + string.Join("&", query.Select(p => PercentEncoding.Encode(p.Key) + "=" + PercentEncoding.Encode(p.Value)));

        private static string? ContentRangeHeader(HttpResponseMessage response)
        {
            if (response.Content.Headers.TryGetValues("Content-Range", out var values) || response.Headers.TryGetValues("Content-Range", out values))
            {
                return values.FirstOrDefault();
            }

            return null;
        }

        private static IReadOnlyList<JsonObject> ParseArray(string body, Uri uri)
        {
            if (!(ParseJson(body, uri) is JsonArray array))
            {
                throw Unexpected(uri, "a JSON array");
            }

            var items = new List<JsonObject>(array.Count);
            foreach (var item in array)
            {
                items.Add(item as JsonObject ?? throw Unexpected(uri, "an array of JSON objects"));
            }

            return items;
        }

        private static JsonNode? ParseJson(string body, Uri uri)
        {
            try
            {
                return JsonNode.Parse(body);
            }
            catch (JsonException)
            {
                throw Unexpected(uri, "JSON");
            }
        }

        private static CloudBlueMcaException Unexpected(Uri uri, string expected) =>
            new CloudBlueMcaException(
                ErrorIds.ApsRequestFailed,
                ErrorKind.InvalidResult,
                $"The answer from {UrlRedactor.Redact(uri)} is not {expected}. Check that the endpoint is a CloudBlue brand endpoint with the APS booster enabled.",
                UrlRedactor.Redact(uri));

        private static ApsRequestException Failure(HttpMethod method, Uri uri, HttpResponseMessage response, string body, bool customOperation)
        {
            var status = (int)response.StatusCode;
            var error = ApsErrorBody.Parse(body);
            var url = UrlRedactor.Redact(uri);
            var permissionDenied = customOperation && response.StatusCode == HttpStatusCode.Forbidden;
            var message = Sentences.Join($"{method.Method} {url} failed with HTTP {status} ({response.ReasonPhrase}){(error.Describe() is string text ? ": " + text : string.Empty)}", Advice(response.StatusCode, permissionDenied));
            return new ApsRequestException(
                ErrorIdOf(response.StatusCode, permissionDenied),
                KindOf(response.StatusCode),
                message,
                status,
                error.ErrorClass,
                error.Message,
                method.Method,
                url);
        }

        /// <summary>
        /// A 401 means the platform no longer accepts the OAuth key or its signatures (key revoked
        /// or disabled, clock skew): the same fault as at Connect-CloudBlue, so the same id.
        /// </summary>
        private static string ErrorIdOf(HttpStatusCode status, bool permissionDenied) =>
            permissionDenied ? ErrorIds.ApsPermissionDenied
            : status == HttpStatusCode.Unauthorized ? ErrorIds.AuthenticationFailed
            : ErrorIds.ApsRequestFailed;

        private static string Advice(HttpStatusCode status, bool permissionDenied)
        {
            if (permissionDenied)
            {
                return "Custom operations need an Allowed Operations entry on the staff member's APS Bus Access tab: the application's type id without version (http://www.parallels.com/Office365/Office365app) and the verb GET.";
            }

            switch ((int)status)
            {
                case 401:
                    return "The OAuth consumer key or its signature was not accepted: check that the key is still enabled on the staff member's APS Bus Access tab and that this computer's clock is correct, then run Connect-CloudBlue again.";
                case 403:
                    return "The OAuth key's staff member is not allowed to do this.";
                case 404:
                    return "The resource does not exist or is not visible to this OAuth key.";
                case 429:
                    return "The platform is throttling requests; try again later or with less parallelism.";
                default:
                    return status >= (HttpStatusCode)500 ? "The platform failed to serve the request; try again later." : string.Empty;
            }
        }

        private static ErrorKind KindOf(HttpStatusCode status)
        {
            switch ((int)status)
            {
                case 400:
                case 422:
                    return ErrorKind.InvalidArgument;
                case 401:
                    return ErrorKind.AuthenticationError;
                case 403:
                    return ErrorKind.PermissionDenied;
                case 404:
                    return ErrorKind.ObjectNotFound;
                case 409:
                    return ErrorKind.ResourceExists;
                case 429:
                    return ErrorKind.LimitsExceeded;
                default:
                    return (int)status >= 500 ? ErrorKind.ResourceUnavailable : ErrorKind.ProtocolError;
            }
        }

        private Uri ResourceUri(string apsId, string? suffix)
        {
            if (string.IsNullOrWhiteSpace(apsId))
            {
                throw new ArgumentException("The APS id is empty.", nameof(apsId));
            }

            return new Uri(BaseUri.AbsoluteUri + ResourcesPath + PercentEncoding.Encode(apsId) + (suffix == null ? string.Empty : "/" + suffix));
        }

        private async Task<(string Body, string? ContentRange)> SendAsync(HttpMethod method, Uri uri, string? jsonBody, bool customOperation, OperationContext ctx, TimeSpan? timeout = null)
        {
            using var response = await _pipeline.SendAsync(
                () =>
                {
                    var request = new HttpRequestMessage(method, uri);
                    request.Headers.Accept.ParseAdd("application/json");
                    if (jsonBody != null)
                    {
                        request.Content = new StringContent(jsonBody, Encoding.UTF8, "application/json");
                    }

                    _signer.Sign(request);
                    return request;
                },
                ctx,
                timeout).ConfigureAwait(false);
            var body = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                throw Failure(method, uri, response, body, customOperation);
            }

            return (body, ContentRangeHeader(response));
        }
    }
}
