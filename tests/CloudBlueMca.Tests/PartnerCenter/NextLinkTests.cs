using System.Text.Json.Nodes;
using CloudBlueMca.Engine.PartnerCenter;
using Xunit;

namespace CloudBlueMca.Tests.PartnerCenter;

public class NextLinkTests
{
    [Fact]
    public void ContinuationHeadersAreReadWhateverTheJsonTypeOfTheirValues()
    {
        var next = JsonNode.Parse("""{"uri":"/v1/customers?size=2","headers":[{"key":"MS-ContinuationToken","value":12345},{"key":"X-Flag","value":true}]}""")!.AsObject();

        var link = PartnerCenterClient.ReadNextLink(next)!;

        Assert.Equal("/v1/customers?size=2", link.Uri);
        Assert.Equal(
            [new KeyValuePair<string, string>("MS-ContinuationToken", "12345"), new KeyValuePair<string, string>("X-Flag", "true")],
            link.Headers);
    }

    [Fact]
    public void AnAuthorizationHeaderFromTheServerIsNeverForwarded()
    {
        var next = JsonNode.Parse("""{"uri":"/v1/customers?size=2","headers":[{"key":"Authorization","value":"Bearer x"},{"key":"MS-ContinuationToken","value":"abc"}]}""")!.AsObject();

        var link = PartnerCenterClient.ReadNextLink(next)!;

        Assert.Equal([new KeyValuePair<string, string>("MS-ContinuationToken", "abc")], link.Headers);
    }

    [Fact]
    public void NoUriMeansNoNextPage() => Assert.Null(PartnerCenterClient.ReadNextLink(JsonNode.Parse("""{"headers":[]}""")!.AsObject()));
}
