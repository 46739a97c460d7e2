using CloudBlueMca.Engine.Http;
using System.Net;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Engine.PartnerCenter.Auth;
using Xunit;

namespace CloudBlueMca.Tests.PartnerCenter;

/// <summary>401 and 403 answers: which credential the call needs, what this connection is, and what the documented code means.</summary>
public sealed class PartnerCenterErrorsTests
{
    [Theory]
    [InlineData(401, """{"code":900420,"description":"Invalid Token","data":[],"source":"PartnerFD"}""", "ClientSecret", "app-only (ClientSecret)", "wrong audience")]
    [InlineData(401, """{"code":"900421","message":"MFA required","description":"MFA required","errorName":"MfaRequired","isRetryable":false}""", "RefreshToken", "app+user (RefreshToken)", "without multi-factor authentication")]
    [InlineData(403, """{"code":900150,"description":"The supplied role does not have the rights to perform the requested operation.","source":"PartnerFD"}""", "DeviceCode", "app+user (DeviceCode)", "Admin agent role")]
    [InlineData(403, """{"code":20002,"description":"Partner has no commerce relationship with the customer.","source":"PartnerFD"}""", "Certificate", "app-only (Certificate)", "no commerce relationship")]
    [InlineData(401, """{"code":800001,"description":"Partner token missing in request context","source":"PartnerFD"}""", "AccessToken", "app+user (AccessToken)", "no partner token reached")]
    [InlineData(403, """{"statusCode":403,"message":"Forbidden"}""", "Interactive", "app+user (Interactive)", "App management")]
    public void AnAuthorizationFailureExplainsTheCredentialAndTheCode(int status, string body, string kind, string connectionText, string advice)
    {
        var authenticationKind = Enum.Parse<PcAuthenticationKind>(kind);
        var connection = Connection(authenticationKind);
        var call = new PartnerCenterCall("get customer x", "https://api.partnercenter.microsoft.com/v1/customers/x", "Reading customers accepts app-only and app+user credentials.", "x");
        var correlationId = Guid.NewGuid();
        var requestId = Guid.NewGuid();

        var error = PartnerCenterErrors.FromResponse(call, (HttpStatusCode)status, PartnerCenterErrorBody.Parse(body), requestId, correlationId, connection);

        Assert.Equal(ErrorIds.PartnerCenterAuthorizationFailed, error.ErrorId);
        Assert.Equal(status == 401 ? ErrorKind.AuthenticationError : ErrorKind.PermissionDenied, error.Kind);
        Assert.Contains($"HTTP {status}", error.Message);
        Assert.Contains("accepts app-only and app+user credentials", error.Message);
        Assert.Contains("This connection is " + connectionText, error.Message);
        Assert.Contains(advice, error.Message);
        Assert.Contains($"MS-CorrelationId {correlationId}, MS-RequestId {requestId}", error.Message);
    }

    private static PcConnection Connection(PcAuthenticationKind kind)
    {
        var token = new PcAccessToken("eyJ.not.used", DateTimeOffset.UtcNow.AddHours(1));
        var appOnly = kind == PcAuthenticationKind.ClientSecret || kind == PcAuthenticationKind.Certificate;
        var endpoints = PcEndpoints.Resolve(PcEnvironment.Get(PcEnvironment.AzureCloud), null, null);
        return new PcConnection(endpoints, kind, "tenant", "app", appOnly, appOnly ? null : "admin@example.com", new StaticTokenSource(token), token, new HttpPipelineOptions());
    }
}
