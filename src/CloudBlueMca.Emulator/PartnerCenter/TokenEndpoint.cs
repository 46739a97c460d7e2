namespace CloudBlueMca.Emulator.PartnerCenter;

/// <summary>
/// The OAuth 2.0 v2 endpoints of one Entra authority, served under
/// <c>/{authorityHost}/{tenant}/oauth2/v2.0/…</c> so a client that rewrites
/// <c>https://login.microsoftonline.com/…</c> to the emulator keeps the authority host visible
/// and the emulator can record which cloud the client chose. Grants: client credentials (secret
/// or certificate assertion), refresh token (rotating) and device code.
/// </summary>
internal sealed class TokenEndpoint
{
    // RFC 8628's grant type; Entra's v2 endpoint also takes the short form MSAL sends.
    private const string DeviceCodeGrantType = "urn:ietf:params:oauth:grant-type:device_code";
    private const string DeviceCodeGrantTypeShort = "device_code";
    private const string JwtBearerAssertionType = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";

    private readonly PartnerCenterStore _store;

    public TokenEndpoint(PartnerCenterStore store)
    {
        _store = store;
    }

    public async Task<IResult> TokenAsync(HttpContext context, string authorityHost, string tenant)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var grantType = (string?)form["grant_type"];
        var (error, body) = Token(authorityHost, tenant, form);
        Record(authorityHost, tenant, "token", grantType, form, error);
        return error?.ToResult() ?? Results.Json(body);
    }

    public async Task<IResult> DeviceCodeAsync(HttpContext context, string authorityHost, string tenant)
    {
        var form = await context.Request.ReadFormAsync(context.RequestAborted);
        var error = CheckTenant(tenant, appOnly: false) ?? CheckApplicationExists(form);
        var scope = PartnerCenterResources.Find(form["scope"]);
        if (error is null && scope is null)
        {
            error = UnknownResource(form["scope"]);
        }

        Record(authorityHost, tenant, "devicecode", null, form, error);
        if (error is not null)
        {
            return error.ToResult();
        }

        var grant = _store.Tokens.StartDeviceCode(UserSubject((string)form["client_id"]!));
        var verificationUri = "https://microsoft.com/devicelogin";
        return Results.Json(new
        {
            user_code = grant.UserCode,
            device_code = grant.DeviceCode,
            verification_uri = verificationUri,
            expires_in = 900,
            interval = 1,
            message = $"To sign in, use a web browser to open the page {verificationUri} and enter the code {grant.UserCode} to authenticate. (Emulator: the sign-in completes by itself.)",
        });
    }

    private (OAuthError? Error, object? Body) Token(string authorityHost, string tenant, IFormCollection form)
    {
        var grantType = (string?)form["grant_type"];
        var error = CheckTenant(tenant, appOnly: grantType == "client_credentials")
            ?? CheckApplicationExists(form)
            ?? AuthenticateClient(form, authorityHost, tenant);
        if (error is not null)
        {
            return (error, null);
        }

        var clientId = (string)form["client_id"]!;
        var scope = PartnerCenterResources.Find(form["scope"]);
        if (scope is null)
        {
            return (UnknownResource(form["scope"]), null);
        }

        return grantType switch
        {
            "client_credentials" => ClientCredentials(clientId, scope),
            "refresh_token" => RefreshToken(clientId, scope, form["refresh_token"]),
            DeviceCodeGrantType or DeviceCodeGrantTypeShort => DeviceCode(clientId, scope, form["device_code"]),
            _ => (new OAuthError(400, "unsupported_grant_type", 70003, $"The app requested an unsupported grant type '{grantType}'."), null),
        };
    }

    private (OAuthError?, object?) ClientCredentials(string clientId, RequestedScope scope)
    {
        if (!scope.IsDefault)
        {
            return (new OAuthError(400, "invalid_scope", 1002012, $"The provided value for scope {scope.Scope} is not valid. Client credential flows must have a scope value with /.default suffixed to the resource identifier (application ID URI)."), null);
        }

        var subject = new TokenSubject(clientId, PartnerCenterStore.PartnerTenantId, null, null);
        var lifetime = _store.Options.AccessTokenLifetime;
        return (null, new
        {
            token_type = "Bearer",
            expires_in = (long)lifetime.TotalSeconds,
            ext_expires_in = (long)lifetime.TotalSeconds,
            access_token = _store.Tokens.IssueAccessToken(subject, scope.Resource, lifetime),
        });
    }

    private (OAuthError?, object?) RefreshToken(string clientId, RequestedScope scope, string? refreshToken)
    {
        var subject = refreshToken is null ? null : _store.Tokens.RedeemRefreshToken(refreshToken);
        if (subject is null)
        {
            return (new OAuthError(400, "invalid_grant", 9002313, "The refresh token is malformed, expired, or was already used (refresh tokens rotate: use the newest one)."), null);
        }

        if (!string.Equals(subject.ClientId, clientId, StringComparison.OrdinalIgnoreCase))
        {
            return (new OAuthError(400, "invalid_grant", 700007, "Refresh token was issued to a different client id."), null);
        }

        return (null, UserTokens(subject, scope));
    }

    private (OAuthError?, object?) DeviceCode(string clientId, RequestedScope scope, string? deviceCode)
    {
        var grant = deviceCode is null ? null : _store.Tokens.PollDeviceCode(deviceCode);
        if (grant is null || !string.Equals(grant.Subject.ClientId, clientId, StringComparison.OrdinalIgnoreCase))
        {
            return (new OAuthError(400, "expired_token", 70020, "The provided value for the input parameter 'device_code' is not valid or has expired."), null);
        }

        return grant.IsPending ? (OAuthError.AuthorizationPending(), null) : (null, UserTokens(grant.Subject, scope));
    }

    private object UserTokens(TokenSubject subject, RequestedScope scope)
    {
        var lifetime = _store.Options.AccessTokenLifetime;
        var clientInfo = System.Text.Json.JsonSerializer.Serialize(new { uid = subject.UserObjectId, utid = subject.TenantId });
        return new
        {
            token_type = "Bearer",
            scope = scope.Scope,
            expires_in = (long)lifetime.TotalSeconds,
            ext_expires_in = (long)lifetime.TotalSeconds,
            access_token = _store.Tokens.IssueAccessToken(subject, scope.Resource, lifetime),
            refresh_token = _store.Tokens.IssueRefreshToken(subject),
            id_token = _store.Tokens.IssueIdToken(subject),
            client_info = EmulatorJwt.Base64Url(System.Text.Encoding.UTF8.GetBytes(clientInfo)),
        };
    }

    private static TokenSubject UserSubject(string clientId) =>
        new(clientId, PartnerCenterStore.PartnerTenantId, PartnerCenterStore.DemoUserPrincipalName, PartnerCenterStore.DemoUserObjectId);

    private static OAuthError? CheckTenant(string tenant, bool appOnly)
    {
        var isPartnerTenant = string.Equals(tenant, PartnerCenterStore.PartnerTenantId, StringComparison.OrdinalIgnoreCase)
            || string.Equals(tenant, PartnerCenterStore.PartnerTenantDomain, StringComparison.OrdinalIgnoreCase);
        var isMultiTenant = tenant is "organizations" or "common";
        if (isPartnerTenant || (isMultiTenant && !appOnly))
        {
            return null;
        }

        return isMultiTenant
            ? new OAuthError(400, "invalid_request", 1002015, $"Use a tenant-specific endpoint for client credentials, not '{tenant}'.")
            : new OAuthError(400, "invalid_request", 90002, $"Tenant '{tenant}' not found. Check to make sure you have the correct tenant ID and are signing into the correct cloud.");
    }

    private OAuthError? CheckApplicationExists(IFormCollection form) =>
        _store.FindApplication(form["client_id"]) is null
            ? new OAuthError(400, "unauthorized_client", 700016, $"Application with identifier '{(string?)form["client_id"]}' was not found in the directory '{PartnerCenterStore.PartnerTenantDomain}'.")
            : null;

    private OAuthError? AuthenticateClient(IFormCollection form, string authorityHost, string tenant)
    {
        var application = _store.FindApplication(form["client_id"])!;
        var secret = (string?)form["client_secret"];
        var assertion = (string?)form["client_assertion"];
        if (application.IsPublicClient)
        {
            return secret is null && assertion is null
                ? null
                : new OAuthError(401, "invalid_client", 700025, "Client is public so neither 'client_assertion' nor 'client_secret' should be presented.");
        }

        if (secret is not null)
        {
            return application.ClientSecret is not null && secret == application.ClientSecret
                ? null
                : new OAuthError(401, "invalid_client", 7000215, "Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.");
        }

        if (assertion is not null)
        {
            if ((string?)form["client_assertion_type"] != JwtBearerAssertionType)
            {
                return new OAuthError(401, "invalid_client", 700027, $"client_assertion_type must be '{JwtBearerAssertionType}'.");
            }

            var failure = application.Certificate is null
                ? "the application has no certificate registered"
                : ClientAssertionValidator.Validate(assertion, application.Certificate, application.ClientId, authorityHost, tenant);
            return failure is null ? null : new OAuthError(401, "invalid_client", 700027, $"Client assertion failed signature validation: {failure}.");
        }

        return new OAuthError(401, "invalid_client", 7000218, "The request body must contain the following parameter: 'client_assertion' or 'client_secret'.");
    }

    private static OAuthError UnknownResource(string? scope) =>
        new(400, "invalid_resource", 500011, $"The resource principal named in scope '{scope}' was not found in the tenant. Request a Partner Center scope, for example https://api.partnercenter.microsoft.com/.default.");

    private void Record(string authorityHost, string tenant, string endpoint, string? grantType, IFormCollection form, OAuthError? error) =>
        _store.Record(new TokenRequestRecord(
            authorityHost,
            tenant,
            endpoint,
            grantType,
            form["client_id"],
            form["scope"],
            form.ContainsKey("client_secret"),
            form.ContainsKey("client_assertion"),
            error?.Error));
}
