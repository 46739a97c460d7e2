using System.Globalization;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Bulk;
using CloudBlueMca.Engine.Mca;
using CloudBlueMca.Tests.Support;
using Xunit;
using static CloudBlueMca.Tests.Mca.McaEmulator;

namespace CloudBlueMca.Tests.Mca;

public class McaConfirmationTests
{
    private const string SeedPutBody = """{"cloud_agreement_contact":{"email":"john@example.com","first_name":"John","last_name":"Smith","phone":"+1234567","date_agreed":"2020-03-10"}}""";

    [Fact]
    public async Task Confirms_example_with_exactly_the_seed_001_put_on_a_ready_tenant()
    {
        await using var emulator = await StartAsync();

        var outcome = Assert.Single(await emulator.ConfirmAsync(Row("example")));

        var confirmation = outcome.Confirmation!;
        Assert.Equal(ConfirmationResult.Confirmed, confirmation.Result);
        Assert.Equal(ExampleMsAccountId, confirmation.MsAccountId);
        Assert.Equal("example", confirmation.InitialSubdomain);
        Assert.Equal("042b672a-47f8-4dc9-a973-f4134390f357", confirmation.TenantResourceId);
        Assert.Equal(("John", "Smith", "john@example.com", "+1234567"), (confirmation.FirstName, confirmation.LastName, confirmation.Email, confirmation.PhoneNumber));
        Assert.Equal("2020-03-10", confirmation.DateAgreed);

        var put = Assert.Single(emulator.Puts);
        Assert.Equal("/aps/2/resources/042b672a-47f8-4dc9-a973-f4134390f357", put.Path);
        Assert.Equal(SeedPutBody, Body(put).ToJsonString(new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }));
        Assert.False(emulator.Host.Aps.IsAcceptanceRequired(ExampleMsAccountId));
        Assert.Equal(3, emulator.Requests.Count);
    }

    [Fact]
    public async Task The_date_defaults_to_today_utc()
    {
        await using var emulator = await StartAsync();
        var row = Row("example");
        row.DateAgreed = null;

        var confirmation = Assert.Single(await emulator.ConfirmAsync(row)).Confirmation!;

        Assert.Equal("2024-05-17", confirmation.DateAgreed);
        Assert.Equal("2024-05-17", (string)Body(Assert.Single(emulator.Puts))["cloud_agreement_contact"]!["date_agreed"]!);
    }

    [Fact]
    public async Task MsAccountId_wins_over_InitialSubdomain_and_skips_the_subdomain_lookup()
    {
        await using var emulator = await StartAsync();

        var confirmation = Assert.Single(await emulator.ConfirmAsync(Row("contoso", ExampleMsAccountId))).Confirmation!;

        Assert.Equal(ExampleMsAccountId, confirmation.MsAccountId);
        Assert.DoesNotContain(emulator.Requests, r => r.RawQuery.Contains("initial_subdomain"));
        Assert.Equal($"?implementing({TenantType}),eq(ms_account_id,{ExampleMsAccountId}),select(account),limit(0,1000)", emulator.Requests[0].RawQuery);
    }

    [Fact]
    public async Task A_declined_plan_sends_no_put_and_writes_nothing()
    {
        await using var emulator = await StartAsync();
        var offered = new List<ConfirmationRow>();

        var row = Assert.Single(await emulator.ConfirmAsync(emulator.Workflow(), r => { offered.Add(r); return false; }, Row("example")));

        var plan = Assert.Single(offered);
        Assert.Contains("'example'", plan.UpdateTarget);
        Assert.Contains("042b672a-47f8-4dc9-a973-f4134390f357", plan.UpdateTarget);
        Assert.Contains("john@example.com", plan.UpdateAction);
        Assert.Contains("agreed 2020-03-10", plan.UpdateAction);
        Assert.True(row.IsSettled);
        Assert.Null(row.Confirmation);
        Assert.Null(row.Error);
        Assert.Empty(emulator.Puts);
        Assert.True(emulator.Host.Aps.IsAcceptanceRequired(ExampleMsAccountId));
    }

    [Fact]
    public async Task The_recorded_contact_of_contoso_is_AlreadyConfirmed_and_nothing_is_sent()
    {
        await using var emulator = await StartAsync();

        var confirmation = Assert.Single(await emulator.ConfirmAsync(Row("contoso", email: "johnsmith@example.com", date: new DateTime(2020, 2, 19)))).Confirmation!;

        Assert.Equal(ConfirmationResult.AlreadyConfirmed, confirmation.Result);
        Assert.Equal("d4cf0ea9-8f44-41c7-80da-1766174a4b12", confirmation.TenantResourceId);
        Assert.Empty(emulator.Puts);
    }

    [Fact]
    public async Task A_different_contact_needs_Force_and_then_replaces_the_recorded_one()
    {
        await using var emulator = await StartAsync();

        var refused = Assert.Single(await emulator.ConfirmAsync(Row("contoso"))).Error!;
        Assert.Equal(ErrorIds.ContactAlreadyRecorded, refused.ErrorId);
        Assert.Contains("johnsmith@example.com", refused.Message);
        Assert.Empty(emulator.Puts);

        var replaced = Assert.Single(await emulator.ConfirmAsync(emulator.Workflow(force: true), Row("contoso"))).Confirmation!;
        Assert.Equal(ConfirmationResult.Confirmed, replaced.Result);
        Assert.Equal("/aps/2/resources/d4cf0ea9-8f44-41c7-80da-1766174a4b12", Assert.Single(emulator.Puts).Path);
        var stored = emulator.Host.Aps.GetResource("d4cf0ea9-8f44-41c7-80da-1766174a4b12")!;
        Assert.Equal("john@example.com", (string)stored["cloud_agreement_contact"]!["email"]!);
        Assert.Equal("2020-03-10", (string)stored["cloud_agreement_contact"]!["date_agreed"]!);
    }

    [Fact]
    public async Task Force_with_the_recorded_contact_is_still_AlreadyConfirmed()
    {
        await using var emulator = await StartAsync();

        var confirmation = Assert.Single(await emulator.ConfirmAsync(emulator.Workflow(force: true), Row("contoso", email: "JohnSmith@example.com", date: new DateTime(2020, 2, 19)))).Confirmation!;

        Assert.Equal(ConfirmationResult.AlreadyConfirmed, confirmation.Result);
        Assert.Empty(emulator.Puts);
    }

    [Fact]
    public async Task A_subdomain_of_several_Microsoft_accounts_is_AmbiguousSubdomain_listing_them_and_nothing_is_sent()
    {
        await using var emulator = await StartAsync();
        emulator.Host.Aps.PutResource("d4cf0ea9-8f44-41c7-80da-1766174a4b12", new() { ["initial_subdomain"] = "example" });

        var outcomes = await emulator.ConfirmAsync(Row("example"), Row("example", ExampleMsAccountId));

        var error = outcomes[0].Error!;
        Assert.Equal(ErrorIds.AmbiguousSubdomain, error.ErrorId);
        Assert.Equal("example", error.Target);
        Assert.Contains(ExampleMsAccountId, error.Message);
        Assert.Contains(ContosoMsAccountId, error.Message);
        Assert.Equal(ConfirmationResult.Confirmed, outcomes[1].Confirmation!.Result);
        Assert.Equal(ExampleMsAccountId, outcomes[1].Confirmation!.MsAccountId);
        Assert.Equal("/aps/2/resources/042b672a-47f8-4dc9-a973-f4134390f357", Assert.Single(emulator.Puts).Path);
        Assert.Equal("2020-02-19", (string)emulator.Host.Aps.GetResource("d4cf0ea9-8f44-41c7-80da-1766174a4b12")!["cloud_agreement_contact"]!["date_agreed"]!);
    }

    [Fact]
    public async Task A_requested_tenant_resource_gets_the_contact()
    {
        await using var emulator = await StartAsync();
        var row = Row("example");
        row.TenantResourceId = "D8812853-3A26-4058-8881-6E1E9BD31CAB";

        Assert.Equal("d8812853-3a26-4058-8881-6e1e9bd31cab", Assert.Single(await emulator.ConfirmAsync(row)).Confirmation!.TenantResourceId);
        Assert.Equal("/aps/2/resources/d8812853-3a26-4058-8881-6e1e9bd31cab", Assert.Single(emulator.Puts).Path);
    }

    [Fact]
    public async Task Invalid_rows_get_their_own_error_and_send_nothing()
    {
        await using var emulator = await StartAsync();
        var noAccount = Row();
        var badContact = Row("example", email: "john(at)example.com");
        var future = Row("example", date: new DateTime(2024, 5, 18));
        var hostile = Row("example),eq(a,b");
        var longId = Row(msAccountId: new string('x', 500));

        var outcomes = await emulator.ConfirmAsync(noAccount, badContact, future, hostile, longId);

        Assert.Equal(
            [ErrorIds.MsAccountOrSubdomainRequired, ErrorIds.InvalidContact, ErrorIds.InvalidContact, ErrorIds.InvalidSubdomain, ErrorIds.InvalidMsAccountId],
            outcomes.Select(o => o.Error!.ErrorId));
        Assert.Contains("in the future", outcomes[2].Error!.Message);
        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task An_MsAccountId_that_is_not_a_guid_is_refused_before_anything_is_sent()
    {
        await using var emulator = await StartAsync();

        var outcomes = await emulator.ConfirmAsync(Row(msAccountId: "x),or(eq(ms_account_id,*)"), Row(msAccountId: "xyz"));

        Assert.All(outcomes, o => Assert.Equal(ErrorIds.InvalidMsAccountId, o.Error!.ErrorId));
        Assert.DoesNotContain("'xyz' of 'xyz'", outcomes[1].Error!.Message);
        Assert.Empty(emulator.Requests);
    }

    [Fact]
    public async Task A_mixed_batch_keeps_input_order_and_confirms_a_repeated_account_once()
    {
        await using var emulator = await StartAsync();

        var outcomes = await emulator.ConfirmAsync(Row("example"), Row("nosuchaccount"), Row("EXAMPLE.onmicrosoft.com"), Row("contoso", email: "johnsmith@example.com", date: new DateTime(2020, 2, 19)));

        Assert.Equal(ConfirmationResult.Confirmed, outcomes[0].Confirmation!.Result);
        Assert.Equal(ErrorIds.MsAccountNotFound, outcomes[1].Error!.ErrorId);
        Assert.Equal("nosuchaccount", outcomes[1].Error!.Target);
        Assert.Equal(ConfirmationResult.AlreadyConfirmed, outcomes[2].Confirmation!.Result);
        Assert.Equal(ConfirmationResult.AlreadyConfirmed, outcomes[3].Confirmation!.Result);
        Assert.Single(emulator.Puts);
    }

    [Fact]
    public async Task Two_rows_with_different_contacts_for_one_account_never_race()
    {
        await using var emulator = await StartAsync();

        var outcomes = await emulator.ConfirmAsync(Row("example"), Row("example", email: "jane@example.com"));

        Assert.Equal(ConfirmationResult.Confirmed, outcomes[0].Confirmation!.Result);
        Assert.Equal(ErrorIds.ContactAlreadyRecorded, outcomes[1].Error!.ErrorId);
        Assert.Single(emulator.Puts);
    }

    [Fact]
    public async Task Puts_overlap_up_to_the_throttle_limit_and_no_further()
    {
        await using var emulator = await StartAsync();
        var generated = emulator.Host.Aps.GenerateAccounts(30);
        emulator.Host.Faults.BaseLatency = TimeSpan.FromMilliseconds(100);

        var outcomes = await emulator.ConfirmAsync(emulator.Workflow(throttleLimit: 3), generated.Select(g => Row(g.InitialSubdomain)).ToArray());

        Assert.All(outcomes, o => Assert.Equal(ConfirmationResult.Confirmed, o.Confirmation!.Result));
        Assert.Equal(30, emulator.Puts.Count);
        Assert.InRange(emulator.Host.Log.PeakInFlight, 2, 3);
    }

    [Fact]
    public async Task A_bulk_run_looks_up_whole_groups_in_the_same_requests_on_every_run_at_most_1_04_per_row()
    {
        var first = await ConfirmGeneratedAsync(1200);
        var second = await ConfirmGeneratedAsync(1200);

        // Input that keeps coming (here, and from Import-Csv) sends a group only when it is full
        // or the input has ended (a full window is not a silent input), so 1,200 rows are always
        // the groups 1 (the first row goes alone), 2-251, ..., 752-1001 and 1002-1200, whatever
        // the machine's speed: two runs send the same look-ups.
        Assert.Equal(first.OrderBy(q => q, StringComparer.Ordinal), second.OrderBy(q => q, StringComparer.Ordinal));
        var firstGroup = BulkRun<ConfirmationRow>.FirstGroupRows;
        var bySubdomain = first.Where(q => q.Contains("in(initial_subdomain,") || q.Contains("eq(initial_subdomain,")).ToList();
        foreach (var query in bySubdomain)
        {
            var groups = Regex.Matches(query, @"generated(\d{6})")
                .Select(m => int.Parse(m.Groups[1].Value, CultureInfo.InvariantCulture))
                .Select(n => n <= firstGroup ? 0 : 1 + ((n - firstGroup - 1) / McaConfirmationWorkflow.GroupSize))
                .Distinct();
            Assert.Single(groups);
        }

        // Under the 2,000-character URL limit 250 generated subdomains take 3 requests: the
        // groups of 1 (asked for with eq()), 4 x 250 and 199 take 1 + 12 + 2. The Microsoft
        // account ids take about twice as many; all look-ups together stay under the issue's
        // 1.04 requests per row.
        Assert.Equal(1 + (4 * 3) + 2, bySubdomain.Count);
        Assert.InRange(first.Count, 1, (int)(1200 * 0.04));
    }

    [Fact]
    public async Task A_long_run_remembers_only_the_update_times_the_rows_in_its_window_can_need()
    {
        await using var emulator = await StartAsync();
        var generated = emulator.Host.Aps.GenerateAccounts(3000);
        var remembered = -1;

        var rows = await BulkRunner.RunAsync(emulator.Workflow(), McaConfirmationWorkflow.DefaultThrottleLimit, OperationContext.None, generated.Select((g, i) => new ConfirmationRow(i + 1, Row(g.InitialSubdomain))), inspect: run => remembered = run.KeysRemembered);

        Assert.All(rows, o => Assert.Equal(ConfirmationResult.Confirmed, o.Confirmation!.Result));
        // Each of the 3,000 rows updated its own Microsoft account. Remembering each would be
        // 3,000 update times (memory growing with the run); older ones are forgotten as the
        // window moves, so at most the last compaction's worth of rows is left.
        Assert.InRange(remembered, 0, BulkRun<ConfirmationRow>.DefaultWindow + 1024);
    }

    [Fact]
    public async Task Rows_of_an_input_that_falls_silent_are_looked_up_and_written_without_waiting_for_a_full_group_or_the_end()
    {
        await using var emulator = await StartAsync();
        var generated = emulator.Host.Aps.GenerateAccounts(3);
        var workflow = emulator.Workflow();
        var changed = new SemaphoreSlim(0);
        using var run = new BulkRun<ConfirmationRow>(workflow, workflow.ThrottleLimit, emulator.Context, () => changed.Release());
        foreach (var (account, i) in generated.Select((g, i) => (g, i)))
        {
            run.Add(new ConfirmationRow(i + 1, Row(account.InitialSubdomain)));
        }

        // Three rows are far from a full group, and the input has not ended (a slow upstream
        // command): the first row goes alone at once, and the other two must go out anyway,
        // together, once the input has been silent for the idle delay.
        var written = new List<ConfirmationRow>();
        var until = DateTime.UtcNow.AddSeconds(20);
        while (written.Count < 3 && DateTime.UtcNow < until)
        {
            while (run.TakeNext() is BulkStep<ConfirmationRow> step)
            {
                if (step.NeedsApproval)
                {
                    run.Approve(step.Row, true);
                }
                else
                {
                    written.Add(step.Row);
                }
            }

            await changed.WaitAsync(50);
        }

        Assert.Equal(generated.Select(g => g.MsAccountId), written.Select(r => r.Confirmation!.MsAccountId));
        Assert.False(run.IsFinished);
        var bySubdomain = emulator.Requests.Where(r => r.Method == "GET" && Uri.UnescapeDataString(r.RawQuery).Contains("initial_subdomain")).Select(r => Uri.UnescapeDataString(r.RawQuery)).ToList();
        Assert.Equal(2, bySubdomain.Count);
        Assert.Single(bySubdomain, q => q.Contains($"eq(initial_subdomain,{generated[0].InitialSubdomain})"));
        Assert.Single(bySubdomain, q => q.Contains(generated[1].InitialSubdomain) && q.Contains(generated[2].InitialSubdomain) && !q.Contains(generated[0].InitialSubdomain));
        run.Complete();
        Assert.True(run.IsFinished);
    }

    // Confirms N generated accounts on a fresh emulator, checks every row, and returns the
    // decoded queries of its look-ups (every request but the N PUTs).
    private static async Task<List<string>> ConfirmGeneratedAsync(int count)
    {
        await using var emulator = await StartAsync();
        var generated = emulator.Host.Aps.GenerateAccounts(count);

        var rows = await emulator.ConfirmAsync(generated.Select(g => Row(g.InitialSubdomain)).ToArray());

        Assert.Equal(generated.Select(g => g.MsAccountId), rows.Select(o => o.Confirmation!.MsAccountId));
        Assert.All(rows, o => Assert.Equal(ConfirmationResult.Confirmed, o.Confirmation!.Result));
        Assert.Equal(count, emulator.Puts.Count);
        Assert.All(generated, g => Assert.False(emulator.Host.Aps.IsAcceptanceRequired(g.MsAccountId)));
        var lookUps = emulator.Requests.Where(r => r.Method == "GET").Select(r => Uri.UnescapeDataString(r.RawQuery)).ToList();
        Assert.Equal(count + lookUps.Count, emulator.Requests.Count);
        return lookUps;
    }
}
