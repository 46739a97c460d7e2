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
        private const string OnMicrosoftSuffix = ".onmicrosoft.com";

        /// <param name="customer">A JSON object parsed with case-insensitive member names.</param>
        public static PcCustomer Read(JsonObject customer)
        {
            var idText = Text(customer["id"]);
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
                InitialSubdomain = InitialSubdomainOf(company?.Domain),
                CommerceId = Text(customer["commerceId"]),
                RelationshipToPartner = Text(customer["relationshipToPartner"]),
                AllowDelegatedAccess = customer["allowDelegatedAccess"] is JsonValue flag && flag.TryGetValue(out bool allowed) ? allowed : (bool?)null,
                CustomDomains = Strings(customer["customDomains"]),
                Tags = Strings(customer["tags"]),
                CompanyProfile = company,
                BillingProfile = ReadBillingProfile(customer["billingProfile"] as JsonObject),
            };
        }

        /// <summary><c>example.onmicrosoft.com</c> → <c>example</c>; null for any other domain.</summary>
        internal static string? InitialSubdomainOf(string? domain)
        {
            if (domain == null || !domain.EndsWith(OnMicrosoftSuffix, StringComparison.OrdinalIgnoreCase))
            {
                return null;
            }

            var label = domain.Substring(0, domain.Length - OnMicrosoftSuffix.Length);
            return label.Length == 0 || label.IndexOf('.') >= 0 ? null : label.ToLowerInvariant();
        }

        private static PcCompanyProfile? ReadCompanyProfile(JsonObject? profile) =>
            profile == null
                ? null
                : new PcCompanyProfile
                {
                    TenantId = Text(profile["tenantId"]),
                    Domain = Text(profile["domain"]),
                    CompanyName = Text(profile["companyName"]),
                    Email = Text(profile["email"]),
                    Address = ReadAddress(profile["address"] as JsonObject),
                };

        private static PcBillingProfile? ReadBillingProfile(JsonObject? profile) =>
            profile == null
                ? null
                : new PcBillingProfile
                {
                    Id = Text(profile["id"]),
                    FirstName = Text(profile["firstName"]),
                    LastName = Text(profile["lastName"]),
                    Email = Text(profile["email"]),
                    Culture = Text(profile["culture"]),
                    Language = Text(profile["language"]),
                    CompanyName = Text(profile["companyName"]),
                    DefaultAddress = ReadAddress(profile["defaultAddress"] as JsonObject),
                };

        private static PcAddress? ReadAddress(JsonObject? address) =>
            address == null
                ? null
                : new PcAddress
                {
                    Id = Text(address["id"]),
                    FirstName = Text(address["firstName"]),
                    MiddleName = Text(address["middleName"]),
                    LastName = Text(address["lastName"]),
                    AddressLine1 = Text(address["addressLine1"]),
                    AddressLine2 = Text(address["addressLine2"]),
                    AddressLine3 = Text(address["addressLine3"]),
                    City = Text(address["city"]),
                    District = Text(address["district"]),
                    State = Text(address["state"]),
                    Region = Text(address["region"]),
                    PostalCode = Text(address["postalCode"]),
                    Country = Text(address["country"]),
                    PhoneNumber = Text(address["phoneNumber"]),
                    EmailAddress = Text(address["emailAddress"]),
                };

        private static string? Text(JsonNode? node) =>
            node is JsonValue value ? (value.TryGetValue(out string? text) ? text : value.ToJsonString()) : null;

        private static string[]? Strings(JsonNode? node) =>
            node is JsonArray array ? array.Select(Text).Where(s => s != null).Select(s => s!).ToArray() : null;
    }
}
