using System;
using System.Collections.Generic;
using System.Linq;
using CloudBlueMca.Engine.Mca;

namespace CloudBlueMca.Engine.Sync
{
    /// <summary>
    /// What Sync-McaAcceptance does for one Microsoft account, from what each side holds. Two
    /// records agree when they name the same person (first name, last name and e-mail,
    /// case-insensitive) with the same acceptance date; phone numbers may differ. The date is
    /// the evidence, so the same person with another date is a Conflict, never InSync, and
    /// nothing is written to make the sides equal. When Partner Center holds several
    /// attestations, CloudBlue is in sync with any one that agrees; when CloudBlue has none,
    /// Partner Center's attestation is copied only if all of them agree with each other
    /// (otherwise which one is true is for a person to decide: Conflict).
    /// </summary>
    internal sealed class SyncDecision
    {
        private SyncDecision(McaSyncResult result, CloudBlueWritePlan? cloudBlueWrite, McaContact? partnerCenterContact)
        {
            Result = result;
            CloudBlueWrite = cloudBlueWrite;
            PartnerCenterContact = partnerCenterContact;
        }

        public McaSyncResult Result { get; }

        public CloudBlueWritePlan? CloudBlueWrite { get; }

        /// <summary>The contact to attest in Partner Center; the template id is added by the caller.</summary>
        public McaContact? PartnerCenterContact { get; }

        public static SyncDecision Decide(McaAcceptanceStatus status, IReadOnlyList<TenantResource> tenants, PartnerCenterSide partnerCenter, McaSyncDirection direction, DateTimeOffset now, TimeZoneInfo localZone)
        {
            var cloudBlue = tenants.Select(t => t.CloudAgreementContact).FirstOrDefault(c => c != null);
            var attestation = partnerCenter.Attestations.OrderByDescending(a => a.DateAgreed ?? string.Empty, StringComparer.Ordinal).FirstOrDefault();
            var result = new McaSyncResult
            {
                AccountId = status.AccountId,
                InitialSubdomain = status.InitialSubdomain,
                MsAccountId = status.MsAccountId,
                MsTenantId = status.MsTenantId,
                CloudBlueState = cloudBlue != null ? CloudBlueMcaState.Recorded : CloudBlueMcaState.Required,
                PartnerCenterState = partnerCenter.UnavailableReason != null
                    ? PartnerCenterMcaState.Unavailable
                    : attestation != null ? PartnerCenterMcaState.Attested : partnerCenter.SignedDirectly ? PartnerCenterMcaState.SignedDirectly : PartnerCenterMcaState.Missing,
                CloudBlueContact = cloudBlue,
                PartnerCenterContact = attestation,
            };
            if (cloudBlue != null)
            {
                Show(result, cloudBlue.FirstName, cloudBlue.LastName, cloudBlue.Email, cloudBlue.Phone, cloudBlue.DateAgreed);
            }

            if (partnerCenter.UnavailableReason != null)
            {
                return Settled(result, McaSyncAction.Unavailable, partnerCenter.UnavailableReason);
            }

            if (cloudBlue != null && attestation != null)
            {
                var samePerson = partnerCenter.Attestations.Where(a => SamePerson(cloudBlue, a)).ToList();
                var agreeing = samePerson.FirstOrDefault(a => SameDate(cloudBlue.DateAgreed, a.DateAgreed));
                if (agreeing != null)
                {
                    result.PartnerCenterContact = agreeing;
                    return Settled(result, McaSyncAction.InSync, null);
                }

                return samePerson.Count > 0
                    ? Conflict(result, $"CloudBlue and Partner Center both name {cloudBlue.FirstName} {cloudBlue.LastName} <{cloudBlue.Email}>, but CloudBlue records the acceptance on {cloudBlue.DateAgreed ?? "(no date)"} and Partner Center on {string.Join(" and ", samePerson.Select(a => a.DateAgreed ?? "(no date)"))}. Nothing was written: find out when they accepted, then correct the wrong side (Confirm-McaAcceptance -DateAgreed ... -Force, or in Partner Center).")
                    : Conflict(result, $"CloudBlue holds {cloudBlue.FirstName} {cloudBlue.LastName} <{cloudBlue.Email}>; Partner Center holds {attestation.FirstName} {attestation.LastName} <{attestation.Email}>. Nothing was written: find out who accepted, then correct the wrong side (Confirm-McaAcceptance -Force, or New-PcCustomerAgreement).");
            }

            if (attestation != null)
            {
                var differing = partnerCenter.Attestations.Where(a => !ReferenceEquals(a, attestation) && (!SamePerson(a, attestation) || !SameDate(a.DateAgreed, attestation.DateAgreed))).ToList();
                if (differing.Count > 0)
                {
                    return Conflict(result, $"Partner Center holds attestations that do not agree: {string.Join("; ", partnerCenter.Attestations.Select(a => $"{a.FirstName} {a.LastName} <{a.Email}> agreed {a.DateAgreed ?? "(no date)"}"))}. Nothing was written: find out who accepted and when, then record that in CloudBlue with Confirm-McaAcceptance.");
                }

                return FromPartnerCenter(result, attestation, tenants, direction, now, localZone);
            }

            if (cloudBlue != null)
            {
                return ToPartnerCenter(result, cloudBlue, direction, now, localZone);
            }

            return Settled(
                result,
                McaSyncAction.NeedsContact,
                partnerCenter.SignedDirectly
                    ? "The customer accepted the MCA itself in the Microsoft 365 admin center, so Partner Center knows of no contact. Ask who accepted and record them with Confirm-McaAcceptance."
                    : "Neither CloudBlue nor Partner Center holds a contact. Ask the customer to accept the MCA, then record who did with Confirm-McaAcceptance or New-PcCustomerAgreement.");
        }

