using System;
using System.Collections.Generic;
using System.Linq;
using System.Net;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CloudBlueMca.Engine.Aps;
using CloudBlueMca.Engine.Aps.Rql;
using CloudBlueMca.Engine.Http;

namespace CloudBlueMca.Engine.CloudBlue
{
    /// <summary>
    /// Opens a connection to a CloudBlue brand endpoint: validates the input without sending
    /// anything, checks the credentials with <c>GET /aps</c>, and settles the Microsoft 365
    /// application instance (given and checked with one GET, or discovered when exactly one exists).
    /// </summary>
    internal static class CloudBlueConnector
    {
        /// <summary>Unversioned, as CloudBlue's own code looks platform services up (reference §5.5).</summary>
        public const string ApplicationTypeId = "http://www.parallels.com/Office365/Office365app";

        /// <summary>Enough to tell one instance from several; a platform never has more than a handful.</summary>
        private const int MaxInstancesListed = 100;

        private const string HowToSetInstance =
            "Commands that call the application's checkAccount operation, such as Test-McaAcceptance, need it: run Connect-CloudBlue again with -ApplicationInstanceId <APS ID of the instance>.";

        public static async Task<CloudBlueConnection> ConnectAsync(CloudBlueConnectRequest request, OperationContext ctx)
        {
            var baseUri = EndpointPolicy.NormalizeBaseUri(request.Uri, "Uri", "aps/2", "aps");
            Validate(request);

            var signer = new OAuth1Signer(request.ConsumerKey, new NetworkCredential(string.Empty, request.ConsumerSecret).Password);
            var pipeline = request.Pipeline with
            {
                SkipCertificateCheck = request.SkipCertificateCheck,
                RequestTimeout = request.Timeout ?? request.Pipeline.RequestTimeout,
                MaxTotalTime = Max(request.Pipeline.MaxTotalTime, request.Timeout ?? TimeSpan.Zero),
            };
            var probeTimeout = request.Timeout ?? Min(CloudBlueConnectRequest.ConnectProbeTimeout, pipeline.RequestTimeout);
            var client = new ApsClient(baseUri, signer, new HttpPipeline(pipeline));
            ctx.Log.Verbose($"Connecting to {baseUri}: connect requests time out after {probeTimeout.TotalSeconds:0} s, later requests after {pipeline.RequestTimeout.TotalSeconds:0} s.");
            try
            {
                await CheckCredentialsAsync(client, probeTimeout, ctx).ConfigureAwait(false);
                var applicationInstanceId = request.ApplicationInstanceId != null
                    ? await CheckApplicationInstanceAsync(client, request.ApplicationInstanceId, probeTimeout, ctx).ConfigureAwait(false)
                    : await DiscoverApplicationInstanceAsync(client, probeTimeout, ctx).ConfigureAwait(false);
                ctx.Log.Verbose($"Connected to {baseUri} with consumer key '{request.ConsumerKey}'; Microsoft 365 application instance: {applicationInstanceId ?? "not set"}.");
                return new CloudBlueConnection(client, applicationInstanceId, request.TenantTypeId, request.SkipCertificateCheck, DateTimeOffset.UtcNow, pipeline.RequestTimeout);
            }
            catch
            {
                client.Dispose();
                throw;
            }
        }

        private static void Validate(CloudBlueConnectRequest request)
        {
            if (string.IsNullOrWhiteSpace(request.ConsumerKey))
            {
                throw new CloudBlueMcaException(ErrorIds.InvalidCredential, ErrorKind.InvalidArgument, "The credential has no user name. Pass the OAuth consumer key as the user name and the consumer secret as the password of -Credential.");
            }

            if (request.ConsumerSecret.Length == 0)
            {
                throw new CloudBlueMcaException(ErrorIds.InvalidCredential, ErrorKind.InvalidArgument, $"The credential for consumer key '{request.ConsumerKey}' has an empty password. Pass the OAuth consumer secret as the password of -Credential.", request.ConsumerKey);
            }

            if (request.ApplicationInstanceId != null && !Guid.TryParse(request.ApplicationInstanceId, out _))
            {
                throw new CloudBlueMcaException(ErrorIds.InvalidApplicationInstanceId, ErrorKind.InvalidArgument, $"-ApplicationInstanceId '{request.ApplicationInstanceId}' is not an APS ID; APS IDs are UUIDs such as 498c7d95-54ef-45c1-9877-da03ec230993.", request.ApplicationInstanceId);
            }

            if (!RqlName.IsValidTypeId(request.TenantTypeId))
            {
                throw new CloudBlueMcaException(ErrorIds.InvalidTypeId, ErrorKind.InvalidArgument, $"-TenantTypeId '{request.TenantTypeId}' is not an APS type id such as {CloudBlueConnectRequest.DefaultTenantTypeId}.", request.TenantTypeId);
            }
        }

