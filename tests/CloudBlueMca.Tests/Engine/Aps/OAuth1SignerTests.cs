using System.Text.RegularExpressions;
using CloudBlueMca.Engine.Aps;
using Xunit;

namespace CloudBlueMca.Tests.Engine.Aps;

public class OAuth1SignerTests
{
    private const string FixedNonce = "abcdefghijklmnopqrstuvwxyz";
    private static readonly DateTimeOffset FixedTime = DateTimeOffset.FromUnixTimeSeconds(1763719200);

    /// <summary>URLs with RQL punctuation, '+', '%', reserved and non-ASCII characters.</summary>
    public static readonly TheoryData<string, string> SignedByOauthlib = new()
    {
        // Expected values computed independently with Python oauthlib 3.2.2
        // (Client('demo-key', client_secret='demo-secret', nonce=FixedNonce, timestamp='1763719200').sign(url)).
        { "https://cb.example.com/aps/2/resources/?implementing(http://www.parallels.com/Office365/Tenant/2.8),eq(initial_subdomain,example)", "JtyJMtSeQG38TUIzjgqOTR8mhio=" },
        { "https://cb.example.com/aps/2/resources/?implementing(http://www.parallels.com/Office365/Tenant/2.8),eq(cloud_agreement_contact.email,john%2Bsmith%40example.com),sort(+aps.id)", "HTDIblSbDU4SCSJs5ahd3lwGoBg=" },
        { "https://cb.example.com/aps/2/resources/?implementing(http://www.parallels.com/Office365/Tenant/2.8),like(name,*a%20b*),in(initial_subdomain,(a,b%2Cc,%28,%29)),limit(0,1000)", "kIVZTvR53gdM5GFvZjTUQRYqvlY=" },
        { "https://cb.example.com/aps/2/resources/?eq(company,M%C3%BCller%20%26%20S%C3%B6hne%2C%20100%25%20%E6%97%A5%E6%9C%AC%20%F0%9F%98%80)", "gA8cuc1ntkEhaIWn93wqug863hs=" },
        { "https://CB.Example.com:443/aps/2/resources/498c7d95-54ef-45c1-9877-da03ec230993/checkAccount?accountId=1000011&planId=0", "agQB4/nt3KTJn7DNUaP43jSNUuM=" },
        { "http://127.0.0.1:5123/aps", "29jn/axlfWavx9WI7c+O4seE9II=" },
    };

    private static OAuth1Signer FixedSigner(string key = "demo-key", string secret = "demo-secret") => new(key, secret, () => FixedTime, () => FixedNonce);

    [Fact]
    public void ReproducesTheRfc5849WorkedExample()
    {
        // RFC 5849 §3.4.1: the request, its token and its protocol parameters (no oauth_version).
        // The RFC does not print the secrets; j49sk3j29djd / dh893hdasih9 are the ones that
        // produce the value the issue names, r6/TJjbCOr97/+UU0NsvSne7s5g=.
        var signer = new OAuth1Signer("9djdj82h48djs9d2", "j49sk3j29djd", () => DateTimeOffset.FromUnixTimeSeconds(137131201), () => "7d8f3e4a");

        var signature = signer.CreateSignature("POST", new Uri("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b"), "kkk9d7dh3k39sjv7", "dh893hdasih9", "c2&a3=2+q", includeVersion: false);

        Assert.Equal(
            "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7",
            signature.BaseString);
        Assert.Equal("r6/TJjbCOr97/+UU0NsvSne7s5g=", signature.Signature);
        Assert.Contains("oauth_token=\"kkk9d7dh3k39sjv7\"", signature.HeaderParameter, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(SignedByOauthlib))]
    public void SignaturesMatchAnIndependentImplementation(string url, string expected)
    {
        Assert.Equal(expected, FixedSigner().CreateSignature("GET", new Uri(url)).Signature);
    }

