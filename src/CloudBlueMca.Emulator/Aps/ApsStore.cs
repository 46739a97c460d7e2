using System.Collections.Concurrent;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using CloudBlueMca.Emulator.Aps.Rql;

namespace CloudBlueMca.Emulator.Aps;

/// <summary>
/// The APS resources the emulator serves, the Microsoft accounts behind the Tenants (what
/// checkAccount reports) and the OAuth credentials allowed in. Thread-safe: reads share a lock,
/// writes (PUT, generation) take it exclusively, so concurrent PUTs never lose a revision.
/// </summary>
public sealed class ApsStore
{
    private const string SeedModified = "2020-02-28T05:22:52Z";

    /// <summary>
    /// Properties with an index, so eq()/in() on them never scans every resource. A Tenant is
    /// indexed by its own data only: the APS id its account link points to, not the linked
    /// account's system id, which a PUT to the account could change without the Tenant knowing.
    /// <c>account.id</c> is answered through the account's <c>id</c> and then this link index.
    /// </summary>
    private static readonly string[] IndexedPaths = { "initial_subdomain", "ms_account_id", AccountLinkPath, "id" };

    private const string AccountLinkPath = "account.aps.id";

    private readonly ReaderWriterLockSlim _lock = new(LockRecursionPolicy.SupportsRecursion);
    private readonly Dictionary<string, StoredResource> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<StoredResource> _all = new();
    private readonly Dictionary<string, List<StoredResource>> _byType = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ResourceIndex> _indexes = IndexedPaths.ToDictionary(p => p, _ => new ResourceIndex(), StringComparer.Ordinal);
    private readonly Dictionary<string, string> _msTenantIds = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<string, ApsCredential> _credentials = new(StringComparer.Ordinal);
    private readonly RqlEvaluator _evaluator;
    private readonly List<string> _applicationInstanceIds = new();
    private readonly Dictionary<Guid, GeneratedAccount> _generatedByMsTenantId = new();
    private int _generatedAccounts;

    public ApsStore(ApsEmulatorOptions options)
    {
        Options = options;
        _evaluator = new RqlEvaluator(GetResource);
        AddCredential(options.ConsumerKey, options.ConsumerSecret, allowCheckAccount: true);
        AddApplicationInstances(options.ApplicationInstanceCount);
        if (options.IncludeSeedData)
        {
            foreach (var seed in ApsSeedData.All)
            {
                AddSeedCustomer(seed);
            }
        }

        if (options.GeneratedAccounts > 0)
        {
            GenerateAccounts(options.GeneratedAccounts, options.TenantsPerAccount);
        }
    }

    public ApsEmulatorOptions Options { get; }

    /// <summary>
    /// The seed application instance id, 498c7d95-54ef-45c1-9877-da03ec230993. With
    /// <see cref="ApsEmulatorOptions.ApplicationInstanceCount"/> 0 no resource has this id.
    /// </summary>
    public string ApplicationInstanceId => ApsSeedData.ApplicationInstanceId;

    /// <summary>Ids of every application instance resource served, the seed one first.</summary>
    public IReadOnlyList<string> ApplicationInstanceIds => _applicationInstanceIds;

    public int ResourceCount => Read(() => _all.Count);

    /// <summary>The generated account whose Microsoft tenant has this id, or null.</summary>
    public GeneratedAccount? FindGeneratedAccount(Guid msTenantId) =>
        Read(() => _generatedByMsTenantId.TryGetValue(msTenantId, out var account) ? account : null);

    /// <summary>
    /// Lets another OAuth consumer in. Without <paramref name="allowCheckAccount"/> its allowed
    /// operations lack (Office365app, GET), so checkAccount answers 403 while CRUD still works.
    /// </summary>
    public void AddCredential(string consumerKey, string consumerSecret, bool allowCheckAccount)
    {
        var allowed = allowCheckAccount ? new[] { (ApsTypes.Office365App, "GET") } : Array.Empty<(string, string)>();
        _credentials[consumerKey] = new ApsCredential(consumerKey, consumerSecret, allowed);
    }

    /// <summary>A copy of the resource with that APS id, or null.</summary>
    public JsonObject? GetResource(string apsId)
    {
        var json = Read(() => _byId.TryGetValue(apsId, out var resource) ? resource.Json : null);
        return json is null ? null : Parse(json);
    }

