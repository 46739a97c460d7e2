using System;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>
    /// Reads Tenant resources (seeds 000 and 001) and writes the confirming PUT body. Reading is
    /// lenient: a missing or oddly typed member becomes null rather than failing the whole page.
    /// </summary>
    internal static class TenantJson
    {
        /// <summary>Null when the item has no <c>aps.id</c> or no <c>ms_account_id</c>: it cannot be used.</summary>
        public static TenantRecord? Read(JsonObject item)
        {
            var aps = item["aps"] as JsonObject;
            var apsId = Text(aps?["id"]);
            var msAccountId = Text(item["ms_account_id"]);
            if (string.IsNullOrEmpty(apsId) || string.IsNullOrEmpty(msAccountId))
            {
                return null;
            }

            var resource = new TenantResource
            {
                ApsId = apsId!,
                SubscriptionId = Text(aps?["subscription"]),
                Status = Text(aps?["status"]),
                IsActivated = Text(item["is_activated"]),
                Revision = Integer(aps?["revision"]),
                Modified = Timestamp(aps?["modified"]),
                CloudAgreementContact = Contact(item["cloud_agreement_contact"] as JsonObject),
            };
            return new TenantRecord(msAccountId!, Text(item["initial_subdomain"])?.ToLowerInvariant(), AccountId(item["account"] as JsonObject), resource);
        }

        /// <summary>
        /// Exactly the body of seed 001, step 4: only <c>cloud_agreement_contact</c> with its five
        /// members, so the PUT can never overwrite another property of the Tenant.
        /// </summary>
        public static JsonObject ContactBody(McaContact contact) => new JsonObject
        {
            ["cloud_agreement_contact"] = new JsonObject
            {
                ["email"] = contact.Email,
                ["first_name"] = contact.FirstName,
                ["last_name"] = contact.LastName,
                ["phone"] = contact.Phone,
                ["date_agreed"] = contact.DateAgreed.ToString(),
            },
        };

        internal static string? Text(JsonNode? node)
        {
            if (!(node is JsonValue value))
            {
                return null;
            }

            if (value.TryGetValue(out string? text))
            {
                return text;
            }

            if (value.TryGetValue(out JsonElement element))
            {
                return element.ValueKind == JsonValueKind.Null ? null : element.ToString();
            }

            return value.ToJsonString().Trim('"');
        }

        internal static long? Integer(JsonNode? node) =>
            long.TryParse(Text(node), NumberStyles.Integer, CultureInfo.InvariantCulture, out var number) ? number : (long?)null;

        internal static bool? Boolean(JsonNode? node) =>
            bool.TryParse(Text(node), out var flag) ? flag : (bool?)null;

        private static DateTimeOffset? Timestamp(JsonNode? node) =>
            DateTimeOffset.TryParse(Text(node), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var time) ? time : (DateTimeOffset?)null;

        private static CloudAgreementContact? Contact(JsonObject? contact)
        {
            if (contact == null)
            {
                return null;
            }

            var recorded = new CloudAgreementContact
            {
                Email = Text(contact["email"]),
                FirstName = Text(contact["first_name"]),
                LastName = Text(contact["last_name"]),
                Phone = Text(contact["phone"]),
                DateAgreed = Date(contact["date_agreed"]),
            };
            var empty = string.IsNullOrEmpty(recorded.Email) && string.IsNullOrEmpty(recorded.FirstName)
                && string.IsNullOrEmpty(recorded.LastName) && string.IsNullOrEmpty(recorded.Phone) && recorded.DateAgreed == null;
            return empty ? null : recorded;
        }

        private static string? Date(JsonNode? node) =>
            AgreementDate.TryParse(Text(node), out var date) ? date.ToString() : null;

        // Without select(account) the link is a stub carrying only the APS id; with it, the
        // account resource itself, whose 'id' is the customer's system id.
        private static int? AccountId(JsonObject? account)
        {
            var id = Text(account?["id"]);
            return int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var systemId) ? systemId : (int?)null;
        }
    }
}
