using CloudBlueMca.Engine.Http;
using Xunit;

namespace CloudBlueMca.Tests.Engine.Http;

public class UrlRedactorTests
{
    [Theory]
    [InlineData("https://h/p?access_token=abc&x=1", "https://h/p?access_token=REDACTED&x=1")]
    [InlineData("https://h/p?CLIENT_SECRET=abc", "https://h/p?CLIENT_SECRET=REDACTED")]
    [InlineData("https://h/p?sig=1&oauth_signature=abc", "https://h/p?sig=1&oauth_signature=REDACTED")]
    [InlineData("https://h/p?refreshToken=a&password=b&apiKey=c&code=d", "https://h/p?refreshToken=REDACTED&password=REDACTED&apiKey=REDACTED&code=REDACTED")]
    [InlineData("https://h/p?to%6Ben=abc", "https://h/p?token=REDACTED")]
    [InlineData("https://h/aps/2/resources/?implementing(http://t/1.0),eq(ms_account_id,k)", "https://h/aps/2/resources/?implementing(http://t/1.0),eq(ms_account_id,k)")]
    [InlineData("https://user:pw@h:8443/p", "https://h:8443/p")]
    public void SecretsAreRemoved(string url, string expected) => Assert.Equal(expected, UrlRedactor.Redact(new Uri(url)));
}