    /// <summary>
    /// Merges a partial body into a resource (objects deep-merged, <c>aps</c> ignored), bumps
    /// <c>aps.revision</c>, sets <c>aps.modified</c> to now, and returns the updated resource;
    /// null when no resource has that id.
    /// </summary>
    public JsonObject? PutResource(string apsId, JsonObject patch)
    {
        _lock.EnterWriteLock();
        try
        {
            if (!_byId.TryGetValue(apsId, out var stored))
            {
                return null;
            }

            var resource = Parse(stored.Json);
            var oldKeys = IndexKeys(resource);
            JsonMerge.MergeResource(resource, patch);
            var aps = resource["aps"]!.AsObject();
            aps["revision"] = (aps["revision"] is JsonValue revision && revision.TryGetValue<long>(out var number) ? number : 0) + 1;
            aps["modified"] = DateTimeOffset.UtcNow.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
            stored.Json = Serialize(resource);
            var newKeys = IndexKeys(resource);
            for (var i = 0; i < IndexedPaths.Length; i++)
            {
                if (!string.Equals(oldKeys[i], newKeys[i], StringComparison.Ordinal))
                {
                    _indexes[IndexedPaths[i]].Remove(oldKeys[i], stored);
                    _indexes[IndexedPaths[i]].Add(newKeys[i], stored);
                }
            }

            // Parsed back from the stored bytes rather than returning the edited tree, whose
            // nodes hold CLR values (a long revision): the caller gets exactly what a GET returns.
            return Parse(stored.Json);
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }

    /// <summary>
    /// True while no Tenant of that Microsoft account holds <c>cloud_agreement_contact</c>: one
    /// confirmation covers every Tenant of the account (the assumed scope, reference §8.3).
    /// </summary>
    public bool IsAcceptanceRequired(string msAccountId) =>
        !HoldsContact(Read(() => _indexes["ms_account_id"].Find(msAccountId).Select(r => r.Json).ToList()).Select(Parse));

    /// <summary>
    /// Adds <paramref name="count"/> customer accounts, each with its own Microsoft account and
    /// <paramref name="tenantsPerAccount"/> Tenants; every id and subdomain is new, and acceptance
    /// is required for all of them.
    /// </summary>
    public IReadOnlyList<GeneratedAccount> GenerateAccounts(int count, int tenantsPerAccount = 1)
    {
        if (count < 0 || tenantsPerAccount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(count), "count must be >= 0 and tenantsPerAccount >= 1.");
        }

        var accounts = new List<GeneratedAccount>(count);
        _lock.EnterWriteLock();
        try
        {
            for (var i = 0; i < count; i++)
            {
                var n = ++_generatedAccounts;
                var account = new GeneratedAccount(
                    AccountId: 2000000 + n,
                    InitialSubdomain: FormattableString.Invariant($"generated{n:D6}"),
                    MsAccountId: GeneratedGuid(n, 0, 0xa1),
                    MsTenantId: GeneratedGuid(n, 0, 0xb1),
                    TenantIds: Enumerable.Range(1, tenantsPerAccount).Select(t => GeneratedGuid(n, t, 0xd1)).ToList());
                var accountApsId = GeneratedGuid(n, 0, 0xc1);
                AddLocked(CustomerAccount(accountApsId, account.AccountId, FormattableString.Invariant($"Generated Customer {n}")));
                _msTenantIds[account.MsAccountId] = account.MsTenantId;
                for (var t = 0; t < tenantsPerAccount; t++)
                {
                    AddLocked(GeneratedTenant(account, account.TenantIds[t], GeneratedGuid(n, t + 1, 0xe1), accountApsId));
                }

                accounts.Add(account);
                _generatedByMsTenantId[Guid.Parse(account.MsTenantId)] = account;
            }
        }
        finally
        {
            _lock.ExitWriteLock();
        }

        return accounts;
    }

