using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Http;
using Xunit;

namespace CloudBlueMca.Tests.Engine.Http;

public class EndpointPolicyTests
{
    [Theory]
    [InlineData("cb.example.com", "https://cb.example.com/")]
    [InlineData(" https://cb.example.com ", "https://cb.example.com/")]
    [InlineData("https://cb.example.com:8443/base", "https://cb.example.com:8443/base/")]
    [InlineData("http://127.0.0.1:5000", "http://127.0.0.1:5000/")]
    [InlineData("http://127.10.20.30/", "http://127.10.20.30/")]
    [InlineData("http://localhost:8080/", "http://localhost:8080/")]
    [InlineData("http://[::1]:8080/", "http://[::1]:8080/")]
    public void AcceptedEndpointsAreNormalized(string text, string expected) =>
        Assert.Equal(expected, EndpointPolicy.NormalizeBaseUri(text, "Uri").AbsoluteUri);

    [Theory]
    [InlineData("https://cb.example.com/aps", "https://cb.example.com/")]
    [InlineData("https://cb.example.com/aps/", "https://cb.example.com/")]
    [InlineData("https://cb.example.com/APS/2", "https://cb.example.com/")]
    [InlineData("cb.example.com/aps/2/", "https://cb.example.com/")]
    [InlineData("https://cb.example.com/brand/aps/2", "https://cb.example.com/brand/")]
    [InlineData("https://cb.example.com/apsx", "https://cb.example.com/apsx/")]
    public void TheApsPathUsersCopyIsRemoved(string text, string expected) =>
        Assert.Equal(expected, EndpointPolicy.NormalizeBaseUri(text, "Uri", "aps/2", "aps").AbsoluteUri);

    [Theory]
    [InlineData("https://api.partnercenter.microsoft.com/v1", "https://api.partnercenter.microsoft.com/")]
    [InlineData("https://api.partnercenter.microsoft.com/v1/", "https://api.partnercenter.microsoft.com/")]
    [InlineData("https://api.partnercenter.microsoft.com", "https://api.partnercenter.microsoft.com/")]
    public void TheV1PathUsersCopyIsRemoved(string text, string expected) =>
        Assert.Equal(expected, EndpointPolicy.NormalizeBaseUri(text, "ApiUri", "v1").AbsoluteUri);

    [Theory]
    [InlineData("http://cb.example.com")]
    [InlineData("http://127.0.0.1.example.com/")]
    [InlineData("http://10.0.0.1/")]
    [InlineData("http://[::2]/")]
    public void PlainHttpToANonLoopbackHostIsInsecure(string text)
    {
        var error = Assert.Throws<CloudBlueMcaException>(() => EndpointPolicy.NormalizeBaseUri(text, "Uri"));
        Assert.Equal(ErrorIds.InsecureEndpoint, error.ErrorId);
        Assert.Equal(ErrorKind.SecurityError, error.Kind);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("ftp://cb.example.com")]
    [InlineData("https://cb.example.com/?a=b")]
    [InlineData("https://cb.example.com/#top")]
    [InlineData("https://")]
    public void MalformedEndpointsAreInvalid(string text)
    {
        var error = Assert.Throws<CloudBlueMcaException>(() => EndpointPolicy.NormalizeBaseUri(text, "Uri"));
        Assert.Equal(ErrorIds.InvalidEndpoint, error.ErrorId);
        Assert.Contains("-Uri", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("https://admin:hunter2@cb.example.com/")]
    [InlineData("ftp://admin:hunter2@cb.example.com/")]
    [InlineData("https://admin:hunter2@cb.example.com/?a=b")]
    [InlineData("https://cb.example.com/aps?token=hunter2")]
    public void ASecretInTheAddressIsNeverRepeated(string text)
    {
        var error = Assert.Throws<CloudBlueMcaException>(() => EndpointPolicy.NormalizeBaseUri(text, "Uri"));
        Assert.Equal(ErrorIds.InvalidEndpoint, error.ErrorId);
        Assert.DoesNotContain("hunter2", error.Message, StringComparison.Ordinal);
    }
}
