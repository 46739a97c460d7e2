using System.Text.Json.Nodes;
using CloudBlueMca.Emulator.Aps;

namespace CloudBlueMca.Emulator.PartnerCenter;

/// <summary>
/// The Partner Center customers every emulator starts with: seed 002's response verbatim, and
/// the Microsoft tenants of every seeded CloudBlue account, so pipelines between the
/// CloudBlue and Partner Center cmdlets meet the same customers on both sides.
/// </summary>
internal static class SeedCustomers
{
    public static IEnumerable<JsonObject> All()
    {
        yield return Parse(Seed002);
        yield return Parse(Example);
        yield return Parse(Contoso);

        // The smaller Sync-McaAcceptance scenario customers of the CloudBlue seed.
        foreach (var seed in ApsSeedData.All.Where(s => s != ApsSeedData.Example && s != ApsSeedData.Contoso))
        {
            yield return PartnerCenterStore.GeneratedCustomer(Guid.Parse(seed.MsTenantId), seed.InitialSubdomain, seed.CompanyName);
        }
    }

    private static JsonObject Parse(string json) => (JsonObject)JsonNode.Parse(json)!;

    // Seed 002's response body. The seed text lacks the opening quote of "tags" (a typo in the
    // published example, invalid JSON); it is restored here and nothing else is changed.
    private const string Seed002 = """
        {
        "id": "aaaabbbb-0000-cccc-1111-dddd2222eeee",
        "commerceId": "99e6a635-48e7-424d-9059-c9db944e3c54",
        "companyProfile": {
        "tenantId": "aaaabbbb-0000-cccc-1111-dddd2222eeee",
        "domain": "abcdefgh1234.onmicrosoft.com",
        "companyName": "1kl as kjk",
        "address": {
        "country": "US",
        "region": "wa",
        "city": "redmond",
        "addressLine1": "1 ms way",
        "postalCode": "98052",
        "phoneNumber": "1234567890"
        },
        "email": "a@a.com",
        "links": {
        "self": {
        "uri": "/customers/aaaabbbb-0000-cccc-1111-dddd2222eeee/profiles/company",
        "method": "GET",
        "headers": []
        }
        },
        "attributes": {
        "objectType": "CustomerCompanyProfile"
        }
        },
        "billingProfile": {
        "id": "eeada110-69d6-4cc9-b093-75feb7ca9d3f",
        "firstName": "d0d89d776d03471c819bf772191ed728",
        "lastName": "kjkAJJAAAAAAAAAAAAAAAAAAAA",
        "email": "a@a.com",
        "culture": "en-US",
        "language": "en",
        "companyName": "1kl as kjkAAAAAAAAAAAAAAAJJJJJJJJJJJAAAAAJJJJJJJJJJJAAJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJJAJJJJJAJJAAAAJAJJAAAAAAAAAAAAAAAAAAAA",
        "defaultAddress": {
        "country": "US",
        "city": "redmond",
        "state": "WA",
        "addressLine1": "1 ms way",
        "postalCode": "98052",
        "firstName": "1kl as",
        "lastName": "kjk",
        "phoneNumber": "1234567890"
        },
        "links": {
        "self": {
        "uri": "/customers/aaaabbbb-0000-cccc-1111-dddd2222eeee/profiles/billing",
        "method": "GET",
        "headers": [
        ]
        }
        },
        "attributes": {
        "etag": "-4242348048554929329",
        "objectType": "CustomerBillingProfile"
        }
        },
        "relationshipToPartner": "reseller",
        "allowDelegatedAccess": true,
        "customDomains": [
        "abcdefgh1234.onmicrosoft.com"
        ],
        "tags": [
        "TestCustomer",
        "USCustomer"
        ],
        "links": {
        "self": {
        "uri": "/customers/aaaabbbb-0000-cccc-1111-dddd2222eeee",
        "method": "GET",
        "headers": []
        }
        },
        "attributes": {
        "objectType": "Customer"
        }
        }
        """;

