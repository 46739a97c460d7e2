using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using CloudBlueMca.Emulator.Aps;

namespace CloudBlueMca.Emulator.PartnerCenter;

/// <summary>
/// The Partner Center side of the emulator: the partner's customers, the partner tenant with its
/// demo app registrations and user, the tokens issued, and a record of every token request.
/// Tests reach it through <c>EmulatorHost.PartnerCenter</c>. Thread-safe.
/// </summary>
public sealed class PartnerCenterStore
{
    /// <summary>The demo partner's Entra tenant.</summary>
    public const string PartnerTenantId = "7d5c3b1a-9e8f-4a6b-8c2d-0e1f2a3b4c5d";

    public const string PartnerTenantDomain = "cloudbluedemo.onmicrosoft.com";

    /// <summary>The partner user every user flow (device code, refresh token) signs in as.</summary>
    public const string DemoUserPrincipalName = "admin@cloudbluedemo.onmicrosoft.com";

    public const string DemoUserObjectId = "2e4f6a8c-0b1d-4e3f-9a5c-7b9d1f3a5c7e";

    private readonly object _gate = new();
    private readonly List<JsonObject> _customers = new();
    private readonly Dictionary<Guid, JsonObject> _customersById = new();
    private readonly Dictionary<Guid, List<JsonObject>> _agreements = new();
    private readonly HashSet<Guid> _signedDirectly = new();
    private readonly ConcurrentDictionary<string, EmulatedApplication> _applications = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentQueue<TokenRequestRecord> _tokenRequests = new();
    private readonly Random _generator = new(2002);
    private Func<Guid, GeneratedAccount?>? _findGeneratedAccount;

    public PartnerCenterStore(PartnerCenterEmulatorOptions options)
    {
        Options = options;
        Tokens = new TokenIssuer(options);
        foreach (var customer in SeedCustomers.All())
        {
            AddLocked(customer);
        }

        foreach (var (customerId, agreement) in SeedAgreements.Attestations())
        {
            TryAddAgreement(customerId, agreement);
        }

        _signedDirectly.UnionWith(SeedAgreements.SignedDirectly);

        // The public client is the module's default application id (Azure CLI's, reference §2.6),
        // so Connect-PcService without -ApplicationId reaches the emulator as it reaches Entra.
        PublicClient = RegisterApplication(new EmulatedApplication("04b07795-8ddb-461a-bbee-02f9e1bf7b46", "Demo public client", null, null));
        SecretClient = RegisterApplication(new EmulatedApplication("6a1d3c5e-0b2f-4e7a-9c8d-1e3f5a7b9c01", "Demo confidential app (secret)", options.DemoClientSecret, null));
        CertificateClient = RegisterApplication(new EmulatedApplication("8b2e4d6f-1c3a-4f8b-ad9e-2f4a6b8c0d12", "Demo confidential app (certificate)", null, CreateDemoCertificate()));
    }

    public PartnerCenterEmulatorOptions Options { get; }

    public EmulatedApplication PublicClient { get; }

    public EmulatedApplication SecretClient { get; }

    /// <summary>Its <see cref="EmulatedApplication.Certificate"/> carries the private key, so tests can sign assertions with it.</summary>
    public EmulatedApplication CertificateClient { get; }

    public IReadOnlyList<TokenRequestRecord> TokenRequests => _tokenRequests.ToArray();

    public int CustomerCount
    {
        get
        {
            lock (_gate)
            {
                return _customers.Count;
            }
        }
    }

    internal TokenIssuer Tokens { get; }

    public EmulatedApplication RegisterApplication(EmulatedApplication application)
    {
        _applications[application.ClientId] = application;
        return application;
    }

    /// <summary>
    /// A refresh token for the demo user through <paramref name="clientId"/>, as the consent step
    /// of the secure application model would have produced it (reference §2.4).
    /// </summary>
    public string IssueRefreshToken(string clientId) =>
        Tokens.IssueRefreshToken(new TokenSubject(clientId, PartnerTenantId, DemoUserPrincipalName, DemoUserObjectId));

    /// <summary>True while a refresh token can still be redeemed (each one works once).</summary>
    public bool IsRefreshTokenActive(string refreshToken) => Tokens.IsRefreshTokenActive(refreshToken);

    /// <summary>An access token as the token endpoint would issue it, for <c>Connect-PcService -AccessToken</c> tests.</summary>
    public string IssueAccessToken(TimeSpan lifetime, bool appOnly = false, string audience = PartnerCenterResources.Global)
    {
        var subject = appOnly
            ? new TokenSubject(SecretClient.ClientId, PartnerTenantId, null, null)
            : new TokenSubject(PublicClient.ClientId, PartnerTenantId, DemoUserPrincipalName, DemoUserObjectId);
        return Tokens.IssueAccessToken(subject, audience, lifetime);
    }

    public void AddCustomer(string customerJson)
    {
        var customer = JsonNode.Parse(customerJson) as JsonObject ?? throw new ArgumentException("A customer must be a JSON object.", nameof(customerJson));
        lock (_gate)
        {
            AddLocked(customer);
        }
    }

