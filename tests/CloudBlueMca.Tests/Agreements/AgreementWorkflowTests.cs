using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.Agreements;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Tests.PartnerCenter;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Agreements;

/// <summary>New-PcCustomerAgreement's engine against the emulator over HTTP.</summary>
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
        var request = PcTestCredentials.ClientSecret(_host);
        request.Kind = PcAuthenticationKind.RefreshToken;
        request.RefreshToken = EmulatorClients.Secure(_host.PartnerCenter.IssueRefreshToken(_host.PartnerCenter.SecretClient.ClientId));
        _connection = await PartnerCenterConnector.ConnectAsync(request, OperationContext.None);
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
