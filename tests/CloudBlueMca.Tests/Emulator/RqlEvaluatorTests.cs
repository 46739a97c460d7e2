using System.Text.Json.Nodes;
using CloudBlueMca.Emulator.Aps.Rql;
using Xunit;

namespace CloudBlueMca.Tests.Emulator;

public class RqlEvaluatorTests
{
    private const string AccountId = "a0000000-0000-4000-8000-000000000001";

    private static readonly JsonObject Account = JsonNode.Parse(
        "{\"aps\":{\"id\":\"" + AccountId + "\",\"type\":\"http://parallels.com/aps/types/pa/account/1.2\"},\"id\":1000011,\"companyName\":\"Example Ltd\"}")!.AsObject();

    private static readonly JsonObject Tenant = JsonNode.Parse("""
        {
          "is_activated": "yes",
          "aps": { "id": "6fcff2c9-de5c-4eb3-b2b7-d5722cc29338", "type": "http://www.parallels.com/Office365/Tenant/2.8", "status": "aps:ready", "revision": 18 },
          "ms_account_id": "0ec8e245-2509-44b9-a184-a313345db839",
          "initial_subdomain": "example",
          "domain_name": "example.onmicrosoft.com",
          "totalSeatsSold": { "usage": 5, "limit": -1 },
          "cloud_agreement_contact": null,
          "account": { "aps": { "link": "strong", "href": "/aps/2/resources/a0000000-0000-4000-8000-000000000001", "id": "a0000000-0000-4000-8000-000000000001" } }
        }
        """)!.AsObject();

    private static readonly RqlEvaluator Evaluator = new(id => id == AccountId ? Account : null);

    [Theory]
    [InlineData("implementing(http://www.parallels.com/Office365/Tenant/2.8),eq(initial_subdomain,example)", true)]
    [InlineData("implementing(http://www.parallels.com/Office365/Tenant),eq(initial_subdomain,example)", true)]
    [InlineData("implementing(http://www.parallels.com/Office365/Tenant/2.9)", false)]
    [InlineData("implementing(http://www.parallels.com/Office365/Ten)", false)]
    [InlineData("eq(initial_subdomain,Example)", false)]
    [InlineData("eq(aps.status,aps:ready)", true)]
    [InlineData("eq(aps.revision,18)", true)]
    [InlineData("eq(totalSeatsSold.limit,-1)", true)]
    [InlineData("eq(account.id,1000011)", true)]
    [InlineData("eq(account.id,1000012)", false)]
    [InlineData("eq(account.companyName,Example%20Ltd)", true)]
    [InlineData("eq(account.aps.id,a0000000-0000-4000-8000-000000000001)", true)]
    [InlineData("ne(initial_subdomain,example)", false)]
    [InlineData("in(initial_subdomain,(contoso,example))", true)]
    [InlineData("out(initial_subdomain,(contoso,example))", false)]
    [InlineData("out(initial_subdomain,(contoso))", true)]
    [InlineData("like(domain_name,*.onmicrosoft.com)", true)]
    [InlineData("like(domain_name,exampl?.onmicrosoft.com)", true)]
    [InlineData("like(domain_name,exam?.onmicrosoft.com)", false)]
    [InlineData("like(domain_name,example%2A)", false)]
    [InlineData("like(initial_subdomain,ex*)", true)]
    [InlineData("eq(cloud_agreement_contact,null())", true)]
    [InlineData("eq(no_such_property,null())", true)]
    [InlineData("eq(initial_subdomain,null())", false)]
    [InlineData("and(eq(initial_subdomain,example),not(eq(is_activated,no)))", true)]
    [InlineData("or(eq(initial_subdomain,contoso),eq(is_activated,no))", false)]
    [InlineData("eq(no.such.path,x)", false)]
    public void EvaluatesTheSubset(string query, bool expected)
    {
        Assert.Equal(expected, Evaluator.Matches(RqlParser.Parse(query), Tenant));
    }

    [Fact]
    public void AHostileEscapedValueMatchesOnlyTheLiteral()
    {
        var resource = JsonNode.Parse("{\"name\":\"x),ne(a,b\"}")!.AsObject();

        Assert.True(Evaluator.Matches(RqlParser.Parse("eq(name," + Uri.EscapeDataString("x),ne(a,b") + ")"), resource));
        Assert.False(Evaluator.Matches(RqlParser.Parse("eq(name,x)"), resource));
    }

    [Fact]
    public void ALikePatternWithAnEscapedStarMatchesALiteralStar()
    {
        var resource = JsonNode.Parse("{\"name\":\"a*b\"}")!.AsObject();

        Assert.True(Evaluator.Matches(RqlParser.Parse("like(name,a%2Ab)"), resource));
        Assert.False(Evaluator.Matches(RqlParser.Parse("like(name,a%2Ac)"), resource));
    }

    [Fact]
    public void ComparesNumbersNumericallyWhenSorting()
    {
        Assert.True(RqlEvaluator.Compare(JsonValue.Create(9), JsonValue.Create(10)) < 0);
        Assert.True(RqlEvaluator.Compare(JsonValue.Create("9"), JsonValue.Create("10")) > 0);
        Assert.True(RqlEvaluator.Compare(null, JsonValue.Create("a")) < 0);
    }
}
