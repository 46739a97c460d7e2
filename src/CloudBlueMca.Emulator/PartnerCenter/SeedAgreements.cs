using System.Text.Json.Nodes;
using CloudBlueMca.Emulator.Aps;

namespace CloudBlueMca.Emulator.PartnerCenter;

/// <summary>
/// The Partner Center half of the seed customers' MCA records, chosen with their CloudBlue half
/// (<see cref="ApsSeedData"/>) so that Sync-McaAcceptance meets every outcome:
/// example has an attestation CloudBlue lacks (ConfirmedInCloudBlue); contoso has none while
/// CloudBlue holds a contact (AttestedInPartnerCenter); fabrikam has the person CloudBlue holds
/// (InSync); northwind has another person (Conflict); tailspin has nothing (NeedsContact);
/// wingtip signed directly and nobody is on record (NeedsContact, SignedDirectly).
/// Seed 002's customer has a legacy cloud agreement only, to show the type filter.
/// </summary>
internal static class SeedAgreements
{
    private const string PartnerUserId = PartnerCenterStore.DemoUserObjectId;

    public static IEnumerable<Guid> SignedDirectly => new[] { Guid.Parse(ApsSeedData.Wingtip.MsTenantId) };

    public static IEnumerable<(Guid CustomerId, JsonObject Agreement)> Attestations()
    {
        yield return (Guid.Parse(ApsSeedData.Example.MsTenantId), Mca("John", "Smith", "john@example.com", "+1234567", "2024-03-15T00:00:00"));
        yield return (Guid.Parse(ApsSeedData.Fabrikam.MsTenantId), Mca("Jane", "Doe", "jane.doe@fabrikam.com", "+1 425 555 0113", "2024-05-02T00:00:00"));
        yield return (Guid.Parse(ApsSeedData.Northwind.MsTenantId), Mca("Megan", "Bowen", "megan.bowen@northwind.com", "+1 425 555 0199", "2024-06-12T00:00:00"));

        // The examples of the get-confirmation page show cloud agreement records like this one.
        yield return (Guid.Parse("aaaabbbb-0000-cccc-1111-dddd2222eeee"), AgreementTemplates.Record(AgreementTemplates.CloudAgreement, "Jane", "Roe", "jane.roe@contoso.onmicrosoft.com", "+1 555 0100", "2019-08-26T00:00:00", PartnerUserId));
    }

    private static JsonObject Mca(string firstName, string lastName, string email, string phone, string dateAgreed) =>
        AgreementTemplates.Record(AgreementTemplates.CustomerAgreement, firstName, lastName, email, phone, dateAgreed, PartnerUserId);
}
