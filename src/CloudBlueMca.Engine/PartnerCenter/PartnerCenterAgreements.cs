using System;
using System.Collections.Generic;
using System.Linq;
using System.Text.Json.Nodes;
using System.Threading.Tasks;
using CloudBlueMca.Engine.Mca;

namespace CloudBlueMca.Engine.PartnerCenter
{
    /// <summary>
    /// The agreement operations behind Get-PcCustomerAgreement, New-PcCustomerAgreement and
    /// Sync-McaAcceptance (reference §5). They exist in the global cloud only and accept app+user
    /// credentials only, so both are checked before anything is sent.
    /// </summary>
    public static class PartnerCenterAgreements
    {
        public const string CustomerAgreement = "MicrosoftCustomerAgreement";
        public const string CloudAgreement = "MicrosoftCloudAgreement";

        /// <summary>
        /// The customer's agreements of the given type, and for the MCA (or all types) one more
        /// record with <see cref="PcCustomerAgreement.SignedDirectly"/> set when the customer
        /// accepted the MCA itself. The type is always sent: without it the service answers with
        /// the retired cloud agreement only (reference §5.3).
        /// Throws AppUserConnectionRequired, AgreementsNotAvailableInCloud, CustomerNotFound,
        /// PartnerCenterAuthorizationFailed or PartnerCenterRequestFailed.
        /// </summary>
        public static async Task<IReadOnlyList<PcCustomerAgreement>> GetAsync(PcConnection connection, Guid customerId, PcAgreementType type, OperationContext context)
        {
            RequireAgreementApis(connection);
            var agreements = await ReadAsync(connection, customerId, type == PcAgreementType.All ? "*" : type.ToString(), context).ConfigureAwait(false);
            if (type != PcAgreementType.MicrosoftCloudAgreement && await connection.Client.GetDirectSignStatusAsync(customerId, context).ConfigureAwait(false))
            {
                agreements.Add(new PcCustomerAgreement { CustomerId = customerId, AgreementType = CustomerAgreement, SignedDirectly = true });
            }

            return agreements;
        }

        /// <summary>The customer's MCA attestations only (no direct-sign status).</summary>
        internal static Task<List<PcCustomerAgreement>> ReadAttestationsAsync(PcConnection connection, Guid customerId, OperationContext context) =>
            ReadAsync(connection, customerId, CustomerAgreement, context);

        /// <summary>
        /// The customer's attestation of <paramref name="contact"/> as Partner Center tells
        /// attestations apart (names, e-mail, phone; one per contact, reference §5.2), whatever
        /// its date; null when there is none.
        /// </summary>
        internal static async Task<PcCustomerAgreement?> FindAttestationAsync(PcConnection connection, Guid customerId, McaContact contact, OperationContext context)
        {
            var attestations = await ReadAttestationsAsync(connection, customerId, context).ConfigureAwait(false);
            return attestations.FirstOrDefault(a => contact.HasSameDetails(a.FirstName, a.LastName, a.Email, a.PhoneNumber));
        }

        private static async Task<List<PcCustomerAgreement>> ReadAsync(PcConnection connection, Guid customerId, string agreementType, OperationContext context)
        {
            var json = await connection.Client.GetCustomerAgreementsAsync(customerId, agreementType, context).ConfigureAwait(false);
            return (json["items"] as JsonArray ?? new JsonArray())
                .OfType<JsonObject>()
                .Select(item => PcAgreementReader.Read(customerId, item))
                .ToList();
        }

