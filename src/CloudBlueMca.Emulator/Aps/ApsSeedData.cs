using System.Globalization;
using System.Text.Json.Nodes;

namespace CloudBlueMca.Emulator.Aps;

/// <summary>
/// The default data: the Tenant resources of the CloudBlue documentation examples (seeds 001 and
/// 000), each given the customer account it belongs to, and four small customers that give
/// Sync-McaAcceptance each of its outcomes. Every Microsoft tenant here is also a Partner Center
/// customer of the emulator (SeedCustomers, SeedAgreements).
/// </summary>
internal static class ApsSeedData
{
    public const string ApplicationInstanceId = "498c7d95-54ef-45c1-9877-da03ec230993";

    /// <summary>Verbatim from seed 001 ("Obtaining Tenant APS Resources of Microsoft Account").</summary>
    private const string ExampleTenants = """
        [
        {
        "is_activated": "yes",
        "aps": {
        "modified": "2020-03-10T11:20:31Z",
        "id": "042b672a-47f8-4dc9-a973-f4134390f357",
        "subscription": "5689c26b-749c-48ea-b3b1-7cba84618764",
        "type": "http://www.parallels.com/Office365/Tenant/2.8",
        "status": "aps:ready",
        "revision": 9
        },
        "ms_account_id": "0ec8e245-2509-44b9-a184-a313345db839",
        "totalPointsSold": {
        "usage": 0,
        "limit": -1
        },
        "totalSeatsSold": {
        "usage": 0,
        "limit": -1
        }
        },
        {
        "is_activated": "yes",
        "aps": {
        "modified": "2020-03-10T11:16:54Z",
        "id": "32e9c8bd-23a1-4a73-9af2-c05b05116136",
        "subscription": "f76d449e-10ff-4af4-9c04-f5cdd23106fb",
        "type": "http://www.parallels.com/Office365/Tenant/2.8",
        "status": "aps:ready",
        "revision": 7
        },
        "ms_account_id": "0ec8e245-2509-44b9-a184-a313345db839",
        "totalPointsSold": {
        "usage": 8,
        "limit": -1
        },
        "totalSeatsSold": {
        "usage": 2,
        "limit": -1
        }
        },
        {
        "transition_info": {
        "subdomain": "",
        "vodafoneCustomerId": 0
        },
        "default_admin_login": "admin@example.onmicrosoft.com",
        "domain_name": "example.onmicrosoft.com",
        "is_activated": "yes",
        "aps": {
        "modified": "2020-03-10T11:19:04Z",
        "id": "6fcff2c9-de5c-4eb3-b2b7-d5722cc29338",
        "subscription": "df973571-7146-4a0e-a7fe-a01516abdf22",
        "type": "http://www.parallels.com/Office365/Tenant/2.8",
        "status": "aps:ready",
        "revision": 18
        },
        "ms_account_id": "0ec8e245-2509-44b9-a184-a313345db839",
        "last_synchronization": "2020-02-28T05:22:58Z",
        "initial_subdomain": "example",
        "totalPointsSold": {
        "usage": 20,
        "limit": -1
        },
        "totalSeatsSold": {
        "usage": 5,
        "limit": -1
        }
        },
        {
        "is_activated": "yes",
        "aps": {
        "modified": "2020-03-02T12:12:55Z",
        "id": "d107eaff-9e3e-4c31-90e5-818842c1fc0f",
        "subscription": "158ab4d4-130b-4c5d-bfab-3ca59778a85e",
        "type": "http://www.parallels.com/Office365/Tenant/2.8",
        "status": "aps:ready",
        "revision": 5
        },
        "ms_account_id": "0ec8e245-2509-44b9-a184-a313345db839",
        "totalPointsSold": {
        "usage": 20,
        "limit": -1
        },
        "totalSeatsSold": {
        "usage": 2,
        "limit": -1
        }
        },
        {
        "is_activated": "yes",
        "aps": {
        "modified": "2020-02-28T05:22:52Z",
        "id": "d8812853-3a26-4058-8881-6e1e9bd31cab",
        "subscription": "4ac9fd1a-05a6-4983-adfe-fa4c78598683",
        "type": "http://www.parallels.com/Office365/Tenant/2.8",
        "status": "aps:ready",
        "revision": 12
        },
        "ms_account_id": "0ec8e245-2509-44b9-a184-a313345db839",
        "last_synchronization": "2020-02-28T05:22:58Z",
        "totalPointsSold": {
        "usage": 2,
        "limit": -1
        },
        "totalSeatsSold": {
        "usage": 2,
        "limit": -1
        }
        }
        ]
        """;

