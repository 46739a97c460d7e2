using System.Text.Json.Nodes;

namespace CloudBlueMca.Emulator.PartnerCenter;

/// <summary>
/// The agreement metadata <c>GET /v1/agreements</c> serves: the documented example values of
/// both agreement types (reference §5.1).
/// </summary>
internal static class AgreementTemplates
{
    public const string CustomerAgreement = "MicrosoftCustomerAgreement";
    public const string CloudAgreement = "MicrosoftCloudAgreement";

    /// <summary>Sent as agreementType to ask for every type (reference §5.1).</summary>
    public const string AnyType = "*";

    public const string CustomerAgreementTemplateId = "117a77b0-9360-443b-8795-c6dedc750cf9";
    public const string CloudAgreementTemplateId = "998b88de-aa99-4388-a42c-1b3517d49490";

    public static readonly IReadOnlyList<(string Type, string TemplateId, string Link)> All = new[]
    {
        (CloudAgreement, CloudAgreementTemplateId, "https://aka.ms/microsoftcloudagreement"),
        (CustomerAgreement, CustomerAgreementTemplateId, "https://aka.ms/customeragreement"),
    };

    /// <summary>
    /// The agreement types a query asks for: the parameter's value, <see cref="AnyType"/> for all,
    /// and the retired cloud agreement when the parameter is missing, as the service does for
    /// backward compatibility (reference §5.1, §5.3). Null for an unknown type.
    /// </summary>
    public static IReadOnlyList<string>? Requested(string? agreementType)
    {
        if (string.IsNullOrEmpty(agreementType))
        {
            return new[] { CloudAgreement };
        }

        if (agreementType == AnyType)
        {
            return All.Select(t => t.Type).ToList();
        }

        var known = All.FirstOrDefault(t => string.Equals(t.Type, agreementType, StringComparison.OrdinalIgnoreCase));
        return known.Type is null ? null : new[] { known.Type };
    }

    public static string? LinkOf(string type) => All.FirstOrDefault(t => t.Type == type).Link;

    public static string? TypeOfTemplate(string? templateId) =>
        All.FirstOrDefault(t => string.Equals(t.TemplateId, templateId, StringComparison.OrdinalIgnoreCase)).Type;

    /// <summary>An Agreement as the confirmations list returns it (reference §5.3), with the partner user who attested.</summary>
    public static JsonObject Record(string type, string? firstName, string? lastName, string? email, string? phoneNumber, string dateAgreed, string userId) => new()
    {
        ["primaryContact"] = new JsonObject
        {
            ["firstName"] = firstName,
            ["lastName"] = lastName,
            ["email"] = email,
            ["phoneNumber"] = phoneNumber,
        },
        ["templateId"] = All.First(t => t.Type == type).TemplateId,
        ["dateAgreed"] = dateAgreed,
        ["type"] = type,
        ["agreementLink"] = LinkOf(type),
        ["userId"] = userId,
    };

    public static JsonObject Metadata((string Type, string TemplateId, string Link) template) => new()
    {
        ["templateId"] = template.TemplateId,
        ["agreementType"] = template.Type,
        ["agreementLink"] = template.Link,
        ["versionRank"] = 0,
    };
}
