using System.Text.Json.Nodes;
using CloudBlueMca.Engine.Mca;
using Xunit;

namespace CloudBlueMca.Tests.Mca;

public class TenantJsonTests
{
    // The second Tenant of seed 000, verbatim, plus a selected account link.
    private const string SeedTenant = """
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
          "initial_subdomain": "example",
          "cloud_agreement_contact": {
            "date_agreed": "2020-02-19",
            "phone": "+1234567",
            "last_name": "Smith",
            "first_name": "John",
            "email": "johnsmith@example.com"
          },
          "account": { "aps": { "id": "8a1f0c8e-0000-4000-8000-000000000001" }, "id": 1000012 },
          "totalPointsSold": { "limit": -1 }
        }
        """;

    [Fact]
    public void Read_maps_every_member_of_a_seed_tenant()
    {
        var record = TenantJson.Read(JsonNode.Parse(SeedTenant)!.AsObject())!;

        Assert.Equal("4188e387-a418-40f0-9166-54295cab3fcc", record.MsAccountId);
        Assert.Equal("example", record.InitialSubdomain);
        Assert.Equal(1000012, record.AccountId);
        var tenant = record.Resource;
        Assert.Equal("d4cf0ea9-8f44-41c7-80da-1766174a4b12", tenant.ApsId);
        Assert.Equal("c31ae77d-27e2-402b-9ae8-41acb08e881e", tenant.SubscriptionId);
        Assert.Equal("aps:provisioning", tenant.Status);
        Assert.Equal("activating", tenant.IsActivated);
        Assert.Equal(1070, tenant.Revision);
        Assert.Equal(new DateTimeOffset(2020, 6, 23, 3, 39, 43, TimeSpan.Zero), tenant.Modified);
        var contact = tenant.CloudAgreementContact!;
        Assert.Equal(("johnsmith@example.com", "John", "Smith", "+1234567"), (contact.Email, contact.FirstName, contact.LastName, contact.Phone));
        Assert.Equal("2020-02-19", contact.DateAgreed);
    }

    [Fact]
    public void Read_leaves_AccountId_empty_for_an_unselected_link_stub()
    {
        var item = JsonNode.Parse("""{"aps":{"id":"t1"},"ms_account_id":"m1","account":{"aps":{"link":"strong","href":"/aps/2/resources/x","id":"x"}}}""")!.AsObject();
        var record = TenantJson.Read(item)!;

        Assert.Null(record.AccountId);
        Assert.Null(record.InitialSubdomain);
        Assert.Null(record.Resource.CloudAgreementContact);
    }

    [Fact]
    public void Read_skips_items_without_ids()
    {
        Assert.Null(TenantJson.Read(JsonNode.Parse("""{"aps":{"id":"t1"}}""")!.AsObject()));
        Assert.Null(TenantJson.Read(JsonNode.Parse("""{"ms_account_id":"m1"}""")!.AsObject()));
    }

    [Fact]
    public void ContactBody_is_exactly_the_seed_001_body()
    {
        var contact = McaContact.Create("John", "Smith", "johnsmith@example.com", "+1234567", new DateTime(2020, 3, 10), DateTimeOffset.Now, TimeZoneInfo.Local, "example");

        Assert.Equal(
            """{"cloud_agreement_contact":{"email":"johnsmith@example.com","first_name":"John","last_name":"Smith","phone":"\u002B1234567","date_agreed":"2020-03-10"}}""",
            TenantJson.ContactBody(contact).ToJsonString());
    }
}
