using CloudBlueMca.Emulator.Aps;
using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Emulator.PartnerCenter;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Agreements;
using CloudBlueMca.Engine.Mca;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Engine.Sync;
using CloudBlueMca.Tests.Mca;
using CloudBlueMca.Tests.PartnerCenter;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Sync;

/// <summary>Sync-McaAcceptance's engine against the emulator's seed customers, one per outcome, over HTTP.</summary>
public sealed class McaSyncTests : IAsyncLifetime
{
    private static readonly int[] SeedAccounts = { 1000011, 1000012, 1000013, 1000014, 1000015, 1000016 };
    private McaEmulator _emulator = null!;
    private PcConnection _partnerCenter = null!;

    private EmulatorHost Host => _emulator.Host;

    public async Task InitializeAsync()
    {
        _emulator = await McaEmulator.StartAsync();
        _partnerCenter = await PcTestCredentials.ConnectAppUserAsync(Host);
        Host.Log.Clear();
    }

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task EachSeedCustomerGetsItsOutcomeAndOnlyTheCopiesAreWritten()
    {
        var rows = await SyncAsync(McaSyncDirection.Both, SeedAccounts);

        Assert.Equal(
            new[]
            {
                ("example", McaSyncAction.ConfirmedInCloudBlue, CloudBlueMcaState.Required, PartnerCenterMcaState.Attested),
                ("contoso", McaSyncAction.AttestedInPartnerCenter, CloudBlueMcaState.Recorded, PartnerCenterMcaState.Missing),
                ("fabrikam", McaSyncAction.InSync, CloudBlueMcaState.Recorded, PartnerCenterMcaState.Attested),
                ("northwind", McaSyncAction.Conflict, CloudBlueMcaState.Recorded, PartnerCenterMcaState.Attested),
                ("tailspin", McaSyncAction.NeedsContact, CloudBlueMcaState.Required, PartnerCenterMcaState.Missing),
                ("wingtip", McaSyncAction.NeedsContact, CloudBlueMcaState.Required, PartnerCenterMcaState.SignedDirectly),
            },
            rows.Select(r => (r.Result!.InitialSubdomain, r.Result.Action, r.Result.CloudBlueState, r.Result.PartnerCenterState)));

        var example = rows[0].Result!;
        Assert.Equal(("John", "john@example.com", "2024-03-15"), (example.FirstName, example.Email, example.DateAgreed));
        var put = Assert.Single(_emulator.Puts);
        Assert.Contains("\"date_agreed\":\"2024-03-15\"", put.Body);
        Assert.Contains("\"email\":\"john@example.com\"", put.Body);
        Assert.Equal("John", (string?)Host.Aps.GetResource(put.Path.Split('/').Last())!["cloud_agreement_contact"]!["first_name"]);

        var post = Assert.Single(Host.Log.Entries, e => e.Method == "POST");
        Assert.Equal("/v1/customers/9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19/agreements", post.Path);
        Assert.Contains("\"dateAgreed\":\"2020-02-19T00:00:00Z\"", post.Body);
        Assert.Contains("\"templateId\":\"117a77b0-9360-443b-8795-c6dedc750cf9\"", post.Body);

        var conflict = rows[3].Result!;
        Assert.Equal("Alex", conflict.CloudBlueContact!.FirstName);
        Assert.Equal("Megan", conflict.PartnerCenterContact!.FirstName);
        Assert.Equal("Megan Bowen <megan.bowen@northwind.com>, phone +1 425 555 0199, agreed 2024-06-12", conflict.PartnerCenterContact.ToString());
        Assert.Contains("Megan Bowen", conflict.Reason);
        Assert.Null(conflict.FirstName);
    }

