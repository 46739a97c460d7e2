using System.Management.Automation;
using CloudBlueMca.Engine;
using CloudBlueMca.Infrastructure;
using Xunit;

namespace CloudBlueMca.Tests.Infrastructure;

public class ErrorMappingTests
{
    [Fact]
    public void EveryErrorKindNamesAnErrorCategory()
    {
        foreach (var kind in Enum.GetValues<ErrorKind>())
        {
            Assert.True(Enum.TryParse<ErrorCategory>(kind.ToString(), out _), $"ErrorKind.{kind} has no ErrorCategory of the same name.");
        }
    }

    [Theory]
    [InlineData(ErrorKind.ObjectNotFound, ErrorCategory.ObjectNotFound)]
    [InlineData(ErrorKind.AuthenticationError, ErrorCategory.AuthenticationError)]
    [InlineData(ErrorKind.InvalidData, ErrorCategory.InvalidData)]
    public void ErrorKindMapsToTheCategoryOfTheSameName(ErrorKind kind, ErrorCategory expected)
    {
        Assert.Equal(expected, CloudBlueMcaCmdlet.ToCategory(kind));
    }
}
