using CloudBlueMca.Engine.PartnerCenter;
using Xunit;

namespace CloudBlueMca.Tests.PartnerCenter;

public sealed class PcCustomerReaderTests
{
    [Theory]
    [InlineData("example.onmicrosoft.com", "example")]
    [InlineData("Contoso.OnMicrosoft.com", "contoso")]
    [InlineData("contoso.com", null)]
    [InlineData("a.b.onmicrosoft.com", null)]
    [InlineData(".onmicrosoft.com", null)]
    [InlineData(null, null)]
    public void InitialSubdomainIsTheLabelBeforeOnMicrosoftCom(string? domain, string? expected)
    {
        Assert.Equal(expected, CloudBlueMca.Engine.Mca.InitialSubdomain.OfOnMicrosoftDomain(domain));
    }

    [Fact]
    public void UnknownEnumValuesAndUnknownMembersPassThrough()
    {
        var json = (System.Text.Json.Nodes.JsonObject)System.Text.Json.Nodes.JsonNode.Parse(
            """{"id":"3f8a1aff-6a93-4b2c-b734-93b66497af4c","relationshipToPartner":"some_future_value","enableGDAPByDefault":true,"allowDelegatedAccess":"yes"}""",
            new System.Text.Json.Nodes.JsonNodeOptions { PropertyNameCaseInsensitive = true })!;

        var customer = PcCustomerReader.Read(json);

        Assert.Equal("some_future_value", customer.RelationshipToPartner);
        Assert.Null(customer.AllowDelegatedAccess);
        Assert.Null(customer.CompanyProfile);
        Assert.Null(customer.Domain);
    }
}

public sealed class PartnerCenterErrorBodyTests
{
    [Theory]
    [InlineData("""{"code":0,"description":"The provided value 'none' is not a valid OrderStatus.","data":[],"source":"PartnerFD"}""", "0", null, "The provided value 'none' is not a valid OrderStatus.")]
    [InlineData("""{"code":"900420","description":"Invalid Token","data":[],"source":"PartnerFD"}""", "900420", null, "Invalid Token")]
    [InlineData("""{"code":600061,"message":"Agreement already exists.","description":"Agreement already exists.","errorName":"PartnerConfirmedAgreementAlreadyExists","isRetryable":false,"parameters":{},"errorMessageExtended":"InternalErrorCode=600061"}""", "600061", "PartnerConfirmedAgreementAlreadyExists", "Agreement already exists.")]
    [InlineData("""{"statusCode":429,"message":"Rate limit is exceeded. Try again in 57 seconds."}""", null, null, "Rate limit is exceeded. Try again in 57 seconds.")]
    [InlineData("<html>Bad gateway</html>", null, null, "<html>Bad gateway</html>")]
    [InlineData("", null, null, "(empty body)")]
    public void EveryDocumentedShapeGivesItsCodeAndText(string body, string? code, string? name, string text)
    {
        var parsed = PartnerCenterErrorBody.Parse(body);

        Assert.Equal((code, name, text), (parsed.Code, parsed.Name, parsed.Text));
    }
}