    [Fact]
    public async Task TheSamePersonWithAnotherDateIsAConflictWithBothDatesAndNothingIsWritten()
    {
        // CloudBlue records John Smith on 2024-05-01; Partner Center attests him on 2024-03-15.
        var confirmed = Assert.Single(await _emulator.ConfirmAsync(McaEmulator.Row("example", date: "2024-05-01")));
        Assert.Equal(ConfirmationResult.Confirmed, confirmed.Confirmation!.Result);
        Host.Log.Clear();

        var row = Assert.Single(await SyncAsync(McaSyncDirection.Both, 1000011)).Result!;

        Assert.Equal(McaSyncAction.Conflict, row.Action);
        Assert.Contains("2024-05-01", row.Reason);
        Assert.Contains("2024-03-15", row.Reason);
        Assert.Null(row.DateAgreed);
        Assert.Equal("2024-05-01", row.CloudBlueContact!.DateAgreed);
        Assert.Equal("2024-03-15", row.PartnerCenterContact!.DateAgreed);
        Assert.DoesNotContain(Host.Log.Entries, e => e.Method is "PUT" or "POST");
    }

    [Fact]
    public async Task TwoDifferentAttestationsInPartnerCenterAreAConflictAndNothingIsCopied()
    {
        var tailspin = Guid.Parse(ApsSeedData.Tailspin.MsTenantId);
        var attested = await BulkRunner.RunAsync(new AgreementWorkflow(_partnerCenter, 4), 4, OperationContext.None, new[]
        {
            new AgreementRow(new AgreementRequest { CustomerId = tailspin, FirstName = "Alice", LastName = "One", Email = "alice@tailspin.com", DateAgreed = "2024-01-10" }),
            new AgreementRow(new AgreementRequest { CustomerId = tailspin, FirstName = "Bob", LastName = "Two", Email = "bob@tailspin.com", DateAgreed = "2023-06-01" }),
        });
        Assert.All(attested, r => Assert.Equal(ConfirmationResult.Confirmed, r.Confirmation!.Result));
        Host.Log.Clear();

        var row = Assert.Single(await SyncAsync(McaSyncDirection.Both, 1000015)).Result!;

        Assert.Equal(McaSyncAction.Conflict, row.Action);
        Assert.Contains("Alice One", row.Reason);
        Assert.Contains("Bob Two", row.Reason);
        Assert.DoesNotContain(Host.Log.Entries, e => e.Method is "PUT" or "POST");
    }

    [Fact]
    public async Task A600061ForAContactAttestedMeanwhileWithAnotherDateIsAConflictNotInSync()
    {
        // CloudBlue's date is 2020-02-19.
        var result = await SyncContosoAttestedMeanwhileAsync("2021-07-01");

        Assert.Equal(McaSyncAction.Conflict, result.Action);
        Assert.Contains("600061", result.Reason);
        Assert.Contains("agreed 2021-07-01", result.Reason);
        Assert.Contains("2020-02-19", result.Reason);
        Assert.Equal("2021-07-01", result.PartnerCenterContact!.DateAgreed);
        Assert.Null(result.DateAgreed);
        Assert.Equal(409, Assert.Single(Host.Log.Entries, e => e.Method == "POST").StatusCode);
    }

    [Fact]
    public async Task A600061ForAContactAttestedMeanwhileWithTheSameDateIsInSync()
    {
        var result = await SyncContosoAttestedMeanwhileAsync("2020-02-19");

        Assert.Equal(McaSyncAction.InSync, result.Action);
        Assert.Contains("600061", result.Reason);
        Assert.Equal("2020-02-19", result.DateAgreed);
        Assert.Equal(409, Assert.Single(Host.Log.Entries, e => e.Method == "POST").StatusCode);
    }

    [Fact]
    public async Task ARerunWritesNothing()
    {
        await SyncAsync(McaSyncDirection.Both, SeedAccounts);
        Host.Log.Clear();

        var again = await SyncAsync(McaSyncDirection.Both, SeedAccounts);

        Assert.DoesNotContain(Host.Log.Entries, e => e.Method is "PUT" or "POST");
        Assert.Equal(McaSyncAction.InSync, again[0].Result!.Action);
        Assert.Equal(McaSyncAction.InSync, again[1].Result!.Action);
    }

