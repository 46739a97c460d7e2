using CloudBlueMca.Emulator.Aps.OAuth;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Aps;
using CloudBlueMca.Engine.Aps.Rql;
using CloudBlueMca.Tests.Support;
using Xunit;
using EmulatorRql = CloudBlueMca.Emulator.Aps.Rql;

namespace CloudBlueMca.Tests.Engine.Aps;

/// <summary>
/// The engine's signer and RQL builder checked by the emulator's independent verifier and parser,
/// which share no code with them.
/// </summary>
public class SignerAndRqlAgainstEmulatorTests : IClassFixture<EmulatorFixture>
{
    private static readonly DateTimeOffset FixedTime = DateTimeOffset.FromUnixTimeSeconds(1763719200);
    private readonly EmulatorFixture _emulator;

    public SignerAndRqlAgainstEmulatorTests(EmulatorFixture emulator) => _emulator = emulator;

    public static TheoryData<string> SignedUrls()
    {
        var urls = new TheoryData<string>();
        foreach (var row in OAuth1SignerTests.SignedByOauthlib)
        {
            urls.Add((string)row[0]);
        }

        return urls;
    }

    public static TheoryData<string> HostileValues()
    {
        var values = new TheoryData<string>();
        foreach (var row in RqlBuilderTests.HostileValues)
        {
            values.Add((string)row[0]);
        }

        foreach (var row in RqlBuilderTests.LongHostileValues())
        {
            values.Add((string)row[0]);
        }

        return values;
    }

    private static OAuthRequest Received(string method, Uri uri, string authorization) =>
        new(method, uri.Scheme, uri.Host, uri.Port, uri.AbsolutePath, uri.GetComponents(UriComponents.Query, UriFormat.UriEscaped), "OAuth " + authorization);

    [Theory]
    [MemberData(nameof(SignedUrls))]
    public void TheVerifierAcceptsEverySignedUrl(string url)
    {
        var uri = new Uri(url);
        var verifier = new OAuth1Verifier(key => key == "demo-key" ? "demo-secret" : null, clock: () => FixedTime);
        var signature = new OAuth1Signer("demo-key", "demo-secret", () => FixedTime, () => "abcdefghijklmnopqrstuvwxyz").CreateSignature("GET", uri);

        var verification = verifier.Verify(Received("GET", uri, signature.HeaderParameter));

        Assert.True(verification.Succeeded, verification.Failure);
        Assert.False(verifier.Verify(Received("GET", new Uri(url + (uri.Query.Length > 0 ? "&" : "?") + "x=1"), signature.HeaderParameter)).Succeeded);
        Assert.False(verifier.Verify(Received("PUT", uri, signature.HeaderParameter)).Succeeded);
    }

    [Fact]
    public void TheVerifierAcceptsTheRfcExampleWithItsToken()
    {
        var uri = new Uri("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        var signer = new OAuth1Signer("9djdj82h48djs9d2", "j49sk3j29djd", () => DateTimeOffset.FromUnixTimeSeconds(137131201), () => "7d8f3e4a");
        var signature = signer.CreateSignature("POST", uri, "kkk9d7dh3k39sjv7", "dh893hdasih9", "c2&a3=2+q", includeVersion: false);
        var verifier = new OAuth1Verifier(_ => "j49sk3j29djd", _ => "dh893hdasih9", () => DateTimeOffset.FromUnixTimeSeconds(137131201));

        var verification = verifier.Verify(Received("POST", uri, signature.HeaderParameter) with { FormBody = "c2&a3=2+q" });

        Assert.True(verification.Succeeded, verification.Failure);
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public void EachHostileValueParsesAsExactlyOneComparisonWithTheLiteralValue(string value)
    {
        var query = new RqlQuery(Rql.Implementing("http://www.parallels.com/Office365/Tenant/2.8"), Rql.Eq("initial_subdomain", value)).ToString();

        var parsed = EmulatorRql.RqlParser.Parse(query);

        var comparison = Assert.Single(parsed.Comparisons);
        Assert.Equal(EmulatorRql.RqlOperator.Eq, comparison.Operator);
        Assert.Equal("initial_subdomain", comparison.Property);
        var parsedValue = Assert.Single(comparison.Values);
        Assert.Equal(EmulatorRql.RqlValueKind.Text, parsedValue.Kind);
        Assert.Equal(value, parsedValue.Text);
        Assert.Equal("http://www.parallels.com/Office365/Tenant/2.8", Assert.Single(parsed.Implementing).TypeId);
    }

    [Fact]
    public void AListOfHostileValuesParsesAsOneInWithEveryValue()
    {
        var values = ((IEnumerable<object[]>)HostileValues()).Select(row => (string)row[0]).ToArray();

        var parsed = EmulatorRql.RqlParser.Parse(new RqlQuery(Rql.In("initial_subdomain", values)).ToString());

        var comparison = Assert.Single(parsed.Comparisons);
        Assert.Equal(EmulatorRql.RqlOperator.In, comparison.Operator);
        Assert.Equal(values, comparison.Values.Select(v => v.Text));
    }

    [Fact]
    public void SortSelectAndLimitSurviveTheRoundTrip()
    {
        var parsed = EmulatorRql.RqlParser.Parse(new RqlQuery(
            Rql.Implementing("http://www.parallels.com/Office365/Tenant/2.8"),
            Rql.Not(Rql.Like("initial_subdomain", RqlPattern.StartsWith("ex("))),
            Rql.Select("aps.id", "account"),
            Rql.Sort(("aps.id", false), ("aps.modified", true)),
            Rql.Limit(10, 20)).ToString());

        Assert.Equal(new[] { "aps.id", "account" }, parsed.Select);
        Assert.Equal(new[] { new EmulatorRql.RqlSortKey("aps.id", false), new EmulatorRql.RqlSortKey("aps.modified", true) }, parsed.Sort);
        Assert.Equal(new EmulatorRql.RqlLimit(10, 20), parsed.Limit);
        Assert.Equal("ex(", Assert.Single(parsed.Comparisons).Values[0].Text.TrimEnd('*'));
    }

    [Theory]
    [MemberData(nameof(HostileValues))]
    public async Task HostileValuesGoOverTheWireSignedAndMatchNothing(string value)
    {
        using var client = EmulatorClients.Aps(_emulator.Host);

        var items = await client.ListAsync(new RqlQuery(Rql.Implementing("http://www.parallels.com/Office365/Tenant/2.8"), Rql.Eq("initial_subdomain", value)), OperationContext.None);

        Assert.Empty(items);
    }
}
