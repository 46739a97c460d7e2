using System.Diagnostics;
using System.Text.Json.Nodes;
using CloudBlueMca.Emulator.Aps;
using CloudBlueMca.Emulator.Aps.Rql;
using Xunit;

namespace CloudBlueMca.Tests.Emulator;

public class ApsStoreTests
{
    private const string TenantType = "http://www.parallels.com/Office365/Tenant/2.8";
    private const string ExampleMsAccount = "0ec8e245-2509-44b9-a184-a313345db839";
    private const string ContosoMsAccount = "4188e387-a418-40f0-9166-54295cab3fcc";

    // Seed 001's checkAccount response, verbatim.
    private const string SeedCheckAccount = """
        {"has_o365":true,"is_multitenant":false,"tenants":[{"domain":"example.onmicrosoft.com","id":"0ec8e245-2509-44b9-a184-a313345db839",
        "trial_plan_validation_result":{"validationCode":0},"ms_tenant_id":"3f8a1aff-6a93-4b2c-b734-93b66497af4c",
        "is_acceptance_of_microsoft_cloud_agreement_required":true,"customer_agreements":[]}],
        "microsoft_cloud_agreement_metadata":{"templateId":"117a77b0-9360-443b-8795-c6dedc750cf9","agreementLink":"https://aka.ms/customeragreement","versionRank":0},
        "service_plans_compatibility":null}
        """;

    private static readonly JsonObject Contact = JsonNode.Parse("""
        {"cloud_agreement_contact":{"email":"johnsmith@example.com","first_name":"John","last_name":"Smith","phone":"+1234567","date_agreed":"2020-03-10"}}
        """)!.AsObject();

    private static ApsPage Query(ApsStore store, string rql) => store.Query(RqlParser.Parse(rql));

    private static IEnumerable<string> Ids(ApsPage page) => page.Items.Select(i => i["aps"]!["id"]!.GetValue<string>());

    [Fact]
    public void FindsTheSeedTenantBySubdomain()
    {
        var page = Query(new ApsStore(new ApsEmulatorOptions()), $"implementing({TenantType}),eq(initial_subdomain,example)");

        Assert.Equal(new[] { "6fcff2c9-de5c-4eb3-b2b7-d5722cc29338" }, Ids(page));
        Assert.Equal(ExampleMsAccount, page.Items[0]["ms_account_id"]!.GetValue<string>());
        Assert.Equal("items 0-0/1", page.ContentRange);
    }

    [Fact]
    public void ListsTheFiveSeedTenantsOfTheMicrosoftAccountInSeedOrder()
    {
        var page = Query(new ApsStore(new ApsEmulatorOptions()), $"implementing({TenantType}),eq(ms_account_id,{ExampleMsAccount})");

        Assert.Equal(
            new[] { "042b672a-47f8-4dc9-a973-f4134390f357", "32e9c8bd-23a1-4a73-9af2-c05b05116136", "6fcff2c9-de5c-4eb3-b2b7-d5722cc29338", "d107eaff-9e3e-4c31-90e5-818842c1fc0f", "d8812853-3a26-4058-8881-6e1e9bd31cab" },
            Ids(page));
        Assert.Equal(9, page.Items[0]["aps"]!["revision"]!.GetValue<int>());
        Assert.Equal("/aps/2/resources/0f6e3b1c-7a2d-4c59-9e84-000001000011", page.Items[0]["account"]!["aps"]!["href"]!.GetValue<string>());
    }

    [Fact]
    public void ServesSeed000UnderContoso()
    {
        var store = new ApsStore(new ApsEmulatorOptions());

        var page = Query(store, $"implementing({TenantType}),eq(account.id,1000012)");

        Assert.Equal(new[] { "c70c20f9-614e-4c9e-9ca2-72594b9056ca", "d4cf0ea9-8f44-41c7-80da-1766174a4b12" }, Ids(page));
        Assert.All(page.Items, t => Assert.Equal("contoso", t["initial_subdomain"]!.GetValue<string>()));
        Assert.Equal("2020-02-19", page.Items[1]["cloud_agreement_contact"]!["date_agreed"]!.GetValue<string>());
        Assert.False(store.IsAcceptanceRequired(ContosoMsAccount));
        Assert.Empty(Query(store, "eq(initial_subdomain,example),eq(account.id,1000012)").Items);
    }