    [Theory]
    [InlineData(McaSyncDirection.ToCloudBlue, 1000012, McaSyncAction.Skipped)]
    [InlineData(McaSyncDirection.ToPartnerCenter, 1000011, McaSyncAction.Skipped)]
    [InlineData(McaSyncDirection.ToPartnerCenter, 1000012, McaSyncAction.AttestedInPartnerCenter)]
    public async Task TheDirectionDecidesWhichSideIsWritten(McaSyncDirection direction, int accountId, McaSyncAction action)
    {
        var row = Assert.Single(await SyncAsync(direction, accountId));

        Assert.Equal(action, row.Result!.Action);
        Assert.Equal(action == McaSyncAction.Skipped ? 0 : 1, Host.Log.Entries.Count(e => e.Method is "PUT" or "POST"));
    }

    [Fact]
    public async Task DeclinedWritesAreNotSentAndNotWrittenOut()
    {
        var offered = new List<SyncRow>();
        var rows = await SyncAsync(McaSyncDirection.Both, row => { offered.Add(row); return false; }, SeedAccounts);

        Assert.Equal(new[] { "example", "contoso" }, offered.Select(r => r.Name));
        Assert.DoesNotContain(Host.Log.Entries, e => e.Method is "PUT" or "POST");
        Assert.Equal(new[] { "fabrikam", "northwind", "tailspin", "wingtip" }, rows.Where(r => r.Result != null).Select(r => r.Result!.InitialSubdomain));
        Assert.All(rows, r => Assert.Null(r.Error));
        Assert.Contains("Record MCA acceptance by John Smith", offered[0].UpdateAction);
        Assert.Contains("Attest MCA acceptance by", offered[1].UpdateAction);
    }

    [Fact]
    public async Task AnAppOnlyPartnerCenterConnectionMakesEveryRowUnavailableAndWritesNothing()
    {
        _partnerCenter = await PartnerCenterConnector.ConnectAsync(PcTestCredentials.ClientSecret(Host), OperationContext.None);
        Host.Log.Clear();

        var rows = await SyncAsync(McaSyncDirection.Both, SeedAccounts);

        Assert.All(rows, r => Assert.Equal(McaSyncAction.Unavailable, r.Result!.Action));
        Assert.All(rows, r => Assert.Equal(PartnerCenterMcaState.Unavailable, r.Result!.PartnerCenterState));
        Assert.Contains("app-only", rows[0].Result!.Reason);
        Assert.DoesNotContain(Host.Log.Entries, e => e.Method is "PUT" or "POST" || e.Path.StartsWith("/v1", StringComparison.Ordinal));
    }

    [Fact]
    public async Task APartnerCenterFailureMakesThatRowUnavailable()
    {
        Host.Faults.Add(new FaultRule { PathPrefix = "/v1/customers/3f8a1aff-6a93-4b2c-b734-93b66497af4c", Kind = FaultKind.Status, StatusCode = 500 });

        var rows = await SyncAsync(McaSyncDirection.Both, 1000011, 1000013);

        Assert.Equal(McaSyncAction.Unavailable, rows[0].Result!.Action);
        Assert.Contains("PartnerCenterRequestFailed", rows[0].Result!.Reason);
        Assert.Equal(McaSyncAction.InSync, rows[1].Result!.Action);
        Assert.Empty(_emulator.Puts);
    }

    [Fact]
    public async Task AnUnknownAccountIsAnErrorRowAndTheOthersGoOn()
    {
        var rows = await SyncAsync(McaSyncDirection.ToCloudBlue, 999, 1000013);

        Assert.Equal(ErrorIds.AccountNotFound, rows[0].Error!.ErrorId);
        Assert.Equal(999, rows[0].Error!.Target);
        Assert.Equal(McaSyncAction.InSync, rows[1].Result!.Action);
    }

