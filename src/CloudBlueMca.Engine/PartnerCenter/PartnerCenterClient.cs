using System;
using System.Collections.Generic;
using System.Globalization;
using System.Linq;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CloudBlueMca.Engine.Http;

namespace CloudBlueMca.Engine.PartnerCenter
{
    /// <summary>
    /// The Partner Center REST calls of one connection. Every request carries the bearer token,
    /// <c>Accept: application/json</c>, the invocation's <c>MS-CorrelationId</c> and its own
    /// <c>MS-RequestId</c>, which stays the same when the pipeline retries that request (the
    /// service treats it as an idempotency key, reference §3.1).
    /// </summary>
    internal sealed class PartnerCenterClient : IDisposable
    {
        /// <summary>Page size for the customer list; the service's own default and maximum are not documented.</summary>
        public const int DefaultPageSize = 100;

        private const string CustomerCredentials = "Reading customers accepts app-only and app+user credentials.";
        private const string AgreementCredentials = "The agreement APIs accept app+user credentials only (a user signed in, or a refresh token from the secure application model).";
        private static readonly IReadOnlyList<KeyValuePair<string, string>> NoHeaders = new KeyValuePair<string, string>[0];

        private readonly PcConnection _connection;
        private readonly HttpPipeline _pipeline;

        public PartnerCenterClient(PcConnection connection, HttpPipeline pipeline)
        {
            _connection = connection;
            _pipeline = pipeline;
        }

        public async Task<PcCustomer> GetCustomerAsync(Guid customerId, OperationContext context)
        {
            var id = customerId.ToString("D");
            var url = new Uri(_connection.ApiUri, "v1/customers/" + id);
            var call = new PartnerCenterCall("get customer " + id, UrlRedactor.Redact(url), CustomerCredentials, id);
            return await GetJsonAsync(url, NoHeaders, call, PcCustomerReader.Read, context).ConfigureAwait(false);
        }

        /// <param name="next">The previous page's next link; null for the first page.</param>
        public async Task<PcCustomerPage> GetCustomerPageAsync(PcNextLink? next, int pageSize, OperationContext context)
        {
            var url = next == null
                ? new Uri(_connection.ApiUri, "v1/customers?size=" + pageSize.ToString(CultureInfo.InvariantCulture))
                : ResolveLink(next.Uri);
            var call = new PartnerCenterCall("list customers", UrlRedactor.Redact(url), CustomerCredentials, null);
            return await GetJsonAsync(url, next?.Headers ?? NoHeaders, call, ReadCustomerPage, context).ConfigureAwait(false);
        }

        /// <summary><c>GET /v1/agreements?agreementType=…</c> (reference §5.1): the agreement metadata.</summary>
        public Task<JsonObject> GetAgreementMetadataAsync(string agreementType, OperationContext context)
        {
            var url = new Uri(_connection.ApiUri, "v1/agreements?agreementType=" + Uri.EscapeDataString(agreementType));
            return GetJsonAsync(url, NoHeaders, new PartnerCenterCall("read the agreement metadata", UrlRedactor.Redact(url), AgreementCredentials, null), json => json, context);
        }

        /// <summary><c>GET /v1/customers/{id}/agreements?agreementType=…</c> (reference §5.3); the type is always sent.</summary>
        public Task<JsonObject> GetCustomerAgreementsAsync(Guid customerId, string agreementType, OperationContext context)
        {
            var id = customerId.ToString("D");
            var url = new Uri(_connection.ApiUri, "v1/customers/" + id + "/agreements?agreementType=" + Uri.EscapeDataString(agreementType));
            return GetJsonAsync(url, NoHeaders, new PartnerCenterCall("read the agreements of customer " + id, UrlRedactor.Redact(url), AgreementCredentials, id), json => json, context);
        }

        /// <summary><c>GET /v1/customers/{id}/directSignedMicrosoftCustomerAgreementStatus</c> (reference §5.4).</summary>
        public Task<bool> GetDirectSignStatusAsync(Guid customerId, OperationContext context)
        {
            var id = customerId.ToString("D");
            var url = new Uri(_connection.ApiUri, "v1/customers/" + id + "/directSignedMicrosoftCustomerAgreementStatus");
            return GetJsonAsync(url, NoHeaders, new PartnerCenterCall("read the direct-sign status of customer " + id, UrlRedactor.Redact(url), AgreementCredentials, id), json => json["isSigned"] is JsonValue signed && signed.TryGetValue(out bool value) && value, context);
        }

        /// <summary><c>POST /v1/customers/{id}/agreements</c> (reference §5.2): the partner's attestation; 201 with the agreement.</summary>
        public Task<JsonObject> PostCustomerAgreementAsync(Guid customerId, JsonObject agreement, OperationContext context)
        {
            var id = customerId.ToString("D");
            var url = new Uri(_connection.ApiUri, "v1/customers/" + id + "/agreements");
            var call = new PartnerCenterCall("record the agreement of customer " + id, UrlRedactor.Redact(url), AgreementCredentials, id, "POST");
            return SendJsonAsync(HttpMethod.Post, url, agreement.ToJsonString(), NoHeaders, call, json => json, context);
        }

        public void Dispose() => _pipeline.Dispose();