    [Fact]
    public void SelectingTheAccountLinkEmbedsTheAccount()
    {
        var page = Query(new ApsStore(new ApsEmulatorOptions()), $"implementing({TenantType}),eq(initial_subdomain,example),select(account)");

        var account = page.Items[0]["account"]!.AsObject();
        Assert.Equal(1000011, account["id"]!.GetValue<int>());
        Assert.Equal("Example Corp", account["companyName"]!.GetValue<string>());
        Assert.Equal("http://parallels.com/aps/types/pa/account/1.2", account["aps"]!["type"]!.GetValue<string>());
        Assert.Equal("yes", page.Items[0]["is_activated"]!.GetValue<string>());
    }

    [Fact]
    public void SelectingPropertiesTrimsTheResource()
    {
        var page = Query(new ApsStore(new ApsEmulatorOptions()), "eq(initial_subdomain,example),select(ms_account_id,account.id)");

        var item = page.Items[0];
        Assert.Equal(new[] { "ms_account_id", "aps", "account" }, item.Select(p => p.Key));
        Assert.Equal(1000011, item["account"]!["id"]!.GetValue<int>());
        Assert.Null(item["account"]!["companyName"]);
    }

    [Fact]
    public void SortsAndPages()
    {
        var store = new ApsStore(new ApsEmulatorOptions());

        var page = Query(store, $"eq(ms_account_id,{ExampleMsAccount}),sort(-aps.revision),limit(1,2)");

        Assert.Equal(new[] { 12, 9 }, page.Items.Select(i => i["aps"]!["revision"]!.GetValue<int>()));
        Assert.Equal("items 1-2/5", page.ContentRange);
        Assert.True(page.IsPartial);
    }

    [Fact]
    public void AnEmptyResultHasAnEmptyRange()
    {
        var page = Query(new ApsStore(new ApsEmulatorOptions()), "eq(initial_subdomain,nobody)");

        Assert.Empty(page.Items);
        Assert.Equal("items 0-0/0", page.ContentRange);
        Assert.False(page.IsPartial);
    }

    [Fact]
    public void UsesTheDefaultPageSizeWithoutLimit()
    {
        var store = new ApsStore(new ApsEmulatorOptions { DefaultPageSize = 3 });

        var page = Query(store, $"implementing({TenantType})");

        Assert.Equal(3, page.Items.Count);
        Assert.Equal("items 0-2/11", page.ContentRange);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    public void DiscoversApplicationInstancesByTheUnversionedType(int count)
    {
        var store = new ApsStore(new ApsEmulatorOptions { ApplicationInstanceCount = count });

        var ids = Ids(Query(store, "implementing(http://www.parallels.com/Office365/Office365app)")).ToList();

        Assert.Equal(count, ids.Count);
        Assert.Equal(store.ApplicationInstanceIds, ids);
        if (count > 0)
        {
            Assert.Equal("498c7d95-54ef-45c1-9877-da03ec230993", ids[0]);
        }
    }

    [Fact]
    public void PutMergesDeeplyBumpsTheRevisionAndRefreshesModified()
    {
        var store = new ApsStore(new ApsEmulatorOptions());
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);

        var patch = JsonNode.Parse("""{"totalSeatsSold":{"usage":3},"aps":{"id":"forged","revision":1},"new_property":"x"}""")!.AsObject();
        var updated = store.PutResource("042b672a-47f8-4dc9-a973-f4134390f357", patch)!;

        Assert.Equal(10, updated["aps"]!["revision"]!.GetValue<int>());
        Assert.Equal("042b672a-47f8-4dc9-a973-f4134390f357", updated["aps"]!["id"]!.GetValue<string>());
        Assert.True(DateTimeOffset.Parse(updated["aps"]!["modified"]!.GetValue<string>()) >= before);
        Assert.Equal(3, updated["totalSeatsSold"]!["usage"]!.GetValue<int>());
        Assert.Equal(-1, updated["totalSeatsSold"]!["limit"]!.GetValue<int>());
        Assert.Equal("x", updated["new_property"]!.GetValue<string>());
        Assert.Equal(ExampleMsAccount, updated["ms_account_id"]!.GetValue<string>());
        Assert.Equal(updated.ToJsonString(), store.GetResource("042b672a-47f8-4dc9-a973-f4134390f357")!.ToJsonString());
    }

