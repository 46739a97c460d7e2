using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.PartnerCenter;

/// <summary>GET /v1/customers page by page, following links.next and its MS-ContinuationToken header.</summary>
public sealed class CustomerPagingTests
{
    [Fact]
    public async Task EveryCustomerIsReadOncePageByPageWithTheContinuationHeader()
    {
        await using var host = await EmulatorHost.StartAsync();
        // 7 seed customers (seed 002 and the six seeded CloudBlue tenants) and 4 generated ones.
        var generated = host.PartnerCenter.GenerateCustomers(4);
        var connection = await PartnerCenterConnector.ConnectAsync(PcTestCredentials.ClientSecret(host), OperationContext.None);
        var log = new RecordingLog();
        var context = log.Context();
        var pager = PartnerCenterCustomers.List(connection, pageSize: 3);

        var pages = new List<IReadOnlyList<PcCustomer>>();
        while (pager.HasMore)
        {
            pages.Add(await pager.NextPageAsync(context));
        }

        Assert.Equal(new[] { 3, 3, 3, 2 }, pages.Select(p => p.Count));
        var ids = pages.SelectMany(p => p).Select(c => c.Id).ToList();
        Assert.Equal(11, ids.Distinct().Count());
        Assert.Equal(Guid.Parse("aaaabbbb-0000-cccc-1111-dddd2222eeee"), ids[0]);
        Assert.Equal(generated, ids.Skip(7));
        Assert.Equal(11, pager.Count);

        var calls = host.Log.Entries.Where(e => e.Path == "/v1/customers").ToList();
        Assert.Equal("?size=3", calls[0].RawQuery);
        Assert.Null(calls[0].Header("MS-ContinuationToken"));
        Assert.All(calls.Skip(1), c =>
        {
            Assert.Equal("?size=3&seekOperation=Next", c.RawQuery);
            Assert.False(string.IsNullOrEmpty(c.Header("MS-ContinuationToken")));
        });
        Assert.All(calls, c => Assert.Equal(context.CorrelationId, Guid.Parse(c.Header("MS-CorrelationId")!)));
        Assert.Equal(4, calls.Select(c => c.Header("MS-RequestId")).Distinct().Count());

        Assert.Equal(new[] { 3, 6, 9, 11 }, log.ProgressReports.Select(p => p.Completed));
        Assert.Equal(new int?[] { null, null, null, 11 }, log.ProgressReports.Select(p => p.Total));
    }

    [Fact]
    public async Task ListItemsCarryOnlyWhatTheListReturns()
    {
        await using var host = await EmulatorHost.StartAsync();
        var connection = await PartnerCenterConnector.ConnectAsync(PcTestCredentials.ClientSecret(host), OperationContext.None);

        var page = await PartnerCenterCustomers.List(connection).NextPageAsync(OperationContext.None);

        var example = Assert.Single(page, c => c.InitialSubdomain == "example");
        Assert.Equal("Example Ltd", example.CompanyName);
        Assert.Null(example.BillingProfile);
        Assert.Null(example.AllowDelegatedAccess);
        Assert.Equal(7, page.Count);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(501)]
    public async Task AnOutOfRangePageSizeIsRefusedBeforeAnyRequest(int pageSize)
    {
        await using var host = await EmulatorHost.StartAsync();
        var connection = await PartnerCenterConnector.ConnectAsync(PcTestCredentials.ClientSecret(host), OperationContext.None);

        var error = Assert.Throws<CloudBlueMcaException>(() => PartnerCenterCustomers.List(connection, pageSize));

        Assert.Equal(ErrorKind.InvalidArgument, error.Kind);
        Assert.DoesNotContain(host.Log.Entries, e => e.Path.StartsWith("/v1/", StringComparison.Ordinal));
    }
}
