using System;
using System.Linq;
using System.Text.Json.Nodes;

namespace CloudBlueMca.Engine.PartnerCenter
{
    /// <summary>
    /// Reads a Customer resource (reference §4.2) into <see cref="PcCustomer"/>. Member names are
    /// matched without regard to case (the service sends camelCase but documents <c>Tags</c>),
    /// absent members become null, and enum-like strings pass through unchanged so values added
    /// later do not break old clients.
    /// </summary>
    internal static class PcCustomerReader
    {

        /// <param name="customer">A JSON object parsed with case-insensitive member names.</param>
        public static PcCustomer Read(JsonObject customer)
        {
            var idText = PcJson.Text(customer["id"]);
            if (!Guid.TryParse(idText, out var id))
            {
                throw new CloudBlueMcaException(ErrorIds.PartnerCenterRequestFailed, ErrorKind.InvalidResult, $"Partner Center returned a customer without a valid id ('{idText}').");
            }

            var company = ReadCompanyProfile(customer["companyProfile"] as JsonObject);
            return new PcCustomer
            {
                Id = id,
                CompanyName = company?.CompanyName,
                Domain = company?.Domain,
                InitialSubdomain = Mca.InitialSubdomain.OfOnMicrosoftDomain(company?.Domain),
                CommerceId = PcJson.Text(customer["commerceId"]),
                RelationshipToPartner = PcJson.Text(customer["relationshipToPartner"]),
                AllowDelegatedAccess = customer["allowDelegatedAccess"] is JsonValue flag && flag.TryGetValue(out bool allowed) ? allowed : (bool?)null,
                CustomDomains = Strings(customer["customDomains"]),
                Tags = Strings(customer["tags"]),
                CompanyProfile = company,
                BillingProfile = ReadBillingProfile(customer["billingProfile"] as JsonObject),
            };
        }

        private static PcCompanyProfile? ReadCompanyProfile(JsonObject? profile) =>
            profile == null
                ? null
                : new PcCompanyProfile
                {
                    TenantId = PcJson.Text(profile["tenantId"]),
                    Domain = PcJson.Text(profile["domain"]),
                    CompanyName = PcJson.Text(profile["companyName"]),
                    Email = PcJson.Text(profile["email"]),
                    Address = ReadAddress(profile["address"] as JsonObject),
                };

        private static PcBillingProfile? ReadBillingProfile(JsonObject? profile) =>
            profile == null
                ? null
                : new PcBillingProfile
                {
                    Id = PcJson.Text(profile["id"]),
                    FirstName = PcJson.Text(profile["firstName"]),
                    LastName = PcJson.Text(profile["lastName"]),
                    Email = PcJson.Text(profile["email"]),
                    Culture = PcJson.Text(profile["culture"]),
                    Language = PcJson.Text(profile["language"]),
                    CompanyName = PcJson.Text(profile["companyName"]),
                    DefaultAddress = ReadAddress(profile["defaultAddress"] as JsonObject),
                };

        private static PcAddress? ReadAddress(JsonObject? address) =>
            address == null
                ? null
                : new PcAddress
                {
                    Id = PcJson.Text(address["id"]),
                    FirstName = PcJson.Text(address["firstName"]),
                    MiddleName = PcJson.Text(address["middleName"]),
                    LastName = PcJson.Text(address["lastName"]),
                    AddressLine1 = PcJson.Text(address["addressLine1"]),
                    AddressLine2 = PcJson.Text(address["addressLine2"]),
                    AddressLine3 = PcJson.Text(address["addressLine3"]),
                    City = PcJson.Text(address["city"]),
                    District = PcJson.Text(address["district"]),
                    State = PcJson.Text(address["state"]),
                    Region = PcJson.Text(address["region"]),
                    PostalCode = PcJson.Text(address["postalCode"]),
                    Country = PcJson.Text(address["country"]),
                    PhoneNumber = PcJson.Text(address["phoneNumber"]),
                    EmailAddress = PcJson.Text(address["emailAddress"]),
                };

        private static string[]? Strings(JsonNode? node) =>
            node is JsonArray array ? array.Select(PcJson.Text).Where(s => s != null).Select(s => s!).ToArray() : null;
    }
}
