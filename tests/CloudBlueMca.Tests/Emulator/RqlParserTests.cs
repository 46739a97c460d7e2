using CloudBlueMca.Emulator.Aps.Rql;
using Xunit;

namespace CloudBlueMca.Tests.Emulator;

public class RqlParserTests
{
    private const string TenantType = "http://www.parallels.com/Office365/Tenant/2.8";

    public static TheoryData<string> HostileValues => new()
    {
        "x),ne(a,b",
        "a,b",
        "(",
        ")",
        "%",
        "%25",
        "&",
        "=",
        "a=eq=b",
        "+1 234",
        "*?",
        "Zoë ☃ 日本 😀",
        new string('x', 250) + "),or(" + new string('y', 250),
    };

    [Fact]
    public void ParsesTheSeedLookup()
    {
        var query = RqlParser.Parse("?implementing(" + TenantType + "),eq(initial_subdomain,example)");

        Assert.Equal(TenantType, Assert.Single(query.Implementing).TypeId);
        var comparison = Assert.Single(query.Comparisons);
        Assert.Equal(RqlOperator.Eq, comparison.Operator);
        Assert.Equal("initial_subdomain", comparison.Property);
        Assert.Equal("example", comparison.Value);
        Assert.Equal(2, query.Terms.Count);
        Assert.Null(query.Limit);
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void AnEscapedHostileValueIsExactlyOneComparisonWithTheLiteralValue(string value)
    {
        var query = RqlParser.Parse("implementing(" + TenantType + "),eq(initial_subdomain," + Uri.EscapeDataString(value) + "),limit(0,10)");

        var comparison = Assert.Single(query.Comparisons);
        Assert.Equal("initial_subdomain", comparison.Property);
        Assert.Equal(value, comparison.Value);
        Assert.Equal(2, query.Terms.Count);
        Assert.Equal(new RqlLimit(0, 10), query.Limit);
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void AnEscapedHostileValueInAListStaysOneValue(string value)
    {
        var query = RqlParser.Parse("in(initial_subdomain,(" + Uri.EscapeDataString(value) + ",second))");

        var comparison = Assert.Single(query.Comparisons);
        Assert.Equal(RqlOperator.In, comparison.Operator);
        Assert.Equal(new[] { value, "second" }, comparison.Values.Select(v => v.Text));
    }

    [Fact]
    public void AnUnescapedHostileValueChangesTheStructure()
    {
        // The control case: the same text without escaping is parsed as the extra ne() it spells.
        var query = RqlParser.Parse("eq(initial_subdomain,x),ne(a,b)");

        Assert.Equal(2, query.Comparisons.Count);
    }

    [Fact]
    public void PlusIsLiteralInRqlValues()
    {
        Assert.Equal("+1 234", Assert.Single(RqlParser.Parse("eq(phone,+1%20234)").Comparisons).Value);
    }

    [Fact]
    public void ParsesBooleanOperatorsAndNesting()
    {
        var query = RqlParser.Parse("or(and(eq(a,1),ne(b,2)),not(like(c,x*)),out(d,(3,4)))");

        var or = Assert.IsType<RqlOr>(Assert.Single(query.Terms));
        var and = Assert.IsType<RqlAnd>(or.Operands[0]);
        Assert.Equal(new[] { RqlOperator.Eq, RqlOperator.Ne }, and.Operands.Cast<RqlComparison>().Select(c => c.Operator));
        Assert.Equal(RqlOperator.Like, Assert.IsType<RqlComparison>(Assert.IsType<RqlNot>(or.Operands[1]).Operand).Operator);
        Assert.Equal(new[] { "3", "4" }, Assert.IsType<RqlComparison>(or.Operands[2]).Values.Select(v => v.Text));
    }

    [Fact]
    public void AmpersandAndCommaBothSeparateTopLevelTerms()
    {
        var query = RqlParser.Parse("eq(a,1)&eq(b,2),eq(c,3)");

        Assert.Equal(new[] { "a", "b", "c" }, query.Comparisons.Select(c => c.Property));
    }

    [Fact]
    public void ParsesSelectSortAndLimit()
    {
        var query = RqlParser.Parse("implementing(T),select(account,aps.id),sort(+aps.id,-initial_subdomain,%2Bms_account_id),limit(20,10)");

        Assert.Equal(new[] { "account", "aps.id" }, query.Select);
        Assert.Equal(
            new[] { new RqlSortKey("aps.id", false), new RqlSortKey("initial_subdomain", true), new RqlSortKey("ms_account_id", false) },
            query.Sort);
        Assert.Equal(new RqlLimit(20, 10), query.Limit);
        Assert.IsType<RqlImplementing>(Assert.Single(query.Terms));
    }

    [Fact]
    public void ParsesTypedLiterals()
    {
        var query = RqlParser.Parse("eq(a,true()),eq(b,false()),eq(c,null())");

        Assert.Equal(new[] { RqlValueKind.True, RqlValueKind.False, RqlValueKind.Null }, query.Comparisons.Select(c => c.Values[0].Kind));
    }

    [Fact]
    public void ParsesFiqlAndPlainEquality()
    {
        var query = RqlParser.Parse("id=eq=1000014&subscriptionId=1&name=ne=x%3Dy");

        Assert.Equal(
            new[] { "eq(id,1000014)", "eq(subscriptionId,1)", "ne(name,x=y)" },
            query.Comparisons.Select(c => c.ToString()));
    }

    [Fact]
    public void AnEmptyQueryHasNoTerms()
    {
        var query = RqlParser.Parse(string.Empty);

        Assert.Empty(query.Terms);
        Assert.Empty(query.Select);
        Assert.Null(query.Limit);
    }

    [Theory]
    [InlineData("eq(a,b")]
    [InlineData("eq(a,b))")]
    [InlineData("eq(a)")]
    [InlineData("eq(a,b,c)")]
    [InlineData("eq(a,(b))")]
    [InlineData("eq(a,x(b))")]
    [InlineData("in(a)")]
    [InlineData("in(a,())")]
    [InlineData("not(eq(a,1),eq(b,2))")]
    [InlineData("and()")]
    [InlineData("linkedWith(abc)")]
    [InlineData("limit(10)")]
    [InlineData("limit(a,b)")]
    [InlineData("limit(-1,5)")]
    [InlineData("limit(0,1),limit(1,1)")]
    [InlineData("and(limit(0,1))")]
    [InlineData("sort(-)")]
    [InlineData("example")]
    [InlineData("eq(a,1),,eq(b,2)")]
    [InlineData("(eq(a,1))")]
    public void RejectsWhatItDoesNotUnderstand(string query)
    {
        var error = Assert.Throws<RqlSyntaxException>(() => RqlParser.Parse(query));

        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }
}