        private static SyncDecision FromPartnerCenter(McaSyncResult result, PcCustomerAgreement attestation, IReadOnlyList<TenantResource> tenants, McaSyncDirection direction, DateTimeOffset now, TimeZoneInfo localZone)
        {
            Show(result, attestation.FirstName, attestation.LastName, attestation.Email, attestation.PhoneNumber, attestation.DateAgreed);
            if (direction == McaSyncDirection.ToPartnerCenter)
            {
                return Settled(result, McaSyncAction.Skipped, "Partner Center holds an attestation that CloudBlue lacks; -Direction ToPartnerCenter does not write CloudBlue. Run with -Direction ToCloudBlue or Both to record it.");
            }

            if (attestation.DateAgreed == null || tenants.Count == 0)
            {
                return Settled(result, McaSyncAction.NeedsContact, attestation.DateAgreed == null
                    ? "Partner Center's attestation has no readable date, and a date is never guessed. Record the acceptance with Confirm-McaAcceptance."
                    : "No Tenant resource of this Microsoft account was found to record the contact on.");
            }

            McaContact contact;
            try
            {
                contact = McaContact.Create(attestation.FirstName, attestation.LastName, attestation.Email, attestation.PhoneNumber, attestation.DateAgreed, now, localZone, result.InitialSubdomain);
            }
            catch (CloudBlueMcaException error)
            {
                // CloudBlue needs what Partner Center may lack (a phone number).
                return Settled(result, McaSyncAction.NeedsContact, "Partner Center's attestation cannot be recorded in CloudBlue as it is: " + error.Message);
            }

            var target = ConfirmationDecision.Decide(contact, tenants, null, force: false, result.InitialSubdomain).Target!;
            result.Action = McaSyncAction.ConfirmedInCloudBlue;
            return new SyncDecision(result, new CloudBlueWritePlan(target, contact), null);
        }