    [Fact]
    public void PutOfAnUnknownResourceReturnsNull()
    {
        Assert.Null(new ApsStore(new ApsEmulatorOptions()).PutResource("00000000-0000-0000-0000-000000000000", Contact));
    }

    [Fact]
    public void PutKeepsIndexesCurrent()
    {
        var store = new ApsStore(new ApsEmulatorOptions());

        store.PutResource("6fcff2c9-de5c-4eb3-b2b7-d5722cc29338", JsonNode.Parse("""{"initial_subdomain":"renamed"}""")!.AsObject());

        Assert.Empty(Query(store, "eq(initial_subdomain,example)").Items);
        Assert.Equal(new[] { "6fcff2c9-de5c-4eb3-b2b7-d5722cc29338" }, Ids(Query(store, "in(initial_subdomain,(renamed,other))")));
    }

    [Fact]
    public void CheckAccountIsShapedLikeSeed001()
    {
        var result = new ApsStore(new ApsEmulatorOptions()).CheckAccount(1000011)!;

        Assert.Equal(JsonNode.Parse(SeedCheckAccount)!.ToJsonString(), result.ToJsonString());
    }

    [Fact]
    public void APutOfTheContactToAnyTenantFlipsAcceptance()
    {
        var store = new ApsStore(new ApsEmulatorOptions());
        Assert.True(store.IsAcceptanceRequired(ExampleMsAccount));

        store.PutResource("d8812853-3a26-4058-8881-6e1e9bd31cab", Contact);

        Assert.False(store.IsAcceptanceRequired(ExampleMsAccount));
        Assert.False(store.CheckAccount(1000011)!["tenants"]![0]!["is_acceptance_of_microsoft_cloud_agreement_required"]!.GetValue<bool>());
    }

    [Fact]
    public void CheckAccountOfContosoNeedsNoAcceptanceAndOfAnUnknownAccountIsNull()
    {
        var store = new ApsStore(new ApsEmulatorOptions());

        var tenant = store.CheckAccount(1000012)!["tenants"]![0]!;

        Assert.Equal("contoso.onmicrosoft.com", tenant["domain"]!.GetValue<string>());
        Assert.Equal("9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19", tenant["ms_tenant_id"]!.GetValue<string>());
        Assert.False(tenant["is_acceptance_of_microsoft_cloud_agreement_required"]!.GetValue<bool>());
        Assert.Null(store.CheckAccount(999));
    }

    [Fact]
    public void CredentialsWithoutCheckAccountAreKnownButNotAllowed()
    {
        var store = new ApsStore(new ApsEmulatorOptions());
        store.AddCredential("limited", "limited-secret", allowCheckAccount: false);

        Assert.Equal("limited-secret", store.FindConsumerSecret("limited"));
        Assert.False(store.IsOperationAllowed("limited", ApsTypes.Office365App, "GET"));
        Assert.True(store.IsOperationAllowed("demo-key", ApsTypes.Office365App, "GET"));
        Assert.Null(store.FindConsumerSecret("unknown"));
    }

