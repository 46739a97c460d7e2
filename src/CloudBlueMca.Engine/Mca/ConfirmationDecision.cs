using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>What to do for one row once the Tenant resources of its Microsoft account are known.</summary>
    internal sealed class ConfirmationDecision
    {
        private ConfirmationDecision(TenantResource? target, CloudBlueMcaException? error, bool alreadyConfirmed)
        {
            Target = target;
            Error = error;
            AlreadyConfirmed = alreadyConfirmed;
        }

        /// <summary>The Tenant to PUT the contact on, or the one that already holds it.</summary>
        public TenantResource? Target { get; }

        public CloudBlueMcaException? Error { get; }

        /// <summary>The same contact and date are already recorded: nothing is sent.</summary>
        public bool AlreadyConfirmed { get; }

        public bool NeedsPut => Error == null && !AlreadyConfirmed;

        /// <summary>
        /// Acceptance belongs to the Microsoft account, so every Tenant of it counts: the same
        /// contact on any of them means done; a different one is replaced only with -Force. The
        /// contact goes to <paramref name="tenantResourceId"/> when given; else to the Tenant that
        /// holds the contact being replaced (so the account does not end up with two contacts);
        /// else to a Tenant in <c>aps:ready</c>, else the first.
        /// </summary>
        public static ConfirmationDecision Decide(McaContact contact, IReadOnlyList<TenantResource> tenants, string? tenantResourceId, bool force, string rowName)
        {
            TenantResource? requested = null;
            if (!string.IsNullOrWhiteSpace(tenantResourceId))
            {
                requested = tenants.FirstOrDefault(t => string.Equals(t.ApsId, tenantResourceId!.Trim(), StringComparison.OrdinalIgnoreCase));
                if (requested == null)
                {
                    return Failed(new CloudBlueMcaException(
                        ErrorIds.TenantResourceNotFound,
                        ErrorKind.ObjectNotFound,
                        $"Tenant resource '{tenantResourceId}' does not belong to the Microsoft account of '{rowName}', so nothing was sent. Its Tenant resources are: {string.Join(", ", tenants.Select(t => t.ApsId))}.",
                        rowName));
                }
            }

            var holder = tenants.FirstOrDefault(t => contact.IsRecordedAs(t.CloudAgreementContact));
            if (holder != null)
            {
                return new ConfirmationDecision(holder, null, alreadyConfirmed: true);
            }

            var recorded = tenants.FirstOrDefault(t => t.CloudAgreementContact != null);
            if (recorded != null && !force)
            {
                return Failed(new CloudBlueMcaException(
                    ErrorIds.ContactAlreadyRecorded,
                    ErrorKind.ResourceExists,
                    $"The Microsoft account of '{rowName}' already has an acceptance contact on Tenant resource '{recorded.ApsId}': {recorded.CloudAgreementContact}. Nothing was sent. {ReplaceAdvice(contact)}",
                    rowName));
            }

            var target = requested
                ?? recorded
                ?? tenants.FirstOrDefault(t => string.Equals(t.Status, "aps:ready", StringComparison.OrdinalIgnoreCase))
                ?? tenants[0];
            return new ConfirmationDecision(target, null, alreadyConfirmed: false);
        }

        // Without a given date, -Force would record today's: say so, so nobody replaces a true
        // acceptance date by accident.
        private static string ReplaceAdvice(McaContact contact) =>
            contact.GivenDate == null
                ? $"To replace it with {contact.FirstName} {contact.LastName} <{contact.Email}>, give the date they accepted as -DateAgreed (a DateAgreed column) and run again with -Force; without a date, today's ({contact.DateAgreed}) would be recorded."
                : $"To replace it with {contact.FirstName} {contact.LastName} <{contact.Email}> agreed {contact.DateAgreed}, run again with -Force.";

        private static ConfirmationDecision Failed(CloudBlueMcaException error) => new ConfirmationDecision(null, error, alreadyConfirmed: false);
    }
}