        private static async Task CheckCredentialsAsync(ApsClient client, TimeSpan timeout, OperationContext ctx)
        {
            try
            {
                await client.GetVersionAsync(ctx, timeout).ConfigureAwait(false);
            }
            catch (ApsRequestException ex) when (ex.StatusCode == 401 || ex.StatusCode == 403)
            {
                var serverText = ex.ServerMessage ?? ex.ErrorClass;
                throw new CloudBlueMcaException(
                    ErrorIds.AuthenticationFailed,
                    ErrorKind.AuthenticationError,
                    $"CloudBlue at {client.BaseUri} rejected the OAuth consumer key '{client.ConsumerKey}' (HTTP {ex.StatusCode}{(serverText == null ? string.Empty : ": " + serverText)}). Check the key and secret on the staff member's APS Bus Access tab in the Provider Control Panel, and that this computer's clock is correct.",
                    client.BaseUri.ToString(),
                    ex);
            }
            catch (CloudBlueMcaException ex) when (ex.ErrorId == ErrorIds.EndpointUnreachable)
            {
                throw new CloudBlueMcaException(ErrorIds.EndpointUnreachable, ErrorKind.ConnectionError, Sentences.Join($"Cannot reach CloudBlue at {client.BaseUri}", ex.Message), client.BaseUri.ToString(), ex);
            }
        }

        /// <summary>
        /// A well-formed but wrong id would otherwise surface only at the first checkAccount, as
        /// a customer that does not exist; one GET of the instance names the real fault now. A key
        /// that may not read the instance (403) cannot tell, so the id is kept with a warning.
        /// </summary>
        private static async Task<string> CheckApplicationInstanceAsync(ApsClient client, string applicationInstanceId, TimeSpan timeout, OperationContext ctx)
        {
            JsonObject instance;
            try
            {
                instance = await client.GetResourceAsync(applicationInstanceId, ctx, timeout).ConfigureAwait(false);
            }
            catch (ApsRequestException ex) when (ex.StatusCode == 404)
            {
                throw new CloudBlueMcaException(
                    ErrorIds.InvalidApplicationInstanceId,
                    ErrorKind.ObjectNotFound,
                    $"-ApplicationInstanceId '{applicationInstanceId}' names no resource at {client.BaseUri} that this OAuth key can see (GET {ex.RequestUrl} answered HTTP 404). Omit -ApplicationInstanceId to discover the Microsoft 365 application instance, or ask your provider for its APS ID (Provider Control Panel: Services > Applications > APS Connectors > Microsoft 365 > Instances).",
                    applicationInstanceId,
                    ex);
            }
            catch (ApsRequestException ex) when (ex.StatusCode == 403)
            {
                ctx.Log.Warning($"The OAuth key may not read the application instance '{applicationInstanceId}' (HTTP 403), so it was not checked; commands that call checkAccount will fail if it is wrong.");
                return applicationInstanceId;
            }

            var type = instance["aps"] is JsonObject aps && aps["type"] is JsonValue value && value.TryGetValue(out string? text) ? text : null;
            if (type == null || !(type == ApplicationTypeId || type.StartsWith(ApplicationTypeId + "/", StringComparison.Ordinal)))
            {
                throw new CloudBlueMcaException(
                    ErrorIds.InvalidApplicationInstanceId,
                    ErrorKind.InvalidArgument,
                    $"-ApplicationInstanceId '{applicationInstanceId}' at {client.BaseUri} is a resource of type '{type ?? "(none)"}', not an instance of the Microsoft 365 application ({ApplicationTypeId}). Omit -ApplicationInstanceId to discover the instance, or pass the APS ID of the Microsoft 365 application instance.",
                    applicationInstanceId);
            }

            return applicationInstanceId;
        }

        /// <summary>
        /// Exactly one instance is used. None or several are not an error here, because most
        /// commands work without it: the user is warned now, and only commands that call the
        /// application's operations fail later, through RequireApplicationInstanceId.
        /// </summary>
        private static async Task<string?> DiscoverApplicationInstanceAsync(ApsClient client, TimeSpan timeout, OperationContext ctx)
        {
            IReadOnlyList<JsonObject> instances;
            try
            {
                var page = await client.GetPageAsync(new RqlQuery(Rql.Implementing(ApplicationTypeId), Rql.Select("aps.id")), 0, MaxInstancesListed, ctx, timeout).ConfigureAwait(false);
                instances = page.Items;
            }
            catch (ApsRequestException ex)
            {
                ctx.Log.Warning(Sentences.Join($"Could not look up the Microsoft 365 application instance at {client.BaseUri}: {ex.Message}", HowToSetInstance));
                return null;
            }

            var ids = instances.Select(ApsIdOf).Where(id => id != null).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            switch (ids.Count)
            {
                case 1:
                    return ids[0];
                case 0:
                    ctx.Log.Warning($"No Microsoft 365 application instance was found at {client.BaseUri} (implementing({ApplicationTypeId}) returned none). {HowToSetInstance}");
                    return null;
                default:
                    ctx.Log.Warning($"Found {ids.Count} Microsoft 365 application instances at {client.BaseUri}: {string.Join(", ", ids)}. {HowToSetInstance}");
                    return null;
            }
        }

        private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

        private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

        private static string? ApsIdOf(JsonObject resource) =>
            resource["aps"] is JsonObject aps && aps["id"] is JsonValue id && id.TryGetValue(out string? text) && !string.IsNullOrWhiteSpace(text) ? text : null;
    }
}
