using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Agreements;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Tests.PartnerCenter;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Agreements;

/// <summary>New-PcCustomerAgreement's engine against the emulator over HTTP: each outcome, and bulk runs of generated customers (order, keys, stops).</summary>
public sealed class AgreementWorkflowTests : IAsyncLifetime
{
    private static readonly Guid Example = Guid.Parse("3f8a1aff-6a93-4b2c-b734-93b66497af4c");
    private static readonly Guid Contoso = Guid.Parse("9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19");
    private static readonly DateTimeOffset Now = new(2026, 1, 10, 23, 30, 0, TimeSpan.Zero);

    private EmulatorHost _host = null!;
    private PcConnection _connection = null!;

    public async Task InitializeAsync()
    {
        _host = await EmulatorHost.StartAsync();
        _connection = await PcTestCredentials.ConnectAppUserAsync(_host);
        _host.Log.Clear();
    }

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task ANewContactIsPostedWithTheTemplateFromTheMetadataAndAUtcDate()
    {
        var rows = await ConfirmAsync(Row(Contoso, "Jane", "Doe", "2025-12-24"));

        var confirmation = rows[0].Confirmation!;
        Assert.Equal(ConfirmationResult.Confirmed, confirmation.Result);
        Assert.Equal("117a77b0-9360-443b-8795-c6dedc750cf9", confirmation.TemplateId);
        Assert.Equal(
            new[] { "GET /v1/customers/9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19/agreements", "GET /v1/agreements", "POST /v1/customers/9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19/agreements" },
            _host.Log.Entries.Select(e => e.Method + " " + e.Path));
        Assert.Equal("?agreementType=MicrosoftCustomerAgreement", _host.Log.Entries[1].RawQuery);
        Assert.Contains("\"dateAgreed\":\"2025-12-24T00:00:00Z\"", _host.Log.Entries[2].Body);
        Assert.Single(_host.PartnerCenter.AgreementsOf(Contoso));
    }

    [Fact]
    public async Task TheTemplateIdIsReadOncePerConnection()
    {
        await ConfirmAsync(Row(Contoso, "Jane", "Doe", null));
        await ConfirmAsync(Row(Contoso, "Janet", "Doe", null));

        Assert.Single(_host.Log.Entries, e => e.Path == "/v1/agreements");
        Assert.Equal(2, _host.Log.Entries.Count(e => e.Method == "POST"));
    }

    [Fact]
    public async Task TheSameContactOnRecordIsAlreadyConfirmedAndNothingIsSent()
    {
        var rows = await ConfirmAsync(Row(Example, "JOHN", "smith", null, "john@example.com", "+123 4567"));

        Assert.Equal(ConfirmationResult.AlreadyConfirmed, rows[0].Confirmation!.Result);
        Assert.Equal("2024-03-15", rows[0].Confirmation!.DateAgreed);
        Assert.DoesNotContain(_host.Log.Entries, e => e.Method == "POST");
    }

    [Fact]
    public async Task A600061AnswerIsAlreadyConfirmed()
    {
        // Both rows are planned before either POST is sent, as two runs at the same time would be.
        var workflow = Workflow();
        var first = new AgreementRow(Row(Contoso, "Jane", "Doe", null));
        var second = new AgreementRow(Row(Contoso, "Jane", "Doe", null));
        await workflow.LookUpAsync(new[] { first }, OperationContext.None);
        await workflow.LookUpAsync(new[] { second }, OperationContext.None);

        await workflow.UpdateAsync(first, OperationContext.None);
        await workflow.UpdateAsync(second, OperationContext.None);

        Assert.Equal(ConfirmationResult.Confirmed, first.Confirmation!.Result);
        Assert.Equal(ConfirmationResult.AlreadyConfirmed, second.Confirmation!.Result);
        Assert.Equal(new[] { 201, 409 }, _host.Log.Entries.Where(e => e.Method == "POST").Select(e => e.StatusCode));
    }

    [Fact]
    public async Task TheSameContactWithTheRecordedDateIsAlreadyConfirmed()
    {
        var rows = await ConfirmAsync(Row(Example, "John", "Smith", "2024-03-15", "john@example.com", "+1234567"));

        Assert.Equal(ConfirmationResult.AlreadyConfirmed, rows[0].Confirmation!.Result);
        Assert.Equal("2024-03-15", rows[0].Confirmation!.DateAgreed);
        Assert.DoesNotContain(_host.Log.Entries, e => e.Method == "POST");
    }