    /// <summary>Seed 000 with initial_subdomain changed from example to contoso (indentation normalised).</summary>
    private const string ContosoTenants = """
        [
          {
            "is_activated": "no",
            "aps": {
              "modified": "2020-04-29T04:00:49Z",
              "id": "c70c20f9-614e-4c9e-9ca2-72594b9056ca",
              "subscription": "6e40eb10-4d4e-4cbb-a8b8-953808650eee",
              "type": "http://www.parallels.com/Office365/Tenant/2.8",
              "status": "aps:provisioning",
              "revision": 890
            },
            "ms_account_id": "4188e387-a418-40f0-9166-54295cab3fcc",
            "initial_subdomain": "contoso",
            "totalPointsSold": {
              "limit": -1
            },
            "totalSeatsSold": {
              "limit": -1
            }
          },
          {
            "is_activated": "activating",
            "aps": {
              "modified": "2020-06-23T03:39:43Z",
              "id": "d4cf0ea9-8f44-41c7-80da-1766174a4b12",
              "subscription": "c31ae77d-27e2-402b-9ae8-41acb08e881e",
              "type": "http://www.parallels.com/Office365/Tenant/2.8",
              "status": "aps:provisioning",
              "revision": 1070
            },
            "ms_account_id": "4188e387-a418-40f0-9166-54295cab3fcc",
            "initial_subdomain": "contoso",
            "cloud_agreement_contact": {
              "date_agreed": "2020-02-19",
              "phone": "+1234567",
              "last_name": "Smith",
              "first_name": "John",
              "email": "johnsmith@example.com"
            },
            "totalPointsSold": {
              "limit": -1
            },
            "totalSeatsSold": {
              "limit": -1
            }
          }
        ]
        """;

    /// <summary>Seed 001: customer 1000011, subdomain example, acceptance required.</summary>
    public static SeedCustomer Example { get; } = new(
        AccountId: 1000011,
        AccountApsId: "0f6e3b1c-7a2d-4c59-9e84-000001000011",
        CompanyName: "Example Corp",
        MsAccountId: "0ec8e245-2509-44b9-a184-a313345db839",
        MsTenantId: "3f8a1aff-6a93-4b2c-b734-93b66497af4c",
        TenantsJson: ExampleTenants)
    {
        InitialSubdomain = "example",
    };

    /// <summary>
    /// Seed 000 under its own customer 1000012 and subdomain contoso (the seed reuses "example");
    /// its second Tenant holds cloud_agreement_contact, so acceptance is not required.
    /// </summary>
    public static SeedCustomer Contoso { get; } = new(
        AccountId: 1000012,
        AccountApsId: "0f6e3b1c-7a2d-4c59-9e84-000001000012",
        CompanyName: "Contoso Ltd",
        MsAccountId: "4188e387-a418-40f0-9166-54295cab3fcc",
        MsTenantId: "9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19",
        TenantsJson: ContosoTenants)
    {
        InitialSubdomain = "contoso",
    };

    // Four more customers, one per Sync-McaAcceptance outcome that the two documentation
    // examples do not show; their Partner Center side is in SeedAgreements.