        private Task<T> GetJsonAsync<T>(Uri url, IReadOnlyList<KeyValuePair<string, string>> headers, PartnerCenterCall call, Func<JsonObject, T> read, OperationContext context) =>
            SendJsonAsync(HttpMethod.Get, url, null, headers, call, read, context);

        /// <param name="read">Turns the answer into the result; its failures get the call's trace ids like every other failure.</param>
        private async Task<T> SendJsonAsync<T>(HttpMethod method, Uri url, string? body, IReadOnlyList<KeyValuePair<string, string>> headers, PartnerCenterCall call, Func<JsonObject, T> read, OperationContext context)
        {
            // One request id for every attempt of this call: the service treats it as the
            // idempotency key, so a retried POST is recognised as the same one (reference §3.1).
            var requestId = Guid.NewGuid();
            var trace = $"MS-CorrelationId {context.CorrelationId}, MS-RequestId {requestId}";
            context.Log.Verbose($"Partner Center: {call.Description} ({trace})");
            try
            {
                var token = await _connection.GetTokenAsync(context).ConfigureAwait(false);
                using (var response = await _pipeline.SendAsync(() => CreateRequest(method, url, body, token.Value, requestId, context.CorrelationId, headers), context).ConfigureAwait(false))
                {
                    var answer = await response.Content.ReadAsStringAsync().ConfigureAwait(false);
                    if (!response.IsSuccessStatusCode)
                    {
                        throw PartnerCenterErrors.FromResponse(call, response.StatusCode, PartnerCenterErrorBody.Parse(answer), requestId, context.CorrelationId, _connection);
                    }

                    return read(PcJson.ParseObject(answer) ?? throw new CloudBlueMcaException(
                        ErrorIds.PartnerCenterRequestFailed,
                        ErrorKind.InvalidResult,
                        $"Partner Center answered {call.Description} with something that is not a JSON object.",
                        call.Url));
                }
            }
            catch (CloudBlueMcaException ex) when (!(ex is PartnerCenterRequestException))
            {
                // Token renewal, transport and parse failures carry the trace ids too, so every
                // error of an invocation can be matched with its requests in a support case.
                throw new CloudBlueMcaException(ex.ErrorId, ex.Kind, $"{ex.Message} ({call.Method} {call.Url}; {trace})", ex.Target, ex);
            }
        }

        private static PcCustomerPage ReadCustomerPage(JsonObject json)
        {
            var items = (json["items"] as JsonArray ?? new JsonArray())
                .OfType<JsonObject>()
                .Select(PcCustomerReader.Read)
                .ToList();
            return new PcCustomerPage(items, ReadNextLink(json["links"]?["next"] as JsonObject));
        }

        private static HttpRequestMessage CreateRequest(HttpMethod method, Uri url, string? body, string token, Guid requestId, Guid correlationId, IReadOnlyList<KeyValuePair<string, string>> headers)
        {
            var request = new HttpRequestMessage(method, url);
            if (body != null)
            {
                request.Content = new StringContent(body, System.Text.Encoding.UTF8, "application/json");
            }

            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
            request.Headers.Add("MS-RequestId", requestId.ToString("D"));
            request.Headers.Add("MS-CorrelationId", correlationId.ToString("D"));
            foreach (var header in headers)
            {
                request.Headers.TryAddWithoutValidation(header.Key, header.Value);
            }

            return request;
        }

        /// <summary>
        /// Next links are relative to the API root, with or without the <c>/v1</c> prefix (the
        /// docs show both styles). An absolute link is followed only to the connection's own
        /// host, so a bearer token is never sent elsewhere.
        /// </summary>
        private Uri ResolveLink(string link)
        {
            if (!link.StartsWith("/", StringComparison.Ordinal) && Uri.TryCreate(link, UriKind.Absolute, out var absolute))
            {
                if (string.Equals(absolute.Authority, _connection.ApiUri.Authority, StringComparison.OrdinalIgnoreCase) && absolute.Scheme == _connection.ApiUri.Scheme)
                {
                    return absolute;
                }

                throw new CloudBlueMcaException(
                    ErrorIds.PartnerCenterRequestFailed,
                    ErrorKind.InvalidResult,
                    $"Partner Center's next-page link points to another host ({absolute.Scheme}://{absolute.Authority}); it was not followed.",
                    UrlRedactor.Redact(absolute));
            }

            var relative = link.TrimStart('/');
            if (!relative.StartsWith("v1/", StringComparison.OrdinalIgnoreCase))
            {
                relative = "v1/" + relative;
            }

            return new Uri(_connection.ApiUri, relative);
        }

        internal static PcNextLink? ReadNextLink(JsonObject? next)
        {
            var uri = next?["uri"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
            if (string.IsNullOrEmpty(uri))
            {
                return null;
            }

            var headers = (next!["headers"] as JsonArray ?? new JsonArray())
                .OfType<JsonObject>()
                .Select(h => new KeyValuePair<string, string>(PcJson.Text(h["key"]) ?? string.Empty, PcJson.Text(h["value"]) ?? string.Empty))
                .Where(h => h.Key.Length > 0 && !string.Equals(h.Key, "Authorization", StringComparison.OrdinalIgnoreCase))
                .ToList();
            return new PcNextLink(uri!, headers);
        }
    }
}