    [Fact]
    public async Task TheSameContactWithAnotherDateIsContactAlreadyRecordedAndNothingIsSent()
    {
        // Partner Center keeps one attestation per contact: 2024-05-01 can never be recorded,
        // so it must not come back as AlreadyConfirmed either.
        var rows = await ConfirmAsync(Row(Example, "John", "Smith", "2024-05-01", "john@example.com", "+1234567"));

        var error = rows[0].Error!;
        Assert.Equal((ErrorIds.ContactAlreadyRecorded, ErrorKind.ResourceExists), (error.ErrorId, error.Kind));
        Assert.Contains("agreed 2024-03-15, not 2024-05-01", error.Message);
        Assert.Null(rows[0].Confirmation);
        Assert.DoesNotContain(_host.Log.Entries, e => e.Method == "POST");
    }

    [Fact]
    public async Task A600061ForAnotherDateReportsTheRecordedDateAsContactAlreadyRecorded()
    {
        // Both rows are planned before either POST is sent, as two runs at the same time would be.
        var workflow = Workflow();
        var first = new AgreementRow(Row(Contoso, "Jane", "Doe", "2025-12-24"));
        var second = new AgreementRow(Row(Contoso, "Jane", "Doe", "2025-12-20"));
        await workflow.LookUpAsync(new[] { first }, OperationContext.None);
        await workflow.LookUpAsync(new[] { second }, OperationContext.None);

        await workflow.UpdateAsync(first, OperationContext.None);
        await workflow.UpdateAsync(second, OperationContext.None);

        Assert.Equal(ConfirmationResult.Confirmed, first.Confirmation!.Result);
        Assert.Equal(ErrorIds.ContactAlreadyRecorded, second.Error!.ErrorId);
        Assert.Contains("agreed 2025-12-24, not 2025-12-20", second.Error.Message);
        Assert.Equal(new[] { 201, 409 }, _host.Log.Entries.Where(e => e.Method == "POST").Select(e => e.StatusCode));
    }

    [Fact]
    public async Task AFutureDateIsRefusedBeforeAnythingIsSent()
    {
        var rows = await ConfirmAsync(Row(Contoso, "Jane", "Doe", "2026-01-11"));

        Assert.Equal(ErrorIds.InvalidContact, rows[0].Error!.ErrorId);
        Assert.Contains("in the future", rows[0].Error!.Message);
        Assert.Empty(_host.Log.Entries);
    }

    [Fact]
    public async Task AServerSide600002IsInvalidContact()
    {
        // The client's clock says today; the server's says it is still yesterday.
        var workflow = new AgreementWorkflow(_connection, 4, () => DateTimeOffset.UtcNow.AddDays(1), TimeZoneInfo.Utc);
        var rows = await BulkRunner.RunAsync(workflow, 4, OperationContext.None, new[] { new AgreementRow(Row(Contoso, "Jane", "Doe", DateTimeOffset.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))) });

