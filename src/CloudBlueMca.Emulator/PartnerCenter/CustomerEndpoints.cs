using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;

namespace CloudBlueMca.Emulator.PartnerCenter;

/// <summary>
/// <c>GET /v1/customers/{id}</c> and the seek-based list <c>GET /v1/customers?size=N</c>: each
/// page's <c>links.next</c> names the next request and carries an <c>MS-ContinuationToken</c>
/// header to send with it (the paging pattern of Partner Center collections).
/// </summary>
internal sealed class CustomerEndpoints
{
    private const string ContinuationHeader = "MS-ContinuationToken";
    private const int MaxPageSize = 500;

    private readonly PartnerCenterStore _store;

    public CustomerEndpoints(PartnerCenterStore store)
    {
        _store = store;
    }

    public IResult GetById(string id)
    {
        if (!Guid.TryParse(id, out var customerId))
        {
            return ApiFault.Result(400, "900118", $"The customer id '{id}' is not valid: it must be a GUID.");
        }

        // The real status and code for an unknown customer are open (reference §8.4); 404 with
        // code 60003 (tenant not found) is one of the documented candidates.
        var customer = _store.FindCustomer(customerId);
        return customer is null
            ? ApiFault.Result(404, "60003", $"Tenant '{customerId}' not found.")
            : Results.Json(customer);
    }

    public IResult List(HttpRequest request)
    {
        var sizeText = (string?)request.Query["size"];
        var size = _store.Options.DefaultCustomerPageSize;
        if (sizeText is not null && (!int.TryParse(sizeText, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1 || size > MaxPageSize))
        {
            return ApiFault.Result(400, "800002", $"The page size '{sizeText}' is not valid: use 1 to {MaxPageSize}.");
        }

        var offset = 0;
        if (string.Equals(request.Query["seekOperation"], "Next", StringComparison.OrdinalIgnoreCase))
        {
            var token = (string?)request.Headers[ContinuationHeader];
            if (token is null || !TryReadContinuation(token, out offset))
            {
                return ApiFault.Result(400, "800002", "seekOperation=Next needs the MS-ContinuationToken header of the previous page's next link.");
            }
        }

        var page = _store.CustomerRange(offset, size);
        var links = new JsonObject
        {
            ["self"] = Link($"/v1/customers?size={size}", null),
        };
        var nextOffset = offset + page.Count;
        if (page.Count == size && nextOffset < _store.CustomerCount)
        {
            links["next"] = Link($"/v1/customers?size={size}&seekOperation=Next", WriteContinuation(nextOffset));
        }

        var items = new JsonArray(page.Select(ListItem).ToArray<JsonNode?>());
        return Results.Json(new JsonObject
        {
            ["totalCount"] = page.Count,
            ["items"] = items,
            ["links"] = links,
            ["attributes"] = new JsonObject { ["objectType"] = "Collection" },
        });
    }

    // Lists carry less than get-by-id: no billing profile, custom domains or allowDelegatedAccess
    // (reference §4.3, from the get-a-list-of-customers example).
    private static JsonNode ListItem(JsonObject customer)
    {
        var profile = customer["companyProfile"] as JsonObject;
        return new JsonObject
        {
            ["id"] = customer["id"]?.DeepClone(),
            ["companyProfile"] = new JsonObject
            {
                ["tenantId"] = profile?["tenantId"]?.DeepClone(),
                ["domain"] = profile?["domain"]?.DeepClone(),
                ["companyName"] = profile?["companyName"]?.DeepClone(),
                ["attributes"] = new JsonObject { ["objectType"] = "CustomerCompanyProfile" },
            },
            ["relationshipToPartner"] = customer["relationshipToPartner"]?.DeepClone(),
            ["attributes"] = new JsonObject { ["objectType"] = "Customer" },
        };
    }

    private static JsonObject Link(string uri, string? continuation)
    {
        var headers = new JsonArray();
        if (continuation is not null)
        {
            headers.Add(new JsonObject { ["key"] = ContinuationHeader, ["value"] = continuation });
        }

        return new JsonObject { ["uri"] = uri, ["method"] = "GET", ["headers"] = headers };
    }

    private static string WriteContinuation(int offset) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes("customers:" + offset.ToString(CultureInfo.InvariantCulture)));

    private static bool TryReadContinuation(string token, out int offset)
    {
        offset = 0;
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(token));
            return text.StartsWith("customers:", StringComparison.Ordinal)
                && int.TryParse(text["customers:".Length..], NumberStyles.None, CultureInfo.InvariantCulture, out offset);
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