    /// <summary>The page of resources a collection GET returns for a parsed query.</summary>
    internal ApsPage Query(RqlQuery query)
    {
        var offset = query.Limit?.Offset ?? 0;
        var count = query.Limit?.Count ?? Options.DefaultPageSize;
        var candidates = Read(() => Candidates(query).Select(r => (r.Sequence, r.Json)).ToList());
        var ordered = candidates.OrderBy(c => c.Sequence);

        // When the candidates are exactly the matches and no sort() applies, only the page itself
        // needs parsing; otherwise every candidate is parsed, checked and possibly sorted.
        if (IsExact(query) && query.Sort.Count == 0)
        {
            var page = ordered.Skip(offset).Take(count).Select(c => Project(Parse(c.Json), query)).ToList();
            return new ApsPage(page, offset, candidates.Count);
        }

        IEnumerable<JsonObject> matches = ordered
            .Select(c => Parse(c.Json))
            .Where(resource => _evaluator.Matches(query, resource));
        if (query.Sort.Count > 0)
        {
            matches = matches.OrderBy(r => r, Comparer<JsonObject>.Create((a, b) => CompareForSort(a, b, query.Sort)));
        }

        var all = matches.ToList();
        var items = all.Skip(offset).Take(count).Select(r => Project(r, query)).ToList();
        return new ApsPage(items, offset, all.Count);
    }

    /// <summary>
    /// The checkAccount answer for a customer account, shaped like seed 001: one entry per
    /// Microsoft account among the customer's Tenants. Null when no customer has that system id.
    /// </summary>
    internal JsonObject? CheckAccount(long accountId)
    {
        var key = accountId.ToString(CultureInfo.InvariantCulture);
        var msAccounts = Read(() =>
        {
            if (!_indexes["id"].Find(key).Any(r => r.Type == ApsTypes.Account))
            {
                return null;
            }

            // Each resource is parsed once even though a customer's Tenant is also one of its
            // Microsoft account's Tenants.
            var parsed = new Dictionary<StoredResource, JsonObject>();
            JsonObject ParseOnce(StoredResource r) => parsed.TryGetValue(r, out var json) ? json : parsed[r] = Parse(r.Json);
            return TenantsOfAccounts(new[] { key })
                .OrderBy(r => r.Sequence)
                .Select(ParseOnce)
                .Where(t => RqlEvaluator.ScalarText(t["ms_account_id"]) is not null)
                .GroupBy(t => RqlEvaluator.ScalarText(t["ms_account_id"])!, StringComparer.Ordinal)
                .Select(customerTenants => (
                    MsAccountId: customerTenants.Key,
                    Domain: Domain(customerTenants),
                    MsTenantId: _msTenantIds.TryGetValue(customerTenants.Key, out var tenantId) ? tenantId : null,
                    // Acceptance counts on any Tenant of the Microsoft account, also under another customer.
                    AcceptanceRequired: !HoldsContact(_indexes["ms_account_id"].Find(customerTenants.Key).Select(ParseOnce))))
                .ToList();
        });
        if (msAccounts is null)
        {
            return null;
        }

        var tenants = new JsonArray();
        foreach (var msAccount in msAccounts)
        {
            tenants.Add(new JsonObject
            {
                ["domain"] = msAccount.Domain,
                ["id"] = msAccount.MsAccountId,
                ["trial_plan_validation_result"] = new JsonObject { ["validationCode"] = 0 },
                ["ms_tenant_id"] = msAccount.MsTenantId,
                ["is_acceptance_of_microsoft_cloud_agreement_required"] = msAccount.AcceptanceRequired,
                ["customer_agreements"] = new JsonArray(),
            });
        }

        return new JsonObject
        {
            ["has_o365"] = msAccounts.Count > 0,
            ["is_multitenant"] = msAccounts.Count > 1,
            ["tenants"] = tenants,
            ["microsoft_cloud_agreement_metadata"] = new JsonObject
            {
                ["templateId"] = "117a77b0-9360-443b-8795-c6dedc750cf9",
                ["agreementLink"] = "https://aka.ms/customeragreement",
                ["versionRank"] = 0,
            },
            ["service_plans_compatibility"] = null,
        };
    }

    internal string? FindConsumerSecret(string consumerKey) =>
        _credentials.TryGetValue(consumerKey, out var credential) ? credential.ConsumerSecret : null;

    /// <summary>Whether a consumer's allowed operations include (unversioned type id, verb).</summary>
    internal bool IsOperationAllowed(string consumerKey, string typeId, string verb) =>
        _credentials.TryGetValue(consumerKey, out var credential) && credential.Allows(typeId, verb);

    /// <summary>The type of the resource with that id, or null.</summary>
    internal string? TypeOf(string apsId) => Read(() => _byId.TryGetValue(apsId, out var resource) ? resource.Type : null);

    /// <summary>The distinct types of all stored resources, for /aps/2/types.</summary>
    internal IReadOnlyList<string> Types() => Read(() => _byType.Keys.ToList());

