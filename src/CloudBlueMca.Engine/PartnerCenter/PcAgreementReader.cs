using System;
using System.Globalization;
using System.Text.Json.Nodes;

namespace CloudBlueMca.Engine.PartnerCenter
{
    /// <summary>Reads one Agreement of <c>GET /v1/customers/{id}/agreements</c> (reference §5.3, §5.5).</summary>
    internal static class PcAgreementReader
    {
        public static PcCustomerAgreement Read(Guid customerId, JsonObject item)
        {
            var contact = item["primaryContact"] as JsonObject;
            return new PcCustomerAgreement
            {
                CustomerId = customerId,
                AgreementType = PcJson.Text(item["type"]) ?? PcJson.Text(item["agreementType"]) ?? string.Empty,
                TemplateId = PcJson.Text(item["templateId"]),
                DateAgreed = CalendarDate(PcJson.Text(item["dateAgreed"])),
                FirstName = PcJson.Text(contact?["firstName"]),
                LastName = PcJson.Text(contact?["lastName"]),
                Email = PcJson.Text(contact?["email"]),
                PhoneNumber = PcJson.Text(contact?["phoneNumber"]),
                UserId = PcJson.Text(item["userId"]),
                AgreementLink = PcJson.Text(item["agreementLink"]),
            };
        }

        /// <summary>
        /// The UTC calendar date of a <c>dateAgreed</c> value, as <c>yyyy-MM-dd</c>. The service writes it with or
        /// without an offset (<c>2019-08-26T00:00:00</c> in the docs, <c>…Z</c> in the POST
        /// example); a value without one is taken as UTC, as the API documents it. Null when the
        /// text is not an ISO 8601 date: a date is never guessed.
        /// </summary>
        internal static string? CalendarDate(string? text)
        {
            if (string.IsNullOrWhiteSpace(text))
            {
                return null;
            }

            var formats = new[] { "yyyy-MM-dd", "yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF", "yyyy-MM-dd'T'HH:mm:ssK", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK" };
            return DateTimeOffset.TryParseExact(text!.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out var moment)
                ? AgreementDate.FromDateTimeOffset(moment.ToUniversalTime()).ToString()
                : null;
        }
    }
}