        Assert.Equal(ErrorIds.InvalidContact, rows[0].Error!.ErrorId);
        Assert.Contains("600002", rows[0].Error!.Message);
        Assert.Empty(_host.PartnerCenter.AgreementsOf(Contoso));
    }

    [Fact]
    public async Task DeclinedRowsSendNothingAndBadRowsDoNotStopGoodOnes()
    {
        var unknown = Guid.Parse("00000000-0000-0000-0000-000000000042");
        var rows = await BulkRunner.RunAsync(
            Workflow(),
            4,
            OperationContext.None,
            new[] { Row(Contoso, "Jane", "Doe", null), Row(Contoso, string.Empty, "Doe", null, "not-an-email"), Row(unknown, "A", "B", null) }.Select(r => new AgreementRow(r)),
            approve: _ => false);

        Assert.True(rows[0].IsSettled);
        Assert.Null(rows[0].Confirmation);
        Assert.Null(rows[0].Error);
        Assert.Equal(ErrorIds.InvalidContact, rows[1].Error!.ErrorId);
        Assert.Equal(ErrorIds.CustomerNotFound, rows[2].Error!.ErrorId);
        Assert.Equal(new object[] { Contoso, unknown }, new[] { rows[1].Error!.Target!, rows[2].Error!.Target! });
        Assert.DoesNotContain(_host.Log.Entries, e => e.Method == "POST");
    }

    [Fact]
    public async Task AnAppOnlyConnectionIsRefusedAtTheStart()
    {
        var appOnly = await PartnerCenterConnector.ConnectAsync(PcTestCredentials.ClientSecret(_host), OperationContext.None);

        Assert.Equal(ErrorIds.AppUserConnectionRequired, Assert.Throws<CloudBlueMcaException>(() => new AgreementWorkflow(appOnly, 4)).ErrorId);
    }

    [Fact]
    public async Task RowsAreWrittenInInputOrderWithErrorsInPlaceWhateverOrderThePostsFinishIn()
    {
        var customers = Customers(8);
        // The first customer's POST is slow: every later one finishes before it.
        _host.Faults.Add(new FaultRule { Method = "POST", PathPrefix = $"/v1/customers/{customers[0]}", Kind = FaultKind.Latency, Latency = TimeSpan.FromMilliseconds(400) });
        var unknown = Guid.Parse("00000000-1111-2222-3333-444444444444");
        var requests = customers.Select(c => Request(c)).ToList();
        requests.Insert(2, Request(unknown));
        requests.Insert(5, Request(customers[1], email: "not-an-address"));
        var rows = requests.Select(r => new AgreementRow(r)).ToList();

        var written = await BulkRunner.RunAsync(Workflow(), 4, OperationContext.None, rows);

        Assert.Equal(rows, written);
        Assert.Equal(ErrorIds.CustomerNotFound, written[2].Error!.ErrorId);
        Assert.Equal(unknown, written[2].Error!.Target);
        Assert.Equal(ErrorIds.InvalidContact, written[5].Error!.ErrorId);
        Assert.Equal(customers[1], written[5].Error!.Target);
        Assert.Equal(8, written.Count(r => r.Confirmation?.Result == ConfirmationResult.Confirmed));
        var log = await _host.Log.SettledAsync(1);
        Assert.Equal(customers.OrderBy(c => c), log.Where(e => e.Method == "POST").Select(e => Guid.Parse(e.Path.Split('/')[3])).OrderBy(c => c));
    }

    [Fact]
    public async Task TwoRowsOfOneCustomerNeverRaceAndTheSecondFindsTheFirstOnRecord()
    {
        var customer = Customers(1)[0];
        _host.Faults.BaseLatency = TimeSpan.FromMilliseconds(50);

        var written = await BulkRunner.RunAsync(Workflow(), 4, OperationContext.None, new[] { new AgreementRow(Request(customer)), new AgreementRow(Request(customer)) });

        Assert.Equal(new[] { ConfirmationResult.Confirmed, ConfirmationResult.AlreadyConfirmed }, written.Select(r => r.Confirmation!.Result));
        var log = await _host.Log.SettledAsync(1);
        Assert.Single(log, e => e.Method == "POST");
        Assert.Single(_host.PartnerCenter.AgreementsOf(customer));
    }

    [Fact]
    public async Task AStopStartsNoNewPostReturnsPromptlyAndNamesEveryPostSentButNotWritten()
    {
        var customers = Customers(120);
        _host.Faults.BaseLatency = TimeSpan.FromMilliseconds(100);

        var (written, unwritten, took) = await BulkRunner.RunAndStopAsync(Workflow(), 4, OperationContext.None, customers.Select(c => new AgreementRow(Request(c))), stopAfter: 3);

        Assert.True(took < TimeSpan.FromSeconds(1), $"took {took}");
        // The emulator logs a request when it answers it or the client hangs up; give the
        // cancelled ones time to arrive. Any POST started after the stop would be named nowhere.
        await Task.Delay(300);
        var posts = _host.Log.Entries.Where(e => e.Method == "POST").Select(e => e.Path.Split('/')[3]).ToList();
        Assert.InRange(posts.Count, 3, 119);
        var writtenCustomers = written.Select(r => r.Confirmation!.CustomerId.ToString("D")).ToHashSet();
        foreach (var customer in posts)
        {
            Assert.True(writtenCustomers.Contains(customer) || unwritten.Any(u => u.Contains(customer)), $"POST for {customer} was neither written nor named");
        }

        Assert.All(unwritten, u => Assert.StartsWith("customer ", u));
        Assert.True(unwritten.Count(u => u.Contains("may or may not be recorded")) <= 4, "more than the throttle limit were in flight");
    }

    private List<Guid> Customers(int count) => _host.Aps.GenerateAccounts(count).Select(a => Guid.Parse(a.MsTenantId)).ToList();

    private static AgreementRequest Request(Guid customerId, string email = "jane@example.com") => new()
    {
        CustomerId = customerId,
        FirstName = "Jane",
        LastName = "Doe",
        Email = email,
        PhoneNumber = "+1234567",
        DateAgreed = "2025-11-02",
    };

    private AgreementWorkflow Workflow() => new(_connection, 4, () => Now, TimeZoneInfo.Utc);

    private async Task<IReadOnlyList<AgreementRow>> ConfirmAsync(params AgreementRequest[] requests)
    {
        return await BulkRunner.RunAsync(Workflow(), 4, OperationContext.None, requests.Select(r => new AgreementRow(r)));
    }

    private static AgreementRequest Row(Guid customerId, string firstName, string lastName, object? dateAgreed, string email = "jane@contoso.com", string phone = "+44 20 7123 4567") => new()
    {
        CustomerId = customerId,
        FirstName = firstName,
        LastName = lastName,
        Email = email,
        PhoneNumber = phone,
        DateAgreed = dateAgreed,
    };
}