    private static JsonObject Parse(byte[] json) => JsonNode.Parse(json)!.AsObject();

    private static byte[] Serialize(JsonObject resource) => Encoding.UTF8.GetBytes(resource.ToJsonString());

    private static string GeneratedGuid(int account, int item, int kind) =>
        FormattableString.Invariant($"{account:x8}-{item:x4}-4000-8000-0000000000{kind:x2}");

    private static JsonObject ApsSection(string id, string type, string status, string modified, string? subscription = null)
    {
        var aps = new JsonObject { ["modified"] = modified, ["id"] = id };
        if (subscription is not null)
        {
            aps["subscription"] = subscription;
        }

        aps["type"] = type;
        aps["status"] = status;
        aps["revision"] = 1;
        return aps;
    }

    private static JsonObject Link(string id) => new()
    {
        ["aps"] = new JsonObject { ["link"] = "strong", ["href"] = "/aps/2/resources/" + id, ["id"] = id },
    };

    private static JsonObject CustomerAccount(string apsId, int systemId, string companyName) => new()
    {
        ["aps"] = ApsSection(apsId, ApsTypes.Account, "aps:ready", SeedModified),
        ["id"] = systemId,
        ["companyName"] = companyName,
    };

    private static JsonObject GeneratedTenant(GeneratedAccount account, string tenantId, string subscriptionId, string accountApsId) => new()
    {
        ["is_activated"] = "yes",
        ["aps"] = ApsSection(tenantId, ApsTypes.Tenant, "aps:ready", SeedModified, subscriptionId),
        ["ms_account_id"] = account.MsAccountId,
        ["initial_subdomain"] = account.InitialSubdomain,
        ["domain_name"] = account.InitialSubdomain + ".onmicrosoft.com",
        ["totalPointsSold"] = new JsonObject { ["usage"] = 0, ["limit"] = -1 },
        ["totalSeatsSold"] = new JsonObject { ["usage"] = 0, ["limit"] = -1 },
        ["account"] = Link(accountApsId),
    };

    private int CompareForSort(JsonObject left, JsonObject right, IReadOnlyList<RqlSortKey> keys)
    {
        foreach (var key in keys)
        {
            var order = RqlEvaluator.Compare(_evaluator.ResolvePath(left, key.Property), _evaluator.ResolvePath(right, key.Property));
            if (order != 0)
            {
                return key.Descending ? -order : order;
            }
        }

        return 0;
    }

    /// <summary>
    /// The resources that can hold every match: an index look-up for a top-level eq()/in() on an
    /// indexed property (the smallest one wins), else the resources of the implementing() type,
    /// else everything. The type set is only gathered when no index applies, because it holds
    /// every Tenant and building it per request would make a 100,000-account look-up as slow as a
    /// scan. The evaluator still checks every candidate, so this only ever saves work.
    /// </summary>
    private ICollection<StoredResource> Candidates(RqlQuery query)
    {
        var terms = Conjuncts(query.Terms).ToList();
        ICollection<StoredResource>? best = null;
        foreach (var comparison in terms.OfType<RqlComparison>())
        {
            if (comparison.Operator is not (RqlOperator.Eq or RqlOperator.In) || !comparison.Values.All(v => v.Kind == RqlValueKind.Text))
            {
                continue;
            }

            var candidates = LookUp(comparison.Property, comparison.Values.Select(v => v.Text));
            if (candidates is not null && (best is null || candidates.Count < best.Count))
            {
                best = candidates;
            }
        }

        if (best is not null)
        {
            return best;
        }

        var implementing = terms.OfType<RqlImplementing>().FirstOrDefault();
        return implementing is null
            ? _all
            : _byType.Where(t => RqlEvaluator.Implements(t.Key, implementing.TypeId)).SelectMany(t => t.Value).ToList();
    }

    /// <summary>How many stored resources a query would examine; lets tests prove look-ups use an index.</summary>
    internal int CountCandidates(RqlQuery query) => Read(() => Candidates(query).Count);

    private static IEnumerable<RqlExpression> Conjuncts(IEnumerable<RqlExpression> terms) =>
        terms.SelectMany(t => t is RqlAnd and ? Conjuncts(and.Operands) : new[] { t });