    /// <summary>
    /// Makes the Microsoft tenant of every generated CloudBlue account a customer of the partner,
    /// so each ms_tenant_id checkAccount reports can be asked about here. They are answered by id
    /// only and made on demand, so 100,000 generated accounts cost no memory until asked for;
    /// the customer list shows the stored customers.
    /// </summary>
    public void LinkGeneratedAccounts(Func<Guid, GeneratedAccount?> findByMsTenantId)
    {
        _findGeneratedAccount = findByMsTenantId;
    }

    /// <summary>The customer's agreements (attestations) in the order they were recorded.</summary>
    public IReadOnlyList<JsonObject> AgreementsOf(Guid customerId)
    {
        lock (_gate)
        {
            return _agreements.TryGetValue(customerId, out var list) ? list.Select(a => a.DeepClone().AsObject()).ToList() : new List<JsonObject>();
        }
    }

    /// <summary>Whether the customer accepted the MCA itself in the Microsoft 365 admin center (reference §5.4).</summary>
    public bool IsSignedDirectly(Guid customerId)
    {
        lock (_gate)
        {
            return _signedDirectly.Contains(customerId);
        }
    }

    public void SetSignedDirectly(Guid customerId, bool signed)
    {
        lock (_gate)
        {
            if (signed)
            {
                _signedDirectly.Add(customerId);
            }
            else
            {
                _signedDirectly.Remove(customerId);
            }
        }
    }

    /// <summary>
    /// Records an attestation unless one of the same type with the same contact (first and last
    /// name, e-mail, phone) is already there, which the service refuses with 600061 (reference §5.2).
    /// </summary>
    internal bool TryAddAgreement(Guid customerId, JsonObject agreement)
    {
        lock (_gate)
        {
            if (!_agreements.TryGetValue(customerId, out var list))
            {
                _agreements[customerId] = list = new List<JsonObject>();
            }

            if (list.Any(existing => SameContact(existing, agreement)))
            {
                return false;
            }

            list.Add(agreement.DeepClone().AsObject());
            return true;
        }
    }

    /// <summary>Adds <paramref name="count"/> customers with ids from a seeded generator, so runs repeat.</summary>
    public IReadOnlyList<Guid> GenerateCustomers(int count)
    {
        var ids = new List<Guid>(count);
        lock (_gate)
        {
            for (var i = 0; i < count; i++)
            {
                var bytes = new byte[16];
                _generator.NextBytes(bytes);
                var id = new Guid(bytes);
                var number = _customers.Count + 1;
                AddLocked(GeneratedCustomer(id, $"generated{number:00000}", $"Generated Customer {number}"));
                ids.Add(id);
            }
        }

        return ids;
    }

    internal JsonObject? FindCustomer(Guid id)
    {
        lock (_gate)
        {
            if (_customersById.TryGetValue(id, out var customer))
            {
                return customer.DeepClone().AsObject();
            }
        }

        return _findGeneratedAccount?.Invoke(id) is GeneratedAccount account
            ? GeneratedCustomer(id, account.InitialSubdomain, "Generated Customer " + account.InitialSubdomain)
            : null;
    }

    internal IReadOnlyList<JsonObject> CustomerRange(int offset, int count)
    {
        lock (_gate)
        {
            return _customers.Skip(offset).Take(count).Select(c => c.DeepClone().AsObject()).ToList();
        }
    }

    internal EmulatedApplication? FindApplication(string? clientId) =>
        clientId is not null && _applications.TryGetValue(clientId, out var application) ? application : null;

    internal void Record(TokenRequestRecord request) => _tokenRequests.Enqueue(request);

    private void AddLocked(JsonObject customer)
    {
        _customers.Add(customer);
        if (Guid.TryParse((string?)customer["id"], out var id))
        {
            _customersById[id] = customer;
        }
    }

    private static bool SameContact(JsonObject left, JsonObject right)
    {
        static string Field(JsonObject agreement, string name) => ((string?)agreement["primaryContact"]?[name] ?? string.Empty).Trim();

        return string.Equals((string?)left["type"], (string?)right["type"], StringComparison.OrdinalIgnoreCase)
            && new[] { "firstName", "lastName", "email", "phoneNumber" }.All(name => string.Equals(Field(left, name), Field(right, name), StringComparison.OrdinalIgnoreCase));
    }

    internal static JsonObject GeneratedCustomer(Guid id, string label, string companyName) => new()
    {
        ["id"] = id.ToString(),
        ["commerceId"] = Guid.NewGuid().ToString(),
        ["companyProfile"] = new JsonObject
        {
            ["tenantId"] = id.ToString(),
            ["domain"] = label + ".onmicrosoft.com",
            ["companyName"] = companyName,
            ["attributes"] = new JsonObject { ["objectType"] = "CustomerCompanyProfile" },
        },
        ["relationshipToPartner"] = "reseller",
        ["allowDelegatedAccess"] = false,
        ["links"] = new JsonObject { ["self"] = new JsonObject { ["uri"] = $"/customers/{id}", ["method"] = "GET", ["headers"] = new JsonArray() } },
        ["attributes"] = new JsonObject { ["objectType"] = "Customer" },
    };

    private static X509Certificate2 CreateDemoCertificate()
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest("CN=CloudBlueMca emulator demo app", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var now = DateTimeOffset.UtcNow;
        return request.CreateSelfSigned(now.AddDays(-1), now.AddYears(1));
    }
}
