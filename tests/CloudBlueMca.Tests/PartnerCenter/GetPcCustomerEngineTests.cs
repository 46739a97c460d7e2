using System.Text;
using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Emulator.PartnerCenter;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.PartnerCenter;

/// <summary>GET /v1/customers/{id} against the emulator: the seed customers, the headers, and the error paths.</summary>
public sealed class GetPcCustomerEngineTests : IClassFixture<EmulatorFixture>
{
    private static readonly Guid Seed002 = Guid.Parse("aaaabbbb-0000-cccc-1111-dddd2222eeee");
    private static readonly Guid Example = Guid.Parse("3f8a1aff-6a93-4b2c-b734-93b66497af4c");
    private static readonly Guid Contoso = Guid.Parse("9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19");

    private readonly EmulatorHost _host;

    public GetPcCustomerEngineTests(EmulatorFixture fixture)
    {
        _host = fixture.Host;
    }

    [Fact]
    public async Task Seed002CustomerIsReadWithEveryField()
    {
        var connection = await ConnectAsync();

        var customer = await PartnerCenterCustomers.GetAsync(connection, Seed002, OperationContext.None);

        Assert.Equal(Seed002, customer.Id);
        Assert.Equal(("1kl as kjk", "abcdefgh1234.onmicrosoft.com", "abcdefgh1234"), (customer.CompanyName, customer.Domain, customer.InitialSubdomain));
        Assert.Equal("99e6a635-48e7-424d-9059-c9db944e3c54", customer.CommerceId);
        Assert.Equal("reseller", customer.RelationshipToPartner);
        Assert.True(customer.AllowDelegatedAccess);
        Assert.Equal(new[] { "abcdefgh1234.onmicrosoft.com" }, customer.CustomDomains);
        Assert.Equal(new[] { "TestCustomer", "USCustomer" }, customer.Tags);

        var company = customer.CompanyProfile!;
        Assert.Equal(("aaaabbbb-0000-cccc-1111-dddd2222eeee", "a@a.com"), (company.TenantId, company.Email));
        var address = company.Address!;
        Assert.Equal(("US", "wa", "redmond", "1 ms way", "98052", "1234567890"), (address.Country, address.Region, address.City, address.AddressLine1, address.PostalCode, address.PhoneNumber));
        Assert.Null(address.State);

        var billing = customer.BillingProfile!;
        Assert.Equal(("eeada110-69d6-4cc9-b093-75feb7ca9d3f", "d0d89d776d03471c819bf772191ed728", "kjkAJJAAAAAAAAAAAAAAAAAAAA"), (billing.Id, billing.FirstName, billing.LastName));
        Assert.Equal(("a@a.com", "en-US", "en"), (billing.Email, billing.Culture, billing.Language));
        Assert.StartsWith("1kl as kjkAAAA", billing.CompanyName);
        var billingAddress = billing.DefaultAddress!;
        Assert.Equal(("US", "redmond", "WA", "1 ms way", "98052"), (billingAddress.Country, billingAddress.City, billingAddress.State, billingAddress.AddressLine1, billingAddress.PostalCode));
        Assert.Equal(("1kl as", "kjk", "1234567890"), (billingAddress.FirstName, billingAddress.LastName, billingAddress.PhoneNumber));
    }

    [Fact]
    public async Task FieldsHiddenWithoutDelegatedAccessAreNull()
    {
        var connection = await ConnectAsync();

        var customer = await PartnerCenterCustomers.GetAsync(connection, Example, OperationContext.None);

        Assert.Equal(("example.onmicrosoft.com", "example"), (customer.Domain, customer.InitialSubdomain));
        Assert.False(customer.AllowDelegatedAccess);
        Assert.Null(customer.CompanyProfile!.Address);
        Assert.Null(customer.CompanyProfile.Email);
        Assert.Null(customer.CustomDomains);
        Assert.Null(customer.Tags);
    }

    [Fact]
    public async Task TagsAreReadWhicheverCasingTheServiceUses()
    {
        var connection = await ConnectAsync();

        var customer = await PartnerCenterCustomers.GetAsync(connection, Contoso, OperationContext.None);

        Assert.Equal(new[] { "Contoso" }, customer.Tags);
        Assert.Equal("contoso", customer.InitialSubdomain);
    }