    [Fact]
    public void PlusInTheQueryIsSignedAsASpaceAndPercentTwoBAsAPlus()
    {
        var url = "https://cb.example.com/aps/2/resources/?implementing(http://www.parallels.com/Office365/Tenant/2.8),eq(cloud_agreement_contact.email,john%2Bsmith%40example.com),sort(+aps.id)";

        var signature = FixedSigner().CreateSignature("GET", new Uri(url));

        Assert.Equal(
            "GET&https%3A%2F%2Fcb.example.com%2Faps%2F2%2Fresources%2F&implementing%2528http%253A%252F%252Fwww.parallels.com%252FOffice365%252FTenant%252F2.8%2529%252Ceq%2528cloud_agreement_contact.email%252Cjohn%252Bsmith%2540example.com%2529%252Csort%2528%2520aps.id%2529%3D%26oauth_consumer_key%3Ddemo-key%26oauth_nonce%3Dabcdefghijklmnopqrstuvwxyz%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1763719200%26oauth_version%3D1.0",
            signature.BaseString);
    }

    [Fact]
    public void KeysAndSecretsWithReservedCharactersAreEncoded()
    {
        // oauthlib: Client('key with space', client_secret='s&cr=t+ü', ...).sign('http://127.0.0.1:5123/aps')
        var signature = FixedSigner("key with space", "s&cr=t+ü").CreateSignature("GET", new Uri("http://127.0.0.1:5123/aps"));

        Assert.Equal("dTMz3BJSocBMsODsIoqGn6Iza/E=", signature.Signature);
        Assert.Contains("oauth_consumer_key=\"key%20with%20space\"", signature.HeaderParameter, StringComparison.Ordinal);
    }

    [Fact]
    public void TheHeaderIsTwoLeggedWithTheSixProtocolParameters()
    {
        var header = FixedSigner().CreateSignature("GET", new Uri("http://127.0.0.1:5123/aps")).HeaderParameter;

        Assert.Equal(
            "oauth_consumer_key=\"demo-key\", oauth_nonce=\"abcdefghijklmnopqrstuvwxyz\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"1763719200\", oauth_version=\"1.0\", oauth_signature=\"29jn%2FaxlfWavx9WI7c%2BO4seE9II%3D\"",
            header);
        Assert.DoesNotContain("oauth_token", header, StringComparison.Ordinal);
        Assert.DoesNotContain("demo-secret", header, StringComparison.Ordinal);
    }

    [Fact]
    public void SignSetsTheAuthorizationHeaderAndIgnoresAJsonBody()
    {
        var url = new Uri("https://cb.example.com/aps/2/resources/6fcff2c9-0000-0000-0000-000000000000");
        using var request = new HttpRequestMessage(HttpMethod.Put, url) { Content = new StringContent("{\"a\":\"b=c&d\"}", System.Text.Encoding.UTF8, "application/json") };

        FixedSigner().Sign(request);

        Assert.Equal("OAuth", request.Headers.Authorization!.Scheme);
        Assert.Equal(FixedSigner().CreateSignature("PUT", url).HeaderParameter, request.Headers.Authorization.Parameter);
    }

    [Fact]
    public void DefaultNoncesAreFreshAlphanumericAndTwentyToThirtyLong()
    {
        var signer = new OAuth1Signer("demo-key", "demo-secret");
        var nonces = Enumerable.Range(0, 50)
            .Select(_ => Regex.Match(signer.CreateSignature("GET", new Uri("http://127.0.0.1/aps")).HeaderParameter, "oauth_nonce=\"([^\"]*)\"").Groups[1].Value)
            .ToList();

        Assert.All(nonces, n => Assert.Matches("^[A-Za-z0-9]{20,30}$", n));
        Assert.Equal(nonces.Count, nonces.Distinct().Count());
    }

    [Fact]
    public void TimestampIsUnixSecondsFromTheClock()
    {
        var header = FixedSigner().CreateSignature("GET", new Uri("http://127.0.0.1/aps")).HeaderParameter;
        Assert.Contains("oauth_timestamp=\"1763719200\"", header, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("", "secret")]
    [InlineData("key", "")]
    public void EmptyCredentialsAreRejected(string key, string secret) =>
        Assert.Throws<ArgumentException>(() => new OAuth1Signer(key, secret));
}