    // The Microsoft tenant of CloudBlue account 1000011 (subdomain "example"), seen by a partner
    // with GDAP only: get-by-id then omits the company address, email and custom domains, and
    // allowDelegatedAccess is false (reference §4.3).
    private const string Example = """
        {
          "id": "3f8a1aff-6a93-4b2c-b734-93b66497af4c",
          "commerceId": "5b0f3c52-8f1e-4a3b-9d5e-2f7c6a1b8e40",
          "companyProfile": {
            "tenantId": "3f8a1aff-6a93-4b2c-b734-93b66497af4c",
            "domain": "example.onmicrosoft.com",
            "companyName": "Example Ltd",
            "links": { "self": { "uri": "/customers/3f8a1aff-6a93-4b2c-b734-93b66497af4c/profiles/company", "method": "GET", "headers": [] } },
            "attributes": { "objectType": "CustomerCompanyProfile" }
          },
          "billingProfile": {
            "id": "0d2e6a4b-7c1f-4e8a-b3d9-5a6c2e1f7b30",
            "firstName": "John",
            "lastName": "Smith",
            "email": "john@example.com",
            "culture": "en-US",
            "language": "en",
            "companyName": "Example Ltd",
            "defaultAddress": {
              "country": "US",
              "city": "Seattle",
              "state": "WA",
              "addressLine1": "100 Example Street",
              "postalCode": "98101",
              "firstName": "John",
              "lastName": "Smith",
              "phoneNumber": "+1234567"
            },
            "links": { "self": { "uri": "/customers/3f8a1aff-6a93-4b2c-b734-93b66497af4c/profiles/billing", "method": "GET", "headers": [] } },
            "attributes": { "etag": "1187342092340981234", "objectType": "CustomerBillingProfile" }
          },
          "relationshipToPartner": "reseller",
          "allowDelegatedAccess": false,
          "links": { "self": { "uri": "/customers/3f8a1aff-6a93-4b2c-b734-93b66497af4c", "method": "GET", "headers": [] } },
          "attributes": { "objectType": "Customer" }
        }
        """;

    // The Microsoft tenant of CloudBlue account 1000012 (subdomain "contoso"), with DAP. It spells
    // "Tags" with a capital T, as the customer-resources table does: which casing the service
    // sends is open (reference §8.11), so the emulator serves both and clients must read both.
    private const string Contoso = """
        {
          "id": "9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19",
          "commerceId": "c41d7e2a-9b3f-4c6e-a8d1-3e5f7a9b1c20",
          "companyProfile": {
            "tenantId": "9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19",
            "domain": "contoso.onmicrosoft.com",
            "companyName": "Contoso Ltd",
            "address": {
              "country": "GB",
              "region": "Greater London",
              "city": "London",
              "addressLine1": "1 Contoso Way",
              "addressLine2": "Floor 3",
              "postalCode": "EC1A 1BB",
              "phoneNumber": "+442071234567"
            },
            "email": "admin@contoso.com",
            "links": { "self": { "uri": "/customers/9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19/profiles/company", "method": "GET", "headers": [] } },
            "attributes": { "objectType": "CustomerCompanyProfile" }
          },
          "billingProfile": {
            "id": "7e3a1c5d-2b4f-4d6a-9c8e-1f3a5b7d9e20",
            "firstName": "Jane",
            "lastName": "Doe",
            "email": "jane@contoso.com",
            "culture": "en-GB",
            "language": "en",
            "companyName": "Contoso Ltd",
            "defaultAddress": {
              "country": "GB",
              "city": "London",
              "region": "Greater London",
              "addressLine1": "1 Contoso Way",
              "addressLine2": "Floor 3",
              "postalCode": "EC1A 1BB",
              "firstName": "Jane",
              "lastName": "Doe",
              "phoneNumber": "+442071234567"
            },
            "links": { "self": { "uri": "/customers/9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19/profiles/billing", "method": "GET", "headers": [] } },
            "attributes": { "etag": "-918273645546372819", "objectType": "CustomerBillingProfile" }
          },
          "relationshipToPartner": "reseller",
          "allowDelegatedAccess": true,
          "customDomains": [ "contoso.onmicrosoft.com", "contoso.com" ],
          "Tags": [ "Contoso" ],
          "links": { "self": { "uri": "/customers/9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19", "method": "GET", "headers": [] } },
          "attributes": { "objectType": "Customer" }
        }
        """;
}