        /// <summary>
        /// The MCA template id from <c>GET /v1/agreements?agreementType=MicrosoftCustomerAgreement</c>,
        /// read once per connection (reference §5.1: never hard-code it).
        /// </summary>
        public static Task<string> GetCustomerAgreementTemplateIdAsync(PcConnection connection, OperationContext context)
        {
            RequireAgreementApis(connection);
            return connection.AgreementTemplates.GetAsync(
                async () =>
                {
                    var json = await connection.Client.GetAgreementMetadataAsync(CustomerAgreement, context).ConfigureAwait(false);
                    var templateId = (json["items"] as JsonArray ?? new JsonArray())
                        .OfType<JsonObject>()
                        .Where(item => string.Equals(PcJson.Text(item["agreementType"]) ?? PcJson.Text(item["type"]), CustomerAgreement, StringComparison.OrdinalIgnoreCase))
                        .Select(item => PcJson.Text(item["templateId"]))
                        .FirstOrDefault(id => !string.IsNullOrEmpty(id));
                    return templateId ?? throw new CloudBlueMcaException(
                        ErrorIds.PartnerCenterRequestFailed,
                        ErrorKind.InvalidResult,
                        "Partner Center's agreement metadata names no Microsoft Customer Agreement template, so nothing can be attested. Try again later.");
                },
                context.Cancellation);
        }

        /// <summary>
        /// Records the partner's attestation (<c>POST /v1/customers/{id}/agreements</c>, reference
        /// §5.2), <c>dateAgreed</c> as midnight UTC of the contact's calendar date. Answers true
        /// when it was recorded, false when the service already holds the same contact (600061).
        /// A 600002 answer (date in the future) becomes InvalidContact.
        /// </summary>
        internal static async Task<bool> PostAsync(PcConnection connection, Guid customerId, Mca.McaContact contact, string templateId, OperationContext context)
        {
            var body = new JsonObject
            {
                ["primaryContact"] = new JsonObject
                {
                    ["firstName"] = contact.FirstName,
                    ["lastName"] = contact.LastName,
                    ["email"] = contact.Email,
                },
                ["templateId"] = templateId,
                ["dateAgreed"] = contact.DateAgreed + "T00:00:00Z",
                ["type"] = CustomerAgreement,
            };
            if (contact.Phone.Length > 0)
            {
                ((JsonObject)body["primaryContact"]!)["phoneNumber"] = contact.Phone;
            }

            try
            {
                await connection.Client.PostCustomerAgreementAsync(customerId, body, context).ConfigureAwait(false);
                return true;
            }
            catch (PartnerCenterRequestException error) when (error.ErrorCode == "600061")
            {
                return false;
            }
            catch (PartnerCenterRequestException error) when (error.ErrorCode == "600002")
            {
                throw new CloudBlueMcaException(
                    ErrorIds.InvalidContact,
                    ErrorKind.InvalidArgument,
                    $"Partner Center refused the date {contact.DateAgreed} for customer {customerId:D} as later than its current date: {error.Message} Give the date the customer accepted, no later than today (UTC).",
                    customerId,
                    error);
            }
        }

        /// <summary>
        /// Throws AppUserConnectionRequired for app-only connections and
        /// AgreementsNotAvailableInCloud outside the global cloud (reference §5: every agreement
        /// page says it does not apply to 21Vianet or US Government).
        /// </summary>
        public static void RequireAgreementApis(PcConnection connection)
        {
            if (connection.IsAppOnly)
            {
                throw new CloudBlueMcaException(
                    ErrorIds.AppUserConnectionRequired,
                    ErrorKind.PermissionDenied,
                    $"The Partner Center agreement APIs accept app+user tokens only, and this connection is app-only ({connection.AuthenticationKind}). Connect as a user with the Admin agent or Sales agent role: Connect-PcService interactively, with -UseDeviceAuthentication, or unattended with -ApplicationId, -RefreshToken and the application's own credential, -Credential (its secret) or -CertificateThumbprint (secure application model).");
            }

            if (!string.Equals(connection.Environment, PcEnvironment.AzureCloud, StringComparison.OrdinalIgnoreCase))
            {
                throw new CloudBlueMcaException(
                    ErrorIds.AgreementsNotAvailableInCloud,
                    ErrorKind.InvalidOperation,
                    $"Partner Center's agreement APIs exist in the global cloud (AzureCloud) only; this connection is to {connection.Environment}. Record MCA acceptance for these customers as that cloud's Partner Center documents.");
            }
        }
    }
}
