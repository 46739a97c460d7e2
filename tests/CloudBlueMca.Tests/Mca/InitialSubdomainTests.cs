using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Mca;
using Xunit;

namespace CloudBlueMca.Tests.Mca;

public class InitialSubdomainTests
{
    [Theory]
    [InlineData("example", "example")]
    [InlineData("EXAMPLE", "example")]
    [InlineData("example.onmicrosoft.com", "example")]
    [InlineData("  Example.OnMicrosoft.com ", "example")]
    [InlineData("contoso-2", "contoso-2")]
    public void Normalize_accepts_the_forms_that_mean_the_same_label(string input, string expected)
    {
        Assert.Equal(expected, InitialSubdomain.Normalize(input));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("exa mple")]
    [InlineData("example.com")]
    [InlineData("a,b")]
    [InlineData("x)")]
    [InlineData("example),eq(ms_account_id,*")]
    [InlineData("ex%41mple")]
    [InlineData("exämple")]
    [InlineData(".onmicrosoft.com")]
    [InlineData("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa")]
    public void Normalize_rejects_anything_that_is_not_a_label(string? input)
    {
        var error = Assert.Throws<CloudBlueMcaException>(() => InitialSubdomain.Normalize(input));
        Assert.Equal(ErrorIds.InvalidSubdomain, error.ErrorId);
        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
    }

    [Fact]
    public void Normalize_accepts_63_characters_and_no_more()
    {
        Assert.Equal(new string('a', 63), InitialSubdomain.Normalize(new string('a', 63)));
        Assert.Throws<CloudBlueMcaException>(() => InitialSubdomain.Normalize(new string('a', 64)));
    }

    [Theory]
    [InlineData("example.onmicrosoft.com", "example")]
    [InlineData("Example2.onmicrosoft.com", "example2")]
    [InlineData("example", "example")]
    public void FirstLabelOf_takes_the_label_before_the_first_dot(string domain, string expected)
    {
        Assert.Equal(expected, InitialSubdomain.FirstLabelOf(domain));
    }
}
