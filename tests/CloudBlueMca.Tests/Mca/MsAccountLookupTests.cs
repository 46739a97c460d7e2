using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Mca;
using Xunit;
using static CloudBlueMca.Tests.Mca.McaEmulator;

namespace CloudBlueMca.Tests.Mca;

public class MsAccountLookupTests
{
    [Fact]
    public async Task Finds_example_with_all_five_tenants_and_the_customer_id_in_two_requests()
    {
        await using var emulator = await StartAsync();

        var results = await new MsAccountLookup(emulator.Connection).FindAsync(["example"], emulator.Context);

        var account = Assert.Single(Assert.Single(results).Accounts);
        Assert.Equal(ExampleMsAccountId, account.MsAccountId);
        Assert.Equal("example", account.InitialSubdomain);
        Assert.Equal(1000011, account.AccountId);
        Assert.Equal(
            ["042b672a-47f8-4dc9-a973-f4134390f357", "32e9c8bd-23a1-4a73-9af2-c05b05116136", "6fcff2c9-de5c-4eb3-b2b7-d5722cc29338", "d107eaff-9e3e-4c31-90e5-818842c1fc0f", "d8812853-3a26-4058-8881-6e1e9bd31cab"],
            account.Tenants.Select(t => t.ApsId).Order());
        Assert.Collection(
            emulator.Requests,
            r => Assert.Equal($"?implementing({TenantType}),eq(initial_subdomain,example),select(account),limit(0,1000)", r.RawQuery),
            r => Assert.Equal($"?implementing({TenantType}),eq(ms_account_id,{ExampleMsAccountId}),select(account),limit(0,1000)", r.RawQuery));
    }

    [Fact]
    public async Task Every_spelling_of_a_label_is_one_value_and_results_keep_input_order()
    {
        await using var emulator = await StartAsync();

        var results = await new MsAccountLookup(emulator.Connection).FindAsync(["contoso", "EXAMPLE", "example.onmicrosoft.com", "contoso"], emulator.Context);

        Assert.Equal([ContosoMsAccountId, ExampleMsAccountId, ExampleMsAccountId, ContosoMsAccountId], results.Select(r => Assert.Single(r.Accounts).MsAccountId));
        Assert.Equal(["contoso", "EXAMPLE", "example.onmicrosoft.com", "contoso"], results.Select(r => r.Input));
        Assert.Contains("in(initial_subdomain,(contoso,example))", emulator.Requests[0].RawQuery);
        Assert.Equal(2, emulator.Requests.Count);
    }

    [Fact]
    public async Task An_unknown_label_is_MsAccountNotFound_and_the_others_still_resolve()
    {
        await using var emulator = await StartAsync();

        var results = await new MsAccountLookup(emulator.Connection).FindAsync(["nosuchaccount", "example"], emulator.Context);

        Assert.Equal(ErrorIds.MsAccountNotFound, results[0].Error!.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, results[0].Error!.Kind);
        Assert.Equal("nosuchaccount", results[0].Error!.Target);
        Assert.Empty(results[0].Accounts);
        Assert.Equal(ExampleMsAccountId, Assert.Single(results[1].Accounts).MsAccountId);
    }

    [Theory]
    [InlineData("example),eq(ms_account_id,*")]
    [InlineData("example,contoso")]
    [InlineData("ex ample")]
    [InlineData("")]
    [InlineData("example%29")]
    public async Task Hostile_or_invalid_labels_are_rejected_without_any_request(string hostile)
    {
        await using var emulator = await StartAsync();

        var result = Assert.Single(await new MsAccountLookup(emulator.Connection).FindAsync([hostile], emulator.Context));

        Assert.Equal(ErrorIds.InvalidSubdomain, result.Error!.ErrorId);
        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task Several_Microsoft_accounts_for_one_label_give_one_object_each_and_a_warning()
    {
        await using var emulator = await StartAsync();
        emulator.Host.Aps.PutResource("d4cf0ea9-8f44-41c7-80da-1766174a4b12", new() { ["initial_subdomain"] = "example" });

        var result = Assert.Single(await new MsAccountLookup(emulator.Connection).FindAsync(["example"], emulator.Context));

        Assert.Equal(new[] { ExampleMsAccountId, ContosoMsAccountId }.Order(), result.Accounts.Select(a => a.MsAccountId).Order());
        Assert.Contains(emulator.Log.Warnings, w => w.Contains("'example' belongs to 2 Microsoft accounts"));
    }

    [Fact]
    public async Task Hundreds_of_labels_are_looked_up_in_chunks_with_every_url_under_2000_characters()
    {
        await using var emulator = await StartAsync();
        var generated = emulator.Host.Aps.GenerateAccounts(600);

        var results = await new MsAccountLookup(emulator.Connection).FindAsync(generated.Select(g => g.InitialSubdomain).ToList(), emulator.Context);

        Assert.Equal(generated.Select(g => g.MsAccountId), results.Select(r => Assert.Single(r.Accounts).MsAccountId));
        Assert.Equal(generated.Select(g => g.AccountId), results.Select(r => r.Accounts[0].AccountId!.Value));
        Assert.All(emulator.Requests, r => Assert.True(new Uri(emulator.Host.BaseUri, r.PathAndQuery).AbsoluteUri.Length < 2000));
        Assert.InRange(emulator.Requests.Count, 4, 30);
    }
}