    [Fact]
    public async Task ConcurrentPutsNeverLoseARevision()
    {
        var store = new ApsStore(new ApsEmulatorOptions());
        const string id = "32e9c8bd-23a1-4a73-9af2-c05b05116136";

        await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            store.PutResource(id, JsonNode.Parse($$"""{"counter_{{i}}":{{i}}}""")!.AsObject()))));

        var resource = store.GetResource(id)!;
        Assert.Equal(7 + 16, resource["aps"]!["revision"]!.GetValue<int>());
        Assert.All(Enumerable.Range(0, 16), i => Assert.Equal(i, resource[$"counter_{i}"]!.GetValue<int>()));
    }

    [Fact]
    public void GeneratedAccountsAreUniqueAndNeedAcceptance()
    {
        var store = new ApsStore(new ApsEmulatorOptions());

        var first = store.GenerateAccounts(3, tenantsPerAccount: 2);
        var second = store.GenerateAccounts(2);

        var all = first.Concat(second).ToList();
        Assert.Equal(5, all.Select(a => a.AccountId).Distinct().Count());
        Assert.Equal(5, all.Select(a => a.InitialSubdomain).Distinct().Count());
        Assert.Equal(5, all.Select(a => a.MsAccountId).Distinct().Count());
        Assert.Equal(5, all.Select(a => a.MsTenantId).Distinct().Count());
        Assert.Equal(8, all.SelectMany(a => a.TenantIds).Distinct().Count());
        var account = first[1];
        Assert.Equal(account.TenantIds, Ids(Query(store, $"implementing({TenantType}),eq(initial_subdomain,{account.InitialSubdomain})")));
        var check = store.CheckAccount(account.AccountId)!["tenants"]![0]!;
        Assert.Equal(account.MsAccountId, check["id"]!.GetValue<string>());
        Assert.Equal(account.MsTenantId, check["ms_tenant_id"]!.GetValue<string>());
        Assert.True(check["is_acceptance_of_microsoft_cloud_agreement_required"]!.GetValue<bool>());
    }

    [Fact]
    public void TenantsAreFoundByTheirAccountsSystemIdAfterThatIdChanges()
    {
        var store = new ApsStore(new ApsEmulatorOptions());

        store.PutResource("0f6e3b1c-7a2d-4c59-9e84-000001000011", new JsonObject { ["id"] = 555 });

        Assert.Equal(5, Query(store, $"implementing({TenantType}),eq(account.id,555)").Items.Count);
        Assert.Empty(Query(store, $"implementing({TenantType}),eq(account.id,1000011)").Items);
        var check = store.CheckAccount(555)!;
        Assert.Equal("0ec8e245-2509-44b9-a184-a313345db839", Assert.Single(check["tenants"]!.AsArray())!["id"]!.GetValue<string>());
        Assert.Null(store.CheckAccount(1000011));
    }

    [Fact]
    public void AnUnfilteredTypeQueryIsPagedInStorageOrderWithTheFullTotal()
    {
        var store = new ApsStore(new ApsEmulatorOptions { GeneratedAccounts = 10 });

        var first = Query(store, $"implementing({TenantType}),limit(0,4)");
        var rest = Query(store, $"implementing({TenantType}),limit(4,100)");
        var everything = Query(store, "limit(0,1000)");

        Assert.Equal(21, first.Total);
        Assert.Equal(21, rest.Total);
        Assert.Equal(4, first.Items.Count);
        Assert.Equal(17, rest.Items.Count);
        Assert.Equal("042b672a-47f8-4dc9-a973-f4134390f357", first.Items[0]["aps"]!["id"]!.GetValue<string>());
        Assert.Equal(store.ResourceCount, everything.Total);
        Assert.Equal(
            first.Items.Concat(rest.Items).Select(t => t["aps"]!["id"]!.GetValue<string>()),
            everything.Items.Where(r => r["aps"]!["type"]!.GetValue<string>() == TenantType).Select(r => r["aps"]!["id"]!.GetValue<string>()));
    }

    [Fact]
    public void OneHundredThousandAccountsAreQuickToBuildAndLookedUpThroughIndexes()
    {
        var watch = Stopwatch.StartNew();
        var store = new ApsStore(new ApsEmulatorOptions { GeneratedAccounts = 100_000 });
        var build = watch.Elapsed;

        var sample = Enumerable.Range(0, 100).Select(i => FormattableString.Invariant($"generated{i * 997 + 1:D6}")).ToList();
        var oneQuery = $"implementing({TenantType}),eq(initial_subdomain,{sample[50]})";
        var manyQuery = $"implementing({TenantType}),in(initial_subdomain,({string.Join(",", sample)})),limit(0,1000)";
        var byAccountQuery = $"implementing({TenantType}),eq(account.id,2099999)";

        Assert.Equal(200_000 + 17 + 1, store.ResourceCount);
        Assert.Single(Query(store, oneQuery).Items);
        Assert.Equal(100, Query(store, manyQuery).Items.Count);
        Assert.Single(Query(store, byAccountQuery).Items);
        Assert.NotNull(store.CheckAccount(2050000));
        Assert.Equal(1, store.CountCandidates(RqlParser.Parse(oneQuery)));
        Assert.Equal(100, store.CountCandidates(RqlParser.Parse(manyQuery)));
        Assert.Equal(1, store.CountCandidates(RqlParser.Parse(byAccountQuery)));
        // Every Tenant: 100,000 generated plus the seven of seeds 000 and 001 and the four Sync scenarios.
        Assert.Equal(100_000 + 11, store.CountCandidates(RqlParser.Parse($"implementing({TenantType})")));

        // A generous bound: it only catches a catastrophic regression (the build takes ~4 s here).
        Assert.True(build < TimeSpan.FromSeconds(60), $"Generating 100,000 accounts took {build}.");
    }
}
