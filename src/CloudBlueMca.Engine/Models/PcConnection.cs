using System;
using System.Threading.Tasks;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Http;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Engine.PartnerCenter.Auth;

namespace CloudBlueMca
{
    /// <summary>
    /// A signed-in Partner Center session: which cloud, tenant, application and account, and
    /// until when its current token is valid. It holds its tokens in memory and never shows them.
    /// </summary>
    public sealed class PcConnection
    {
        private readonly object _gate = new object();
        private ITokenSource? _tokens;
        private DateTimeOffset? _expiresOn;

        internal PcConnection(PcEndpoints endpoints, PcAuthenticationKind kind, string? tenantId, string? applicationId, bool isAppOnly, string? account, ITokenSource tokens, PcAccessToken firstToken, HttpPipelineOptions pipelineOptions)
        {
            Endpoints = endpoints;
            AuthenticationKind = kind;
            TenantId = tenantId;
            ApplicationId = applicationId;
            IsAppOnly = isAppOnly;
            Account = account;
            _tokens = tokens;
            _expiresOn = firstToken.ExpiresOn;
            ConnectedAt = DateTimeOffset.UtcNow;
            TimeoutSec = (int)Math.Ceiling(pipelineOptions.RequestTimeout.TotalSeconds);
            Client = new PartnerCenterClient(this, new HttpPipeline(pipelineOptions));
        }

        /// <summary>AzureCloud, AzureChinaCloud or AzureUSGovernment.</summary>
        public string Environment => Endpoints.Environment.Name;

        public string? TenantId { get; }

        public string? ApplicationId { get; }

        public PcAuthenticationKind AuthenticationKind { get; }

        /// <summary>True for application-only tokens (client secret, certificate); false when a user signed in (app+user).</summary>
        public bool IsAppOnly { get; }

        /// <summary>The signed-in user's name, when known.</summary>
        public string? Account { get; }

        /// <summary>When the current access token expires; renewing credentials renew it before then.</summary>
        public DateTimeOffset? ExpiresOn
        {
            get
            {
                lock (_gate)
                {
                    return _expiresOn;
                }
            }
        }

        /// <summary>The REST base, e.g. https://api.partnercenter.microsoft.com/ (any /v1 the user typed removed).</summary>
        public Uri ApiUri => Endpoints.ApiUri;

        /// <summary>Where requests go: the same as <see cref="ApiUri"/>; named alike on <see cref="CloudBlueConnection"/>.</summary>
        public Uri Endpoint => ApiUri;

        /// <summary>When Connect-PcService succeeded (UTC).</summary>
        public DateTimeOffset ConnectedAt { get; }

        /// <summary>Seconds one request may take before it fails with RequestTimedOut (Connect-PcService -TimeoutSec; default 100).</summary>
        public int TimeoutSec { get; }

        /// <summary>False once Disconnect-PcService closed this connection.</summary>
        public bool IsConnected
        {
            get
            {
                lock (_gate)
                {
                    return _tokens != null;
                }
            }
        }

        internal PcEndpoints Endpoints { get; }

        internal PartnerCenterClient Client { get; }

        /// <summary>A valid token for the next call, renewed silently when the credential allows.</summary>
        internal async Task<PcAccessToken> GetTokenAsync(OperationContext context)
        {
            ITokenSource? tokens;
            lock (_gate)
            {
                tokens = _tokens;
            }

            if (tokens == null)
            {
                throw NotConnectedErrors.PartnerCenterClosed(ApiUri.ToString());
            }

            var token = await tokens.GetTokenAsync(context).ConfigureAwait(false);
            lock (_gate)
            {
                _expiresOn = token.ExpiresOn;
            }

            return token;
        }

        /// <summary>Drops the token source, and with it the MSAL application and its in-memory cache.</summary>
        internal void Close()
        {
            lock (_gate)
            {
                _tokens = null;
            }

            Client.Dispose();
        }

        public override string ToString() =>
            $"Partner Center {Environment} ({(IsAppOnly ? "app-only" : "app+user")}, {AuthenticationKind}) tenant {TenantId ?? "?"}, {Account ?? ApplicationId}";
    }
}
