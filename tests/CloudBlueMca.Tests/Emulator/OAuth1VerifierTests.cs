using CloudBlueMca.Emulator.Aps;
using CloudBlueMca.Emulator.Aps.OAuth;
using Xunit;

namespace CloudBlueMca.Tests.Emulator;

public class OAuth1VerifierTests
{
    // RFC 5849 §3.4.1 worked example. The RFC prints a signature that does not match its own base
    // string; HMAC-SHA1 of that base string under the §3.1 credentials is the value below.
    private const string RfcBaseString =
        "POST&http%3A%2F%2Fexample.com%2Frequest&a2%3Dr%2520b%26a3%3D2%2520q%26a3%3Da%26b5%3D%253D%25253D%26c%2540%3D%26c2%3D%26oauth_consumer_key%3D9djdj82h48djs9d2%26oauth_nonce%3D7d8f3e4a%26oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D137131201%26oauth_token%3Dkkk9d7dh3k39sjv7";

    private const string RfcSignature = "r6/TJjbCOr97/+UU0NsvSne7s5g=";
    private const string RfcQuery = "b5=%3D%253D&a3=a&c%40=&a2=r%20b";

    private static readonly DateTimeOffset RfcTime = DateTimeOffset.FromUnixTimeSeconds(137131201);

    private static OAuth1Verifier RfcVerifier(DateTimeOffset? now = null) => new(
        key => key == "9djdj82h48djs9d2" ? "j49sk3j29djd" : null,
        token => token == "kkk9d7dh3k39sjv7" ? "dh893hdasih9" : null,
        () => now ?? RfcTime);

    private static string RfcHeader(string signature = RfcSignature, string timestamp = "137131201", string consumerKey = "9djdj82h48djs9d2") =>
        "OAuth realm=\"Example\",\r\n oauth_consumer_key=\"" + consumerKey + "\",\r\n oauth_token=\"kkk9d7dh3k39sjv7\","
        + " oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"" + timestamp + "\", oauth_nonce=\"7d8f3e4a\","
        + " oauth_signature=\"" + PercentEncoding.Encode(signature) + "\"";

    private static OAuthRequest RfcRequest(string? header = null, string query = RfcQuery, string body = "c2&a3=2+q") =>
        new("POST", "http", "example.com", 80, "/request", query, header ?? RfcHeader(), body);

    [Fact]
    public void RebuildsTheRfcBaseString()
    {
        var protocol = new Dictionary<string, string>
        {
            ["realm"] = "Example",
            ["oauth_consumer_key"] = "9djdj82h48djs9d2",
            ["oauth_token"] = "kkk9d7dh3k39sjv7",
            ["oauth_signature_method"] = "HMAC-SHA1",
            ["oauth_timestamp"] = "137131201",
            ["oauth_nonce"] = "7d8f3e4a",
            ["oauth_signature"] = "ignored",
        };

        Assert.Equal(RfcBaseString, OAuth1Verifier.BuildBaseString(RfcRequest(), protocol));
        Assert.Equal(RfcSignature, OAuth1Verifier.Sign(RfcBaseString, "j49sk3j29djd", "dh893hdasih9"));
    }

    [Fact]
    public void AcceptsTheRfcExample()
    {
        var result = RfcVerifier().Verify(RfcRequest());

        Assert.True(result.Succeeded, result.Failure);
        Assert.Equal("9djdj82h48djs9d2", result.ConsumerKey);
    }

    [Theory]
    [InlineData("r6/TJjbCOr97/+UU0NsvSne7s5h=", RfcQuery, "c2&a3=2+q")]
    [InlineData(RfcSignature, "b5=%3D%253D&a3=b&c%40=&a2=r%20b", "c2&a3=2+q")]
    [InlineData(RfcSignature, RfcQuery, "c2&a3=2+r")]
    [InlineData(RfcSignature, "b5=%3D%253D&a3=a&c%40=&a2=r+b+", "c2&a3=2+q")]
    public void RejectsAOneCharacterChange(string signature, string query, string body)
    {
        var result = RfcVerifier().Verify(RfcRequest(RfcHeader(signature), query, body));

        Assert.False(result.Succeeded);
        Assert.Equal("Invalid signature.", result.Failure);
    }

    [Fact]
    public void DecodesAPlusInTheQueryAsASpace()
    {
        // "a2=r+b" form-decodes to the same "r b" as "a2=r%20b" (RFC 5849 §3.4.1.3.1).
        var result = RfcVerifier().Verify(RfcRequest(query: "b5=%3D%253D&a3=a&c%40=&a2=r+b"));

        Assert.True(result.Succeeded, result.Failure);
    }

    [Fact]
    public void RejectsAChangedHost()
    {
        var request = RfcRequest() with { Host = "example.org" };

        Assert.Equal("Invalid signature.", RfcVerifier().Verify(request).Failure);
    }

    [Fact]
    public void RejectsAnUnknownConsumerKey()
    {
        var result = RfcVerifier().Verify(RfcRequest(RfcHeader(consumerKey: "9djdj82h48djs9d3")));

        Assert.Equal("Unknown consumer key.", result.Failure);
    }

    [Theory]
    [InlineData(301)]
    [InlineData(-301)]
    public void RejectsATimestampMoreThanFiveMinutesOff(int secondsOff)
    {
        var result = RfcVerifier(RfcTime.AddSeconds(secondsOff)).Verify(RfcRequest());

        Assert.Contains("more than 5 minutes", result.Failure);
    }

    [Fact]
    public void AcceptsATimestampWithinFiveMinutes()
    {
        Assert.True(RfcVerifier(RfcTime.AddSeconds(299)).Verify(RfcRequest()).Succeeded);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Bearer abc")]
    [InlineData("OAuth oauth_consumer_key=9djdj82h48djs9d2")]
    [InlineData("OAuth oauth_consumer_key=\"9djdj82h48djs9d2")]
    [InlineData("OAuth oauth_consumer_key=\"a\" oauth_nonce=\"b\"")]
    [InlineData("OAuth oauth_consumer_key=\"a\", oauth_consumer_key=\"a\"")]
    [InlineData("OAuth oauth_consumer_key=\"9djdj82h48djs9d2\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"137131201\", oauth_nonce=\"n\"")]
    [InlineData("OAuth oauth_consumer_key=\"9djdj82h48djs9d2\", oauth_signature_method=\"PLAINTEXT\", oauth_timestamp=\"137131201\", oauth_nonce=\"n\", oauth_signature=\"x\"")]
    [InlineData("OAuth oauth_consumer_key=\"9djdj82h48djs9d2\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"soon\", oauth_nonce=\"n\", oauth_signature=\"x\"")]
    [InlineData("OAuth oauth_consumer_key=\"9djdj82h48djs9d2\", oauth_signature_method=\"HMAC-SHA1\", oauth_version=\"2.0\", oauth_timestamp=\"137131201\", oauth_nonce=\"n\", oauth_signature=\"x\"")]
    [InlineData("OAuth oauth_consumer_key=\"9djdj82h48djs9d2\", oauth_token=\"other\", oauth_signature_method=\"HMAC-SHA1\", oauth_timestamp=\"137131201\", oauth_nonce=\"n\", oauth_signature=\"x\"")]
    public void RejectsAMissingOrInvalidHeader(string? header)
    {
        var result = RfcVerifier().Verify(RfcRequest() with { Authorization = header });

        Assert.False(result.Succeeded);
        Assert.False(string.IsNullOrEmpty(result.Failure));
        Assert.DoesNotContain("j49sk3j29djd", result.Failure);
    }
}