    /// <summary>CloudBlue and Partner Center hold the same person: InSync.</summary>
    public static SeedCustomer Fabrikam { get; } = SyncScenario(1000013, "fabrikam", "Fabrikam Inc", "b1d3f5a7-9c1e-4a3c-8e5a-7c9e1b3d5f13", new SeedContact("Jane", "Doe", "jane.doe@fabrikam.com", "+1 425 555 0113", "2024-05-02"));

    /// <summary>CloudBlue and Partner Center hold different people: Conflict.</summary>
    public static SeedCustomer Northwind { get; } = SyncScenario(1000014, "northwind", "Northwind Traders", "b1d3f5a7-9c1e-4a3c-8e5a-7c9e1b3d5f14", new SeedContact("Alex", "Wilber", "alex.wilber@northwind.com", "+1 425 555 0114", "2024-06-10"));

    /// <summary>No contact on either side: NeedsContact.</summary>
    public static SeedCustomer Tailspin { get; } = SyncScenario(1000015, "tailspin", "Tailspin Toys", "b1d3f5a7-9c1e-4a3c-8e5a-7c9e1b3d5f15", null);

    /// <summary>The customer signed the MCA directly; nobody is on record: NeedsContact.</summary>
    public static SeedCustomer Wingtip { get; } = SyncScenario(1000016, "wingtip", "Wingtip Toys", "b1d3f5a7-9c1e-4a3c-8e5a-7c9e1b3d5f16", null);

    /// <summary>Every seeded customer account, in account id order.</summary>
    public static IReadOnlyList<SeedCustomer> All { get; } = new[] { Example, Contoso, Fabrikam, Northwind, Tailspin, Wingtip };

    /// <summary>One ready Tenant resource with the subdomain, and the contact when one is given.</summary>
    private static SeedCustomer SyncScenario(int accountId, string subdomain, string companyName, string msTenantId, SeedContact? contact)
    {
        var suffix = accountId.ToString("x12", CultureInfo.InvariantCulture);
        var msAccountId = "5e7a9c1b-3d5f-4a7c-9e1b-" + suffix;
        var tenant = new JsonObject
        {
            ["is_activated"] = "yes",
            ["aps"] = new JsonObject
            {
                ["modified"] = "2024-01-15T09:30:00Z",
                ["id"] = "6a8c0e2f-4b6d-4f8a-a0c2-" + suffix,
                ["subscription"] = "7b9d1f3a-5c7e-4a9b-b1d3-" + suffix,
                ["type"] = ApsTypes.Tenant,
                ["status"] = "aps:ready",
                ["revision"] = 3,
            },
            ["ms_account_id"] = msAccountId,
            ["initial_subdomain"] = subdomain,
            ["domain_name"] = subdomain + ".onmicrosoft.com",
            ["totalPointsSold"] = new JsonObject { ["usage"] = 0, ["limit"] = -1 },
            ["totalSeatsSold"] = new JsonObject { ["usage"] = 5, ["limit"] = -1 },
        };
        if (contact is not null)
        {
            tenant["cloud_agreement_contact"] = new JsonObject
            {
                ["date_agreed"] = contact.DateAgreed,
                ["phone"] = contact.Phone,
                ["last_name"] = contact.LastName,
                ["first_name"] = contact.FirstName,
                ["email"] = contact.Email,
            };
        }

        return new SeedCustomer(accountId, "0f6e3b1c-7a2d-4c59-9e84-00000" + accountId.ToString(CultureInfo.InvariantCulture), companyName, msAccountId, msTenantId, new JsonArray(tenant).ToJsonString())
        {
            InitialSubdomain = subdomain,
        };
    }
}

/// <summary>A cloud_agreement_contact of the seed data; <paramref name="DateAgreed"/> as yyyy-MM-dd.</summary>
internal sealed record SeedContact(string FirstName, string LastName, string Email, string Phone, string DateAgreed);

internal sealed record SeedCustomer(
    int AccountId,
    string AccountApsId,
    string CompanyName,
    string MsAccountId,
    string MsTenantId,
    string TenantsJson)
{
    public string InitialSubdomain { get; init; } = string.Empty;
}
