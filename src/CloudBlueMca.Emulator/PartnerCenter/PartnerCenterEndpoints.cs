using System.Text.Json.Nodes;

namespace CloudBlueMca.Emulator.PartnerCenter;

internal static class PartnerCenterEndpoints
{
    private const string RequestIdHeader = "MS-RequestId";
    private const string CorrelationIdHeader = "MS-CorrelationId";
    private const string TokenItem = "CloudBlueMca.PartnerCenter.Token";

    public static void MapPartnerCenter(this WebApplication app, PartnerCenterStore store)
    {
        var tokens = new TokenEndpoint(store);
        app.MapPost("/{authorityHost}/{tenant}/oauth2/v2.0/token", (HttpContext context, string authorityHost, string tenant) => tokens.TokenAsync(context, authorityHost, tenant));
        app.MapPost("/{authorityHost}/{tenant}/oauth2/v2.0/devicecode", (HttpContext context, string authorityHost, string tenant) => tokens.DeviceCodeAsync(context, authorityHost, tenant));

        var customers = new CustomerEndpoints(store);
        var api = app.MapGroup("/v1").AddEndpointFilter((context, next) => AuthorizeAndEcho(context, next, store));
        api.MapGet("/customers", (HttpRequest request) => customers.List(request));
        api.MapGet("/customers/{id}", (string id) => customers.GetById(id));

        var agreements = new AgreementEndpoints(store);
        var appUser = api.MapGroup(string.Empty).AddEndpointFilter(RequireAppUser);
        appUser.MapGet("/agreements", (HttpRequest request) => AgreementEndpoints.Metadata(request));
        appUser.MapGet("/customers/{id}/agreements", (string id, HttpRequest request) => agreements.List(id, request));
        appUser.MapPost("/customers/{id}/agreements", (string id, HttpContext context) => agreements.CreateAsync(id, context, UserObjectId(context)));
        appUser.MapGet("/customers/{id}/directSignedMicrosoftCustomerAgreementStatus", (string id) => agreements.DirectSignStatus(id));
    }

    /// <summary>
    /// Every Partner Center API answer echoes MS-RequestId and MS-CorrelationId (generated when
    /// absent, reference §3.2) and needs a valid bearer token issued by this emulator.
    /// </summary>
    private static async ValueTask<object?> AuthorizeAndEcho(EndpointFilterInvocationContext context, EndpointFilterDelegate next, PartnerCenterStore store)
    {
        var http = context.HttpContext;
        http.Response.Headers[RequestIdHeader] = EchoOrNew(http.Request.Headers[RequestIdHeader]);
        http.Response.Headers[CorrelationIdHeader] = EchoOrNew(http.Request.Headers[CorrelationIdHeader]);

        var check = store.Tokens.CheckBearer(http.Request.Headers.Authorization);
        switch (check.Status)
        {
            case BearerStatus.Valid:
                http.Items[TokenItem] = check.Token;
                return await next(context);
            case BearerStatus.Missing:
                return Unauthorized(http, "800001", "Partner token missing in request context: send Authorization: Bearer <token>.");
            case BearerStatus.Expired:
                // No code of its own is documented for an expired token; 900420 is "invalid token".
                return Unauthorized(http, "900420", "Invalid Token: the access token has expired.");
            case BearerStatus.WrongAudience:
                return Unauthorized(http, "900420", $"Invalid Token: the audience '{(string?)check.Token?.Payload["aud"]}' is not supported. Request a token for https://api.partnercenter.microsoft.com.");
            default:
                return Unauthorized(http, "900420", "Invalid Token: the token was not issued by this authority.");
        }
    }

    /// <summary>
    /// The agreement APIs are app+user only (reference §2.1). What the service answers an
    /// app-only token is not documented (§8.4); the emulator answers 403 with 900150, the code for
    /// "the supplied role does not have the rights", and the text users saw for app credentials.
    /// </summary>
    private static async ValueTask<object?> RequireAppUser(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (UserObjectId(context.HttpContext).Length > 0)
        {
            return await next(context);
        }

        return ApiFault.Result(403, "900150", "This resource can't be accessed by application credentials: the agreement APIs need an app+user token.");
    }

    private static string UserObjectId(HttpContext http) =>
        http.Items[TokenItem] is ParsedJwt token && token.Payload["oid"] is JsonValue oid && oid.TryGetValue(out string? id) ? id ?? string.Empty : string.Empty;

    private static IResult Unauthorized(HttpContext http, string code, string description)
    {
        http.Response.Headers.WWWAuthenticate = "OAuth realm=urn:cpsvc:cpid:emulator";
        return ApiFault.Result(401, code, description);
    }

    private static string EchoOrNew(string? value) => string.IsNullOrEmpty(value) ? Guid.NewGuid().ToString() : value;
}
