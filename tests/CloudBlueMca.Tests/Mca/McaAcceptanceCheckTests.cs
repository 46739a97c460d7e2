using CloudBlueMca.Emulator.Aps;
using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Mca;
using Xunit;
using static CloudBlueMca.Tests.Mca.McaEmulator;

namespace CloudBlueMca.Tests.Mca;

public class McaAcceptanceCheckTests
{
    [Fact]
    public async Task Reports_seed_001_for_account_1000011_from_one_checkAccount_call()
    {
        await using var emulator = await StartAsync();

        var status = Assert.Single(await new McaAcceptanceCheck(emulator.Connection).CheckAsync(1000011, null, emulator.Context));

        Assert.Equal(1000011, status.AccountId);
        Assert.Equal("example.onmicrosoft.com", status.Domain);
        Assert.Equal("example", status.InitialSubdomain);
        Assert.Equal(ExampleMsAccountId, status.MsAccountId);
        Assert.Equal("3f8a1aff-6a93-4b2c-b734-93b66497af4c", status.MsTenantId);
        Assert.True(status.AcceptanceRequired);
        Assert.Equal("117a77b0-9360-443b-8795-c6dedc750cf9", status.AgreementTemplateId);
        Assert.Equal("https://aka.ms/customeragreement", status.AgreementLink);
        var request = Assert.Single(emulator.Requests);
        Assert.Equal("/aps/2/resources/498c7d95-54ef-45c1-9877-da03ec230993/checkAccount", request.Path);
        Assert.Equal("?accountId=1000011&planId=0", request.RawQuery);
    }

    [Fact]
    public async Task Contoso_holds_a_contact_so_acceptance_is_not_required()
    {
        await using var emulator = await StartAsync();
        var status = Assert.Single(await new McaAcceptanceCheck(emulator.Connection).CheckAsync(1000012, "contoso", emulator.Context));
        Assert.False(status.AcceptanceRequired);
    }

    [Fact]
    public async Task The_subdomain_filter_matches_the_first_label_exactly()
    {
        await using var emulator = await StartAsync();
        var generated = emulator.Host.Aps.GenerateAccounts(1)[0];
        var prefix = generated.InitialSubdomain[..^1];
        var check = new McaAcceptanceCheck(emulator.Connection);

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => check.CheckAsync(generated.AccountId, prefix, emulator.Context));

        Assert.Equal(ErrorIds.TenantNotFound, error.ErrorId);
        Assert.Contains(generated.InitialSubdomain + ".onmicrosoft.com", error.Message);
        Assert.Single(await check.CheckAsync(generated.AccountId, generated.InitialSubdomain.ToUpperInvariant() + ".onmicrosoft.com", emulator.Context));
    }

    [Fact]
    public async Task An_unknown_account_is_AccountNotFound()
    {
        await using var emulator = await StartAsync();

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => new McaAcceptanceCheck(emulator.Connection).CheckAsync(999, null, emulator.Context));

        Assert.Equal(ErrorIds.AccountNotFound, error.ErrorId);
        Assert.Equal(ErrorKind.ObjectNotFound, error.Kind);
        Assert.Contains("999", error.Message);
    }

    [Fact]
    public async Task An_invalid_filter_is_InvalidSubdomain_and_sends_nothing()
    {
        await using var emulator = await StartAsync();

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => new McaAcceptanceCheck(emulator.Connection).CheckAsync(1000011, "a&b", emulator.Context));

        Assert.Equal(ErrorIds.InvalidSubdomain, error.ErrorId);
        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task Many_accounts_are_checked_with_overlapping_but_bounded_calls_and_answered_in_input_order()
    {
        await using var emulator = await StartAsync();
        var generated = emulator.Host.Aps.GenerateAccounts(40);
        var requests = generated.Select(g => new AcceptanceCheckRequest(g.AccountId, null)).ToList();
        // Every call takes a while, so sequential calls would never overlap; the first input's call
        // takes longest, so later inputs finish before it.
        emulator.Host.Faults.BaseLatency = TimeSpan.FromMilliseconds(100);
        emulator.Host.Faults.Add(new FaultRule { Method = "GET", PathPrefix = "/aps/2/resources", QueryContains = $"accountId={generated[0].AccountId}&", Kind = FaultKind.Latency, Latency = TimeSpan.FromMilliseconds(1000) });

        var results = await new McaAcceptanceCheck(emulator.Connection).CheckAllAsync(requests, emulator.Context);

        Assert.Equal(generated.Select(g => g.AccountId), results.Select(r => Assert.Single(r.Statuses).AccountId));
        Assert.Equal(generated.Select(g => g.MsAccountId), results.Select(r => r.Statuses[0].MsAccountId));
        Assert.Equal(40, emulator.Requests.Count);
        Assert.InRange(emulator.Host.Log.PeakInFlight, 2, McaConfirmationWorkflow.DefaultThrottleLimit);
        Assert.NotEqual($"?accountId={generated[0].AccountId}&planId=0", emulator.Requests[0].RawQuery);
    }

    [Fact]
    public async Task A_failed_check_is_that_inputs_error_and_the_others_are_answered()
    {
        await using var emulator = await StartAsync();
        var requests = new[]
        {
            new AcceptanceCheckRequest(1000011, null),
            new AcceptanceCheckRequest(999, null),
            new AcceptanceCheckRequest(1000011, "contoso"),
            new AcceptanceCheckRequest(1000012, "contoso"),
            new AcceptanceCheckRequest(1000011, "a&b"),
        };

        var results = await new McaAcceptanceCheck(emulator.Connection).CheckAllAsync(requests, emulator.Context);

        Assert.Equal(requests, results.Select(r => r.Request));
        Assert.True(Assert.Single(results[0].Statuses).AcceptanceRequired);
        Assert.Equal([ErrorIds.AccountNotFound, ErrorIds.TenantNotFound, ErrorIds.InvalidSubdomain], new[] { results[1], results[2], results[4] }.Select(r => r.Error!.ErrorId));
        Assert.All(new[] { results[1], results[2], results[4] }, r => Assert.Empty(r.Statuses));
        Assert.False(Assert.Single(results[3].Statuses).AcceptanceRequired);
        Assert.Null(results[3].Error);
        Assert.Equal(4, emulator.Requests.Count);
    }

    [Fact]
    public async Task Cancelling_a_bulk_check_stops_sending()
    {
        await using var emulator = await StartAsync();
        var generated = emulator.Host.Aps.GenerateAccounts(100);
        emulator.Host.Faults.BaseLatency = TimeSpan.FromMilliseconds(200);
        using var cancel = new CancellationTokenSource(TimeSpan.FromMilliseconds(300));

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() =>
            new McaAcceptanceCheck(emulator.Connection).CheckAllAsync(generated.Select(g => new AcceptanceCheckRequest(g.AccountId, null)).ToList(), emulator.Log.Context(cancel.Token)));

        Assert.True(emulator.Requests.Count < 100, $"{emulator.Requests.Count} requests were sent");
    }

    [Fact]
    public async Task Without_an_application_instance_the_check_cannot_start()
    {
        await using var emulator = await StartAsync(new ApsEmulatorOptions { ApplicationInstanceCount = 0 });

        var error = Assert.Throws<CloudBlueMcaException>(() => new McaAcceptanceCheck(emulator.Connection));

        Assert.Equal(ErrorIds.ApplicationInstanceRequired, error.ErrorId);
        Assert.Contains("-ApplicationInstanceId", error.Message);
    }
}