    private HashSet<StoredResource>? LookUp(string property, IEnumerable<string> values)
    {
        if (property == "account.id")
        {
            return new HashSet<StoredResource>(TenantsOfAccounts(values));
        }

        if (property == "aps.id")
        {
            return new HashSet<StoredResource>(values.Select(v => _byId.TryGetValue(v, out var r) ? r : null).OfType<StoredResource>());
        }

        return _indexes.TryGetValue(property, out var index) ? new HashSet<StoredResource>(values.SelectMany(index.Find)) : null;
    }

    /// <summary>The resources whose account link points to a customer account with one of these system ids.</summary>
    private IEnumerable<StoredResource> TenantsOfAccounts(IEnumerable<string> systemIds) =>
        systemIds
            .SelectMany(_indexes["id"].Find)
            .Where(account => account.Type == ApsTypes.Account)
            .SelectMany(account => _indexes[AccountLinkPath].Find(account.Id));

    /// <summary>
    /// True when the candidates are exactly the matches: the query has no filter, or its only
    /// filter is the implementing() that chose them (a resource's type never changes).
    /// </summary>
    private static bool IsExact(RqlQuery query) =>
        query.Terms.Count == 0 || (query.Terms.Count == 1 && query.Terms[0] is RqlImplementing);

    private static bool HoldsContact(IEnumerable<JsonObject> tenants) =>
        tenants.Any(tenant => tenant["cloud_agreement_contact"] is JsonObject);

    private JsonObject Project(JsonObject resource, RqlQuery query) => ApsProjection.Apply(resource, query.Select, GetResource);

    private string?[] IndexKeys(JsonObject resource) =>
        IndexedPaths.Select(path => RqlEvaluator.ScalarText(_evaluator.ResolvePath(resource, path))).ToArray();

    private string? Domain(IEnumerable<JsonObject> tenants)
    {
        var subdomain = tenants.Select(t => RqlEvaluator.ScalarText(t["initial_subdomain"])).FirstOrDefault(s => !string.IsNullOrEmpty(s));
        return subdomain is null
            ? tenants.Select(t => RqlEvaluator.ScalarText(t["domain_name"])).FirstOrDefault(d => !string.IsNullOrEmpty(d))
            : subdomain + ".onmicrosoft.com";
    }

    private void AddApplicationInstances(int count)
    {
        for (var i = 0; i < count; i++)
        {
            var id = i == 0 ? ApsSeedData.ApplicationInstanceId : FormattableString.Invariant($"498c7d95-54ef-45c1-9877-{i:x12}");
            _applicationInstanceIds.Add(id);
            Add(new JsonObject
            {
                ["aps"] = ApsSection(id, ApsTypes.Office365AppInstance, "aps:ready", SeedModified),
                ["name"] = i == 0 ? "Microsoft 365" : FormattableString.Invariant($"Microsoft 365 ({i + 1})"),
            });
        }
    }

    private void AddSeedCustomer(SeedCustomer seed)
    {
        Add(CustomerAccount(seed.AccountApsId, seed.AccountId, seed.CompanyName));
        Write(() => _msTenantIds[seed.MsAccountId] = seed.MsTenantId);
        foreach (var tenant in JsonNode.Parse(seed.TenantsJson)!.AsArray())
        {
            var resource = tenant!.AsObject();
            resource["account"] = Link(seed.AccountApsId);
            Add(resource);
        }
    }

    private void Add(JsonObject resource) => Write(() => AddLocked(resource));

    private void AddLocked(JsonObject resource)
    {
        var aps = resource["aps"]!.AsObject();
        var stored = new StoredResource(aps["id"]!.GetValue<string>(), aps["type"]!.GetValue<string>(), _all.Count, Serialize(resource));
        _byId.Add(stored.Id, stored);
        _all.Add(stored);
        if (!_byType.TryGetValue(stored.Type, out var ofType))
        {
            _byType[stored.Type] = ofType = new List<StoredResource>();
        }

        ofType.Add(stored);
        var keys = IndexKeys(resource);
        for (var i = 0; i < IndexedPaths.Length; i++)
        {
            _indexes[IndexedPaths[i]].Add(keys[i], stored);
        }
    }

    private T Read<T>(Func<T> read)
    {
        _lock.EnterReadLock();
        try
        {
            return read();
        }
        finally
        {
            _lock.ExitReadLock();
        }
    }

    private void Write(Action write)
    {
        _lock.EnterWriteLock();
        try
        {
            write();
        }
        finally
        {
            _lock.ExitWriteLock();
        }
    }
}