    [Fact]
    public async Task EveryCallCarriesTheBearerTokenAcceptAFreshRequestIdAndTheInvocationsCorrelationId()
    {
        var connection = await ConnectAsync();
        var log = new RecordingLog();
        var context = log.Context();
        var before = _host.Log.Count;

        await PartnerCenterCustomers.GetAsync(connection, Seed002, context);
        await PartnerCenterCustomers.GetAsync(connection, Example, context);

        var calls = _host.Log.Entries.Skip(before).Where(e => e.Path.StartsWith("/v1/", StringComparison.Ordinal)).ToList();
        Assert.Equal(2, calls.Count);
        Assert.All(calls, call =>
        {
            Assert.StartsWith("Bearer ey", call.Header("Authorization"));
            Assert.Equal("application/json", call.Header("Accept"));
            Assert.Equal(context.CorrelationId, Guid.Parse(call.Header("MS-CorrelationId")!));
            Assert.True(Guid.TryParse(call.Header("MS-RequestId"), out _));
        });
        Assert.NotEqual(calls[0].Header("MS-RequestId"), calls[1].Header("MS-RequestId"));
        Assert.Contains(log.VerboseMessages, m => m.Contains(context.CorrelationId.ToString()) && m.Contains(calls[0].Header("MS-RequestId")!));

        var token = calls[0].Header("Authorization")!["Bearer ".Length..];
        Assert.DoesNotContain(token, log.AllText);
        Assert.DoesNotContain("demo-pc-secret", log.AllText);
    }

    [Fact]
    public async Task ThrottlingIsRetriedAfterRetryAfterWithTheSameRequestId()
    {
        await using var host = await EmulatorHost.StartAsync();
        var connection = await PartnerCenterConnector.ConnectAsync(PcTestCredentials.ClientSecret(host), OperationContext.None);
        host.Faults.Add(new FaultRule { Method = "GET", PathPrefix = "/v1/customers/", Kind = FaultKind.Status, StatusCode = 429, RetryAfterSeconds = 1, Count = 1 });

        var customer = await PartnerCenterCustomers.GetAsync(connection, Example, OperationContext.None);

        Assert.Equal(Example, customer.Id);
        var calls = host.Log.Entries.Where(e => e.Path.StartsWith("/v1/customers/", StringComparison.Ordinal)).ToList();
        Assert.Equal(new[] { 429, 200 }, calls.Select(c => c.StatusCode));
        Assert.Equal(calls[0].Header("MS-RequestId"), calls[1].Header("MS-RequestId"));
        Assert.True(calls[1].Time - calls[0].Time >= TimeSpan.FromSeconds(0.9), "The retry must wait for Retry-After.");
    }

    [Fact]
    public async Task AnUnknownCustomerIsCustomerNotFoundWithTheTraceIdsInTheMessage()
    {
        var connection = await ConnectAsync();
        var context = OperationContext.None;
        var missing = Guid.Parse("00000000-1111-2222-3333-444444444444");

        var error = await Assert.ThrowsAsync<PartnerCenterRequestException>(() => PartnerCenterCustomers.GetAsync(connection, missing, context));

        Assert.Equal((ErrorIds.CustomerNotFound, ErrorKind.ObjectNotFound), (error.ErrorId, error.Kind));
        Assert.Equal("60003", error.ErrorCode);
        Assert.Contains("HTTP 404", error.Message);
        Assert.Contains($"/v1/customers/{missing}", error.Message);
        Assert.Contains(context.CorrelationId.ToString(), error.Message);
        Assert.Contains(error.RequestId.ToString(), error.Message);
        Assert.Equal(missing.ToString(), error.Target);
    }

    [Fact]
    public async Task ATokenPartnerCenterDoesNotAcceptIsAnAuthorizationFailureThatExplainsTheCode()
    {
        var forged = ForgedToken("https://api.partnercenter.microsoft.com");
        var request = PcTestCredentials.ForEmulator(_host, PcAuthenticationKind.AccessToken);
        request.AccessToken = EmulatorClients.Secure(forged);
        var connection = await PartnerCenterConnector.ConnectAsync(request, OperationContext.None);

        var error = await Assert.ThrowsAsync<PartnerCenterRequestException>(() => PartnerCenterCustomers.GetAsync(connection, Seed002, OperationContext.None));

        Assert.Equal((ErrorIds.PartnerCenterAuthorizationFailed, ErrorKind.AuthenticationError), (error.ErrorId, error.Kind));
        Assert.Equal("900420", error.ErrorCode);
        Assert.Contains("HTTP 401", error.Message);
        Assert.Contains("accepts app-only and app+user", error.Message);
        Assert.Contains("Code 900420", error.Message);
        Assert.DoesNotContain(forged, error.Message);
    }

    [Fact]
    public async Task AForbiddenAnswerInTheGatewayShapeIsAPermissionDeniedAuthorizationFailure()
    {
        await using var host = await EmulatorHost.StartAsync();
        var connection = await PartnerCenterConnector.ConnectAsync(PcTestCredentials.ClientSecret(host), OperationContext.None);
        host.Faults.Add(new FaultRule { PathPrefix = "/v1/customers/", Kind = FaultKind.Status, StatusCode = 403, Count = 1 });

        var error = await Assert.ThrowsAsync<PartnerCenterRequestException>(() => PartnerCenterCustomers.GetAsync(connection, Seed002, OperationContext.None));

        Assert.Equal((ErrorIds.PartnerCenterAuthorizationFailed, ErrorKind.PermissionDenied), (error.ErrorId, error.Kind));
        Assert.Contains("Injected fault: HTTP 403.", error.Message);
        Assert.Contains("app-only (ClientSecret)", error.Message);
    }

