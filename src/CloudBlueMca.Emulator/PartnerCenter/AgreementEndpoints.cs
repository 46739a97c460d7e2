using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudBlueMca.Emulator.PartnerCenter;

/// <summary>
/// The agreement APIs of reference §5: metadata, a customer's confirmations per type, the
/// direct-sign status, and the partner's attestation (POST, 201). All of them are app+user only
/// (§2.1); the route filter refuses app-only tokens before these run.
/// </summary>
internal sealed class AgreementEndpoints
{
    private readonly PartnerCenterStore _store;

    public AgreementEndpoints(PartnerCenterStore store)
    {
        _store = store;
    }

    public static IResult Metadata(HttpRequest request)
    {
        var types = AgreementTemplates.Requested(request.Query["agreementType"]);
        if (types is null)
        {
            return UnknownType(request.Query["agreementType"]);
        }

        var items = AgreementTemplates.All.Where(t => types.Contains(t.Type)).Select(t => (JsonNode?)AgreementTemplates.Metadata(t)).ToArray();
        return Collection(items);
    }

    public IResult List(string id, HttpRequest request)
    {
        if (FindCustomer(id, out var customerId) is IResult missing)
        {
            return missing;
        }

        var types = AgreementTemplates.Requested(request.Query["agreementType"]);
        if (types is null)
        {
            return UnknownType(request.Query["agreementType"]);
        }

        var items = _store.AgreementsOf(customerId)
            .Where(a => types.Contains((string?)a["type"] ?? string.Empty))
            .Select(a => (JsonNode?)a)
            .ToArray();
        return Collection(items);
    }

    public IResult DirectSignStatus(string id) =>
        FindCustomer(id, out var customerId) as IResult
            ?? Results.Json(new JsonObject { ["isSigned"] = _store.IsSignedDirectly(customerId) });

    public async Task<IResult> CreateAsync(string id, HttpContext http, string userObjectId)
    {
        if (FindCustomer(id, out var customerId) is IResult missing)
        {
            return missing;
        }

        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(http.Request.Body, new JsonNodeOptions { PropertyNameCaseInsensitive = true }, cancellationToken: http.RequestAborted) as JsonObject;
        }
        catch (JsonException e)
        {
            return ApiFault.Result(400, "800002", "The body is not valid JSON: " + e.Message);
        }

        if (body is null)
        {
            return ApiFault.Result(400, "800002", "The body must be an Agreement object.");
        }

        var contact = body["primaryContact"] as JsonObject;
        var firstName = Text(contact?["firstName"]);
        var lastName = Text(contact?["lastName"]);
        var email = Text(contact?["email"]);
        var phone = Text(contact?["phoneNumber"]);
        var templateId = Text(body["templateId"]);
        var type = Text(body["type"]);
        var dateText = Text(body["dateAgreed"]);
        var missingFields = new[] { ("primaryContact.firstName", firstName), ("primaryContact.lastName", lastName), ("primaryContact.email", email), ("templateId", templateId), ("dateAgreed", dateText), ("type", type) }
            .Where(f => string.IsNullOrWhiteSpace(f.Item2))
            .Select(f => f.Item1)
            .ToList();
        if (missingFields.Count > 0)
        {
            return ApiFault.Result(400, "800002", "Required fields are missing: " + string.Join(", ", missingFields) + ".");
        }

        var templateType = AgreementTemplates.TypeOfTemplate(templateId);
        if (templateType is null)
        {
            return ApiFault.Result(400, "800002", $"Template id '{templateId}' is not a known agreement template. Read it from GET /v1/agreements.");
        }

        if (templateType == AgreementTemplates.CloudAgreement)
        {
            return ApiFault.Result(400, "800002", $"Microsoft Cloud Agreement Template ID '{templateId}' is no longer supported.");
        }

        if (!string.Equals(type, templateType, StringComparison.OrdinalIgnoreCase))
        {
            return ApiFault.Result(400, "800002", $"The type '{type}' does not match the template's type '{templateType}'.");
        }

        if (!DateTimeOffset.TryParse(dateText, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var dateAgreed))
        {
            return ApiFault.Result(400, "800002", $"dateAgreed '{dateText}' is not a date.");
        }

        // The HTTP status of 600002 is not documented (reference §6.3); 400 fits a validation error.
        if (dateAgreed.UtcDateTime.Date > DateTime.UtcNow.Date)
        {
            return ApiFault.Commerce(400, 600002, "DateAgreedInFuture", "Date of agreement cannot be greater than the current date.");
        }

        var agreement = AgreementTemplates.Record(templateType, firstName, lastName, email, phone, dateAgreed.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss", CultureInfo.InvariantCulture), userObjectId);

        // The HTTP status of 600061 is not documented either (reference §8.4); 409 is the
        // SDK's AlreadyExists category, and clients must recognise the code whatever the status.
        return _store.TryAddAgreement(customerId, agreement)
            ? Results.Json(agreement, statusCode: StatusCodes.Status201Created)
            : ApiFault.Commerce(409, 600061, "PartnerConfirmedAgreementAlreadyExists", "A partner confirmed agreement already exists with the same primary contact details.");
    }

    private IResult? FindCustomer(string id, out Guid customerId)
    {
        if (!Guid.TryParse(id, out customerId))
        {
            return ApiFault.Result(400, "900118", $"The customer id '{id}' is not valid: it must be a GUID.");
        }

        return _store.FindCustomer(customerId) is null ? ApiFault.Result(404, "60003", $"Tenant '{customerId}' not found.") : null;
    }

    private static IResult UnknownType(string? agreementType) =>
        ApiFault.Result(400, "800002", $"agreementType '{agreementType}' is not supported: use {AgreementTemplates.CustomerAgreement}, {AgreementTemplates.CloudAgreement} or {AgreementTemplates.AnyType}.");

    private static IResult Collection(JsonNode?[] items) => Results.Json(new JsonObject
    {
        ["totalCount"] = items.Length,
        ["items"] = new JsonArray(items),
        ["attributes"] = new JsonObject { ["objectType"] = "Collection" },
    });

    private static string? Text(JsonNode? node) => node is JsonValue value && value.TryGetValue(out string? text) ? text?.Trim() : null;
}
