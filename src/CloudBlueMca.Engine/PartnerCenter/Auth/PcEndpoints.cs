using System;
using System.Linq;
using CloudBlueMca.Engine.Http;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>
    /// Where one connection sends its requests: the REST base, and the Entra authority MSAL sees.
    /// MSAL only accepts https authorities, so a loopback <c>http://</c> authority (the emulator)
    /// is split in two: MSAL gets <c>https://{authorityHost}/{tenant}</c> and
    /// <see cref="AuthorityTransport"/> names the loopback base its requests are rewritten to,
    /// as <c>{transport}{authorityHost}/{tenant}/…</c>, so the authority host stays visible.
    /// </summary>
    internal sealed class PcEndpoints
    {
        private PcEndpoints(PcEnvironment environment, Uri apiUri, string authorityHost, Uri? authorityTransport)
        {
            Environment = environment;
            ApiUri = apiUri;
            AuthorityHost = authorityHost;
            AuthorityTransport = authorityTransport;
        }

        public PcEnvironment Environment { get; }

        public Uri ApiUri { get; }

        /// <summary>Host (and port) of the https authority MSAL is given.</summary>
        public string AuthorityHost { get; }

        /// <summary>Loopback base MSAL's requests to <see cref="AuthorityHost"/> are rewritten to; null for none.</summary>
        public Uri? AuthorityTransport { get; }

        /// <summary>
        /// A host outside the environment table (or a rewritten one) has no Entra instance
        /// metadata, so MSAL must neither validate it nor run instance discovery.
        /// </summary>
        public bool IsCustomAuthority =>
            AuthorityTransport != null || PcEnvironment.All.All(e => !string.Equals(e.AuthorityHost, AuthorityHost, StringComparison.OrdinalIgnoreCase));

        public string Authority(string tenant) => $"https://{AuthorityHost}/{tenant}/";

        /// <summary>
        /// The authority MSAL's requests for <paramref name="tenant"/> actually go to, for messages:
        /// the loopback transport when there is one, so an admin is never pointed at a host that
        /// was not called.
        /// </summary>
        public string CalledAuthority(string tenant) =>
            AuthorityTransport == null ? Authority(tenant) : $"{AuthorityTransport}{AuthorityHost}/{tenant}/";

        /// <param name="apiUri">Overrides the environment's REST base (https, or http on loopback).</param>
        /// <param name="authority">
        /// Overrides the authority host: <c>https://host</c>, or a loopback
        /// <c>http://127.0.0.1:port/[authorityHost]</c> whose optional single path segment names the
        /// authority host to emulate (the environment's when absent). The tenant is never part of
        /// it; it comes from -TenantId.
        /// </param>
        public static PcEndpoints Resolve(PcEnvironment environment, Uri? apiUri, Uri? authority)
        {
            var api = apiUri == null ? environment.ApiUri : EndpointPolicy.NormalizeBaseUri(apiUri.OriginalString, "ApiUri", "v1");
            if (authority == null)
            {
                return new PcEndpoints(environment, api, environment.AuthorityHost, null);
            }

            var normalized = EndpointPolicy.NormalizeBaseUri(authority.OriginalString, "Authority");
            var segments = normalized.AbsolutePath.Split(new[] { '/' }, StringSplitOptions.RemoveEmptyEntries);
            if (normalized.Scheme == Uri.UriSchemeHttps)
            {
                if (segments.Length != 0)
                {
                    throw InvalidAuthority(authority, "give the authority host only (for example https://login.microsoftonline.us); the tenant comes from -TenantId");
                }

                return new PcEndpoints(environment, api, normalized.Authority, null);
            }

            if (segments.Length > 1)
            {
                throw InvalidAuthority(authority, "a loopback authority may name one authority host after the port (for example http://127.0.0.1:5880/login.microsoftonline.com); the tenant comes from -TenantId");
            }

            var host = segments.Length == 1 ? segments[0] : environment.AuthorityHost;
            var transport = new Uri(normalized.GetLeftPart(UriPartial.Authority) + "/");
            return new PcEndpoints(environment, api, host, transport);
        }

        private static CloudBlueMcaException InvalidAuthority(Uri authority, string reason) =>
            new CloudBlueMcaException(ErrorIds.InvalidEndpoint, ErrorKind.InvalidArgument, $"-Authority '{authority}' is not usable: {reason}.", authority);
    }
}