    [Fact]
    public async Task EveryAccountWithATenantIsListedPageByPage()
    {
        var generated = Host.Aps.GenerateAccounts(3);
        var pager = Workflow(McaSyncDirection.ToCloudBlue).ListAccounts();

        var accounts = new List<int>();
        while (pager.HasMore)
        {
            accounts.AddRange(await pager.NextPageAsync(OperationContext.None));
        }

        Assert.Equal(SeedAccounts.Concat(generated.Select(g => g.AccountId)), accounts);
        Assert.Contains(Host.Log.Entries, e => e.RawQuery.Contains("select(account)", StringComparison.Ordinal) && e.RawQuery.Contains("limit(0,500)", StringComparison.Ordinal));
    }

    [Fact]
    public async Task ThrottlingOnOneWorkerPausesEveryWorker()
    {
        Host.Faults.Add(new FaultRule { PathPrefix = "/v1/customers/3f8a1aff-6a93-4b2c-b734-93b66497af4c/agreements", Kind = FaultKind.Status, StatusCode = 429, RetryAfterSeconds = 1, Count = 1 });
        Host.Faults.BaseLatency = TimeSpan.FromMilliseconds(100);

        var rows = await SyncAsync(McaSyncDirection.ToCloudBlue, SeedAccounts);

        Assert.All(rows, r => Assert.NotNull(r.Result));
        var log = Host.Log.Entries;
        var throttled = Assert.Single(log, e => e.StatusCode == 429);
        // Requests already on their way when the 429 was answered may still arrive just after it.
        var paused = log.Where(e => e.Time > throttled.Time.AddMilliseconds(300) && e.Time < throttled.Time.AddMilliseconds(900)).ToList();
        Assert.True(paused.Count == 0, "requests sent while Partner Center asked to wait: " + string.Join(", ", paused.Select(e => e.Path)));
    }

    [Fact]
    public async Task AFailedWriteIsThatRowsErrorTargetingItsAccountAndTheOthersGoOnInInputOrder()
    {
        var generated = await AttestedInPartnerCenterAsync(6);
        var broken = generated[1];
        Host.Faults.Add(new FaultRule { Method = "PUT", PathPrefix = "/aps/2/resources/" + broken.TenantIds[0], Kind = FaultKind.Status, StatusCode = 500 });
        // The first account's PUT is slow: every later one finishes before it.
        Host.Faults.Add(new FaultRule { Method = "PUT", PathPrefix = "/aps/2/resources/" + generated[0].TenantIds[0], Kind = FaultKind.Latency, Latency = TimeSpan.FromMilliseconds(400) });

        var rows = await SyncAsync(McaSyncDirection.ToCloudBlue, generated.Select(g => g.AccountId).ToArray());

        Assert.Equal(generated.Select(g => g.AccountId), rows.Select(r => r.AccountId));
        var error = rows[1].Error!;
        Assert.Equal(ErrorIds.ApsRequestFailed, error.ErrorId);
        Assert.Equal(broken.AccountId, error.Target);
        Assert.Contains(broken.InitialSubdomain, error.Message);
        Assert.All(rows.Where(r => r != rows[1]), r => Assert.Equal(McaSyncAction.ConfirmedInCloudBlue, r.Result!.Action));
    }

    [Fact]
    public async Task AStopStartsNoNewWriteReturnsPromptlyAndNamesEveryWriteSentButNotWritten()
    {
        var generated = await AttestedInPartnerCenterAsync(80);
        var workflow = Workflow(McaSyncDirection.ToCloudBlue);
        var checkedAccounts = await BulkRunner.RunAsync(workflow.Accounts, 4, OperationContext.None, generated.Select(g => new AcceptanceCheckRow(new AcceptanceCheckRequest(g.AccountId, null))));
        Host.Faults.BaseLatency = TimeSpan.FromMilliseconds(100);
        Host.Log.Clear();

        var (written, unwritten, took) = await BulkRunner.RunAndStopAsync(workflow, 4, OperationContext.None, checkedAccounts.SelectMany(c => c.Output.Cast<McaAcceptanceStatus>()).Select(s => new SyncRow(s)), stopAfter: 3);

        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took}");
        // The emulator logs a request when it answers it or the client hangs up; give the
        // cancelled ones time to arrive. Any PUT started after the stop would be named nowhere.
        await Task.Delay(300);
        var puts = _emulator.Puts.Select(p => p.Path.Split('/')[^1]).ToList();
        Assert.InRange(puts.Count, 3, 79);
        var writtenTenants = written.SelectMany(r => generated.Single(g => g.MsAccountId == r.Result!.MsAccountId).TenantIds).ToHashSet();
        foreach (var tenant in puts)
        {
            Assert.True(writtenTenants.Contains(tenant) || unwritten.Any(u => u.Contains(tenant)), $"PUT to {tenant} was neither written nor named");
        }

