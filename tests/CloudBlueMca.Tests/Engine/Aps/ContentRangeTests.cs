using CloudBlueMca.Engine.Aps;
using Xunit;

namespace CloudBlueMca.Tests.Engine.Aps;

public class ContentRangeTests
{
    [Theory]
    [InlineData("items 0-99/250", 0, 99, 250)]
    [InlineData("items 5-5/6", 5, 5, 6)]
    [InlineData("ITEMS  0 - 9 / 10", 0, 9, 10)]
    [InlineData("items */0", null, null, 0)]
    [InlineData("items 0-9/*", 0, 9, null)]
    [InlineData(null, null, null, null)]
    [InlineData("bytes 0-9/10", null, null, null)]
    [InlineData("items 0-9", null, null, null)]
    [InlineData("items 0-99999999999/1", null, null, null)]
    public void ParsesTheApsItemsRange(string? header, int? first, int? last, int? total)
    {
        var range = ContentRange.Parse(header);
        Assert.Equal((first, last, total), (range.First, range.Last, range.Total));
    }
}
