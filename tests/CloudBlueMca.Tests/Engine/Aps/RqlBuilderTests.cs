using CloudBlueMca.Engine.Aps.Rql;
using Xunit;

namespace CloudBlueMca.Tests.Engine.Aps;

public class RqlBuilderTests
{
    private const string TenantType = "http://www.parallels.com/Office365/Tenant/2.8";

    /// <summary>Values that would break or change a query if they were written raw.</summary>
    public static readonly TheoryData<string, string> HostileValues = new()
    {
        { "x),ne(a,b", "x%29%2Cne%28a%2Cb" },
        { "a,b", "a%2Cb" },
        { "(", "%28" },
        { ")", "%29" },
        { "%", "%25" },
        { "%41", "%2541" },
        { "&", "%26" },
        { "=", "%3D" },
        { "a=eq=b", "a%3Deq%3Db" },
        { "+", "%2B" },
        { "john+smith@example.com", "john%2Bsmith%40example.com" },
        { "a b", "a%20b" },
        { "*?", "%2A%3F" },
        { "|;#'![]", "%7C%3B%23%27%21%5B%5D" },
        { "Müller 日本 😀", "M%C3%BCller%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80" },
        { "safe-._~09AZaz", "safe-._~09AZaz" },
        { "", "" },
    };

    public static IEnumerable<object[]> LongHostileValues()
    {
        yield return new object[] { new string('a', 500) };
        yield return new object[] { string.Concat(Enumerable.Repeat("),(&=%+ ", 63)).Substring(0, 500) };
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void ValuesAreEscapedOutsideTheUnreservedSet(string value, string expected)
    {
        Assert.Equal($"eq(initial_subdomain,{expected})", Rql.Eq("initial_subdomain", value).ToString());
        Assert.Equal($"ne(initial_subdomain,{expected})", Rql.Ne("initial_subdomain", value).ToString());
    }

    [Theory]
    [MemberData(nameof(LongHostileValues))]
    public void LongValuesAreEscapedWhole(string value)
    {
        var text = Rql.Eq("name", value).ToString();
        var encoded = text.Substring("eq(name,".Length, text.Length - "eq(name,".Length - 1);

        Assert.Equal(500, value.Length);
        Assert.Matches("^[A-Za-z0-9._~%-]*$", encoded);
        Assert.Equal(value, Uri.UnescapeDataString(encoded));
    }

    [Fact]
    public void NumbersAreWrittenAsDigits() =>
        Assert.Equal("eq(account.id,1000011)", Rql.Eq("account.id", 1000011).ToString());

    [Fact]
    public void AFullQueryJoinsTopLevelTermsWithCommas()
    {
        var query = new RqlQuery(
            Rql.Implementing(TenantType),
            Rql.Eq("initial_subdomain", "example"),
            Rql.Select("aps.id", "account"),
            Rql.Sort(("aps.id", false), ("aps.modified", true)),
            Rql.Limit(0, 100));

        Assert.Equal(
            "implementing(http://www.parallels.com/Office365/Tenant/2.8),eq(initial_subdomain,example),select(aps.id,account),sort(%2Baps.id,-aps.modified),limit(0,100)",
            query.ToString());
        Assert.True(query.HasLimit);
    }

    [Fact]
    public void InAndOutUseTheParenthesizedListForm()
    {
        Assert.Equal("in(initial_subdomain,(example,a%2Cb,%28))", Rql.In("initial_subdomain", new[] { "example", "a,b", "(" }).ToString());
        Assert.Equal("out(account.id,(1,2))", Rql.Out("account.id", new long[] { 1, 2 }).ToString());
        Assert.Equal("in(account.id,(1000011))", Rql.In("account.id", new long[] { 1000011 }).ToString());
        Assert.Equal("out(name,(x%29))", Rql.Out("name", new[] { "x)" }).ToString());
    }

    [Fact]
    public void LogicalOperatorsNest()
    {
        var node = Rql.Or(Rql.And(Rql.Eq("a", "1"), Rql.Ne("b", "x,y")), Rql.Not(Rql.Like("c", RqlPattern.Contains("free"))));

        Assert.Equal("or(and(eq(a,1),ne(b,x%2Cy)),not(like(c,*free*)))", node.ToString());
    }

    [Fact]
    public void LikeWildcardsAppearOnlyWhereAsked()
    {
        Assert.Equal("like(name,Jo*)", Rql.Like("name", RqlPattern.StartsWith("Jo")).ToString());
        Assert.Equal("like(name,*%20Ltd)", Rql.Like("name", RqlPattern.EndsWith(" Ltd")).ToString());
        Assert.Equal("like(name,Jo?n%2C*)", Rql.Like("name", RqlPattern.Empty.Literal("Jo").AnyChar().Literal("n,").AnyRun()).ToString());
        Assert.Equal("like(name,%28%25%29)", Rql.Like("name", RqlPattern.Empty.Literal("(%)")).ToString());
    }

    [Theory]
    [InlineData("a*b")]
    [InlineData("what?")]
    public void LiteralWildcardCharactersInALikePatternAreRefused(string text) =>
        Assert.Throws<ArgumentException>(() => RqlPattern.Contains(text));

    [Theory]
    [InlineData("")]
    [InlineData("a b")]
    [InlineData("x)")]
    [InlineData("a,b")]
    [InlineData("a..b")]
    [InlineData(".a")]
    [InlineData("a.")]
    [InlineData("1abc")]
    [InlineData("na=me")]
    [InlineData("nämé")]
    public void InvalidPropertyNamesAreRefused(string property)
    {
        Assert.Throws<ArgumentException>(() => Rql.Eq(property, "v"));
        Assert.Throws<ArgumentException>(() => Rql.Select(property));
        Assert.Throws<ArgumentException>(() => Rql.Sort((property, false)));
    }

    [Theory]
    [InlineData("http://www.parallels.com/Office365/Office365app")]
    [InlineData("http://aps-standard.org/types/core/account/1.0")]
    [InlineData("http://www.parallels.com/Office365/Tenant/2.8")]
    public void TypeIdsAreWrittenRaw(string typeId) =>
        Assert.Equal($"implementing({typeId})", Rql.Implementing(typeId).ToString());

    [Theory]
    [InlineData("")]
    [InlineData("no-scheme")]
    [InlineData("http://x/T),eq(a,b")]
    [InlineData("http://x/T,1")]
    [InlineData("http://x/T 2.8")]
    [InlineData("http://x/T?q")]
    [InlineData("http://x/T&a=b")]
    [InlineData("http://x/T%29")]
    [InlineData("http://x/T+1")]
    [InlineData("http://x/Tenant/ü")]
    public void TypeIdsThatWouldBreakTheExpressionAreRefused(string typeId) =>
        Assert.Throws<ArgumentException>(() => Rql.Implementing(typeId));

    [Fact]
    public void DegenerateTermsAreRefused()
    {
        Assert.Throws<ArgumentException>(() => Rql.In("a", Array.Empty<string>()));
        Assert.Throws<ArgumentException>(() => Rql.And());
        Assert.Throws<ArgumentException>(() => Rql.Select());
        Assert.Throws<ArgumentException>(() => new RqlQuery());
        Assert.Throws<ArgumentException>(() => new RqlQuery(Rql.Limit(0, 1), Rql.Limit(1, 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rql.Limit(-1, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rql.Limit(0, 0));
    }

    [Fact]
    public void WithAddsATermWithoutChangingTheOriginal()
    {
        var query = new RqlQuery(Rql.Implementing(TenantType));
        var paged = query.With(Rql.Limit(100, 50));

        Assert.Equal("implementing(http://www.parallels.com/Office365/Tenant/2.8)", query.ToString());
        Assert.Equal("implementing(http://www.parallels.com/Office365/Tenant/2.8),limit(100,50)", paged.ToString());
    }
}