    [Fact]
    public async Task PersistentThrottlingEndsAsLimitsExceededAfterTheRetries()
    {
        await using var host = await EmulatorHost.StartAsync();
        var request = PcTestCredentials.ClientSecret(host);
        request.PipelineOptions = new() { MaxAttempts = 2, BaseRetryDelay = TimeSpan.FromMilliseconds(10) };
        var connection = await PartnerCenterConnector.ConnectAsync(request, OperationContext.None);
        host.Faults.Add(new FaultRule { PathPrefix = "/v1/customers/", Kind = FaultKind.Status, StatusCode = 429, RetryAfterSeconds = 0 });

        var error = await Assert.ThrowsAsync<PartnerCenterRequestException>(() => PartnerCenterCustomers.GetAsync(connection, Seed002, OperationContext.None));

        Assert.Equal((ErrorIds.PartnerCenterRequestFailed, ErrorKind.LimitsExceeded), (error.ErrorId, error.Kind));
        Assert.Contains("Rate limit is exceeded", error.Message);
        Assert.Equal(2, host.Log.Entries.Count(e => e.Path.StartsWith("/v1/customers/", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnExpiredAccessTokenIsReportedBeforeAnythingIsSent()
    {
        var request = PcTestCredentials.ForEmulator(_host, PcAuthenticationKind.AccessToken);
        // Long enough to survive connecting on a loaded CI machine; the wait below is until the
        // token's own expiry (whole seconds in the JWT), not a fixed guess.
        request.AccessToken = EmulatorClients.Secure(_host.PartnerCenter.IssueAccessToken(TimeSpan.FromSeconds(4)));
        var connection = await PartnerCenterConnector.ConnectAsync(request, OperationContext.None);
        var expiresOn = Assert.IsType<DateTimeOffset>(connection.ExpiresOn);
        while (DateTimeOffset.UtcNow <= expiresOn)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }

        var before = _host.Log.Count;

        var context = OperationContext.None;

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => PartnerCenterCustomers.GetAsync(connection, Seed002, context));

        Assert.Equal((ErrorIds.InvalidAccessToken, ErrorKind.AuthenticationError), (error.ErrorId, error.Kind));
        Assert.Matches(@"expired at \d{4}-\d\d-\d\d \d\d:\d\d:\d\dZ and cannot be renewed\. Connect again", error.Message);
        Assert.Contains($"MS-CorrelationId {context.CorrelationId}", error.Message);
        Assert.Equal(before, _host.Log.Count);
    }

    [Fact]
    public async Task ATransportFailureCarriesTheTraceIdsOfTheCall()
    {
        await using var host = await EmulatorHost.StartAsync();
        var request = PcTestCredentials.ClientSecret(host);
        request.PipelineOptions = new() { MaxAttempts = 1 };
        var connection = await PartnerCenterConnector.ConnectAsync(request, OperationContext.None);
        host.Faults.Add(new FaultRule { PathPrefix = "/v1/customers/", Kind = FaultKind.DropConnection });
        var context = OperationContext.None;

        var error = await Assert.ThrowsAsync<CloudBlueMcaException>(() => PartnerCenterCustomers.GetAsync(connection, Seed002, context));

        Assert.Equal(ErrorIds.EndpointUnreachable, error.ErrorId);
        var sent = Assert.Single(host.Log.Entries, e => e.Path.StartsWith("/v1/customers/", StringComparison.Ordinal));
        Assert.Contains($"MS-CorrelationId {context.CorrelationId}, MS-RequestId {sent.Header("MS-RequestId")}", error.Message);
        Assert.Contains($"GET {host.BaseUri}v1/customers/{Seed002}", error.Message);
    }

    [Fact]
    public async Task AppOnlyTokensAreReusedFromTheCacheWhileValid()
    {
        var connection = await ConnectAsync();
        var before = _host.PartnerCenter.TokenRequests.Count;

        await PartnerCenterCustomers.GetAsync(connection, Seed002, OperationContext.None);
        await PartnerCenterCustomers.GetAsync(connection, Example, OperationContext.None);

        Assert.Equal(before, _host.PartnerCenter.TokenRequests.Count);
    }

    private Task<PcConnection> ConnectAsync() => PartnerCenterConnector.ConnectAsync(PcTestCredentials.ClientSecret(_host), OperationContext.None);

    private static string ForgedToken(string audience)
    {
        static string Encode(string json) => Convert.ToBase64String(Encoding.UTF8.GetBytes(json)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var exp = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();
        return Encode("{\"alg\":\"HS256\",\"typ\":\"JWT\"}") + "." + Encode($"{{\"aud\":\"{audience}\",\"exp\":{exp},\"tid\":\"{PartnerCenterStore.PartnerTenantId}\",\"scp\":\"user_impersonation\",\"upn\":\"mallory@example.com\"}}") + ".c2lnbmF0dXJl";
    }
}