        private static SyncDecision ToPartnerCenter(McaSyncResult result, CloudAgreementContact cloudBlue, McaSyncDirection direction, DateTimeOffset now, TimeZoneInfo localZone)
        {
            if (direction == McaSyncDirection.ToCloudBlue)
            {
                return Settled(result, McaSyncAction.Skipped, "CloudBlue holds a contact that Partner Center lacks; -Direction ToCloudBlue does not write Partner Center. Run with -Direction ToPartnerCenter or Both to attest it.");
            }

            if (cloudBlue.DateAgreed == null)
            {
                return Settled(result, McaSyncAction.NeedsContact, "CloudBlue's contact has no readable date_agreed, and a date is never guessed. Attest the acceptance with New-PcCustomerAgreement -DateAgreed.");
            }

            McaContact contact;
            try
            {
                contact = McaContact.Create(cloudBlue.FirstName, cloudBlue.LastName, cloudBlue.Email, cloudBlue.Phone, cloudBlue.DateAgreed, now, localZone, result.InitialSubdomain, phoneRequired: false);
            }
            catch (CloudBlueMcaException error)
            {
                return Settled(result, McaSyncAction.NeedsContact, "CloudBlue's contact cannot be attested in Partner Center as it is: " + error.Message);
            }

            result.Action = McaSyncAction.AttestedInPartnerCenter;
            return new SyncDecision(result, null, contact);
        }

        /// <summary>
        /// Settles a row whose attestation Partner Center refused as a duplicate (600061), from
        /// the attestation it holds for that contact: InSync when it agrees with CloudBlue's
        /// (same person, same date), else Conflict, as the first read would have decided.
        /// </summary>
        public static void AfterDuplicateAttestation(McaSyncResult result, PcCustomerAgreement? onRecord)
        {
            var cloudBlue = result.CloudBlueContact!;
            result.PartnerCenterState = PartnerCenterMcaState.Attested;
            result.PartnerCenterContact = onRecord;
            if (onRecord != null && SamePerson(cloudBlue, onRecord) && SameDate(cloudBlue.DateAgreed, onRecord.DateAgreed))
            {
                Settled(result, McaSyncAction.InSync, "Partner Center already held this contact when it was sent (600061); nothing was added.");
                return;
            }

            Conflict(result, $"Partner Center refused the attestation of {cloudBlue.FirstName} {cloudBlue.LastName} <{cloudBlue.Email}> as already held (600061), but {(onRecord == null ? "lists no such attestation" : $"holds it agreed {onRecord.DateAgreed ?? "(no date)"}")}, while CloudBlue records {cloudBlue.DateAgreed ?? "(no date)"}. Nothing was added: find out when they accepted, then correct the wrong side.");
        }

        // A conflict shows no contact of its own: which one is true is for a person to decide.
        private static SyncDecision Conflict(McaSyncResult result, string reason)
        {
            result.FirstName = result.LastName = result.Email = result.PhoneNumber = null;
            result.DateAgreed = null;
            return Settled(result, McaSyncAction.Conflict, reason);
        }

        private static bool SamePerson(CloudAgreementContact cloudBlue, PcCustomerAgreement attestation) =>
            Same(cloudBlue.FirstName, attestation.FirstName) && Same(cloudBlue.LastName, attestation.LastName) && Same(cloudBlue.Email, attestation.Email);

        private static bool SamePerson(PcCustomerAgreement one, PcCustomerAgreement other) =>
            Same(one.FirstName, other.FirstName) && Same(one.LastName, other.LastName) && Same(one.Email, other.Email);

        // A date that cannot be read agrees with nothing: it is never guessed.
        private static bool SameDate(string? one, string? other) =>
            AgreementDate.TryParse(one, out var first) && AgreementDate.TryParse(other, out var second) && first == second;

        private static bool Same(string? a, string? b) => string.Equals((a ?? string.Empty).Trim(), (b ?? string.Empty).Trim(), StringComparison.OrdinalIgnoreCase);

        private static void Show(McaSyncResult result, string? firstName, string? lastName, string? email, string? phone, string? dateAgreed)
        {
            result.FirstName = firstName;
            result.LastName = lastName;
            result.Email = email;
            result.PhoneNumber = phone;
            result.DateAgreed = dateAgreed;
        }

        private static SyncDecision Settled(McaSyncResult result, McaSyncAction action, string? reason)
        {
            result.Action = action;
            result.Reason = reason;
            return new SyncDecision(result, null, null);
        }
    }
}
