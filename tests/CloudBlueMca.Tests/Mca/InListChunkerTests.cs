using CloudBlueMca.Engine.Mca;
using Xunit;

namespace CloudBlueMca.Tests.Mca;

public class InListChunkerTests
{
    private const string Prefix = "https://cloudblue.example.com/aps/2/resources/?implementing(http://www.parallels.com/Office365/Tenant/2.8),in(initial_subdomain,(";

    private static int UrlLength(IReadOnlyList<string> values) =>
        (Prefix + string.Join(",", values.Select(Uri.EscapeDataString)) + ")),limit(0,1000)").Length;

    [Fact]
    public void Every_chunk_stays_under_the_limit_and_no_value_is_lost_or_reordered()
    {
        var values = Enumerable.Range(0, 1000).Select(i => $"customer-{i:D5}" + (i % 7 == 0 ? " &(x)" : "")).ToList();

        var chunks = InListChunker.Chunk(values, UrlLength, 2000).ToList();

        Assert.All(chunks, c => Assert.True(UrlLength(c) < 2000, $"URL of {UrlLength(c)} characters"));
        Assert.Equal(values, chunks.SelectMany(c => c));
        Assert.True(chunks.Count > 1);
        // Greedy: adding the next value to a chunk would have crossed the limit.
        for (var i = 0; i < chunks.Count - 1; i++)
        {
            Assert.True(UrlLength(chunks[i].Append(chunks[i + 1][0]).ToList()) >= 2000);
        }
    }

    [Fact]
    public void No_values_give_no_chunks()
    {
        Assert.Empty(InListChunker.Chunk([], UrlLength, 2000));
    }

    [Fact]
    public void A_value_too_long_for_any_url_is_refused()
    {
        Assert.Throws<ArgumentException>(() => InListChunker.Chunk([new string('a', 3000)], UrlLength, 2000).ToList());
    }
}