        Assert.True(unwritten.Count(u => u.Contains("may or may not be recorded")) <= 4, "more than the throttle limit were in flight");
    }

    // Generated accounts whose Microsoft tenants Partner Center holds an attestation for and CloudBlue no contact.
    private async Task<IReadOnlyList<CloudBlueMca.Emulator.Aps.GeneratedAccount>> AttestedInPartnerCenterAsync(int count)
    {
        var generated = Host.Aps.GenerateAccounts(count);
        var attest = new AgreementWorkflow(_partnerCenter, 8);
        var rows = generated.Select(g => new AgreementRow(new AgreementRequest { CustomerId = Guid.Parse(g.MsTenantId), FirstName = "Jane", LastName = "Doe", Email = "jane@example.com", PhoneNumber = "+1234567", DateAgreed = "2025-11-02" }));
        var attested = await BulkRunner.RunAsync(attest, 8, OperationContext.None, rows);
        Assert.All(attested, r => Assert.Equal(ConfirmationResult.Confirmed, r.Confirmation!.Result));
        Host.Log.Clear();
        return generated;
    }

    // Syncs contoso (CloudBlue: John Smith, 2020-02-19; Partner Center: nothing) ToPartnerCenter,
    // while someone attests the same contact in Partner Center on dateAgreed between the read
    // and the POST, so the POST is refused with 600061.
    private async Task<McaSyncResult> SyncContosoAttestedMeanwhileAsync(string dateAgreed)
    {
        var contoso = Guid.Parse(ApsSeedData.Contoso.MsTenantId);
        var rows = await SyncAsync(McaSyncDirection.ToPartnerCenter, row =>
        {
            Host.PartnerCenter.TryAddAgreement(contoso, AgreementTemplates.Record(AgreementTemplates.CustomerAgreement, "John", "Smith", "johnsmith@example.com", "+1234567", dateAgreed + "T00:00:00", PartnerCenterStore.DemoUserObjectId));
            return true;
        }, 1000012);
        return Assert.Single(rows).Result!;
    }

    private McaSyncWorkflow Workflow(McaSyncDirection direction) =>
        new(_emulator.Connection, _partnerCenter, direction, 4, () => new DateTimeOffset(2026, 1, 1, 12, 0, 0, TimeSpan.Zero), TimeZoneInfo.Utc);

    private Task<IReadOnlyList<SyncRow>> SyncAsync(McaSyncDirection direction, params int[] accountIds) =>
        SyncAsync(direction, null, accountIds);

    // The cmdlet's two stages: checkAccount per customer account, then a row per Microsoft account.
    private async Task<IReadOnlyList<SyncRow>> SyncAsync(McaSyncDirection direction, Func<SyncRow, bool>? approve, params int[] accountIds)
    {
        var workflow = Workflow(direction);
        var checkedAccounts = await BulkRunner.RunAsync(workflow.Accounts, 4, OperationContext.None, accountIds.Select(id => new AcceptanceCheckRow(new AcceptanceCheckRequest(id, null))));
        var rows = checkedAccounts.SelectMany(c => c.Error != null
            ? new[] { SyncRow.Failed(c.Request.AccountId, c.Error) }
            : c.Output.Cast<McaAcceptanceStatus>().Select(status => new SyncRow(status)));
        return await BulkRunner.RunAsync(workflow, 4, OperationContext.None, rows, approve);
    }
}
