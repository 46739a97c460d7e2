using System;
using CloudBlueMca.Engine.Bulk;
using CloudBlueMca.Engine.Mca;

namespace CloudBlueMca.Engine.Sync
{
    /// <summary>
    /// One Microsoft account of Sync-McaAcceptance in a <see cref="BulkRun{TRow}"/> (as
    /// checkAccount named it), or one customer account whose check failed. It settles with its
    /// <see cref="McaSyncResult"/>, an error whose target is the customer account id (the row's
    /// input), or nothing when its write was declined (-WhatIf, or No at the prompt).
    /// </summary>
    public sealed class SyncRow : BulkRow
    {
        /// <param name="status">One Microsoft account of the customer account, from checkAccount.</param>
        public SyncRow(McaAcceptanceStatus status)
        {
            AccountId = status.AccountId;
            Status = status;
        }

        private SyncRow(int accountId, CloudBlueMcaException error)
        {
            AccountId = accountId;
            Fail(error);
        }

        /// <summary>The CloudBlue customer account id (the cmdlet's input).</summary>
        public int AccountId { get; }

        /// <summary>The Microsoft account as checkAccount reported it; null for a failed check.</summary>
        public McaAcceptanceStatus? Status { get; }

        /// <summary>The Microsoft account's initial subdomain, else the customer account id.</summary>
        public override string Name => string.IsNullOrEmpty(Status?.InitialSubdomain) ? AccountId.ToString(System.Globalization.CultureInfo.InvariantCulture) : Status!.InitialSubdomain;

        /// <summary>The customer account id (an <see cref="int"/>), so failed rows' targets are a list to retry.</summary>
        public override object Target => AccountId;

        /// <summary>The row's result once settled; null for an error or a declined write.</summary>
        public McaSyncResult? Result => Output.Count == 1 ? (McaSyncResult)Output[0] : null;

        /// <summary>The result the planned write will give once it is sent.</summary>
        internal McaSyncResult? PlannedResult { get; private set; }

        internal CloudBlueWritePlan? CloudBlueWrite { get; private set; }

        internal PartnerCenterWritePlan? PartnerCenterWrite { get; private set; }

        /// <summary>A customer account whose checkAccount failed: settled with its error, nothing to look up.</summary>
        public static SyncRow Failed(int accountId, CloudBlueMcaException error) => new SyncRow(accountId, error);

        /// <summary>Plans the copy of Partner Center's attestation to a Tenant resource (keyed by the Microsoft account).</summary>
        internal void PlanCloudBlueWrite(McaSyncResult result, CloudBlueWritePlan write) =>
            Plan(result, write, null, $"Tenant resource {write.Tenant.ApsId}", write.Contact, $"from Partner Center in CloudBlue Tenant resource {write.Tenant.ApsId}");

        /// <summary>Plans the attestation of CloudBlue's contact in Partner Center (keyed by the Microsoft account).</summary>
        internal void PlanPartnerCenterWrite(McaSyncResult result, PartnerCenterWritePlan write) =>
            Plan(result, null, write, $"Partner Center customer {write.CustomerId:D}", write.Contact, $"from CloudBlue in Partner Center for customer {write.CustomerId:D}");

        /// <summary>Fails the row with its own error: one per row, naming the Microsoft account and targeting the customer account id.</summary>
        internal void FailWith(CloudBlueMcaException error) =>
            Fail(new CloudBlueMcaException(error.ErrorId, error.Kind, $"MCA acceptance of {Name} (customer account {AccountId}) was not synchronised: {error.Message}", AccountId, error));

        private void Plan(McaSyncResult result, CloudBlueWritePlan? cloudBlue, PartnerCenterWritePlan? partnerCenter, string written, McaContact contact, string direction)
        {
            PlannedResult = result;
            CloudBlueWrite = cloudBlue;
            PartnerCenterWrite = partnerCenter;
            var verb = cloudBlue != null ? "Record" : "Attest";
            PlanUpdate(
                $"{result.InitialSubdomain} (customer account {AccountId}, Microsoft account {result.MsAccountId}), {written}",
                $"{verb} MCA acceptance by {contact.FirstName} {contact.LastName} <{contact.Email}> on {contact.DateAgreed} {direction}",
                result.MsAccountId);
        }
    }

    internal sealed class CloudBlueWritePlan
    {
        public CloudBlueWritePlan(TenantResource tenant, McaContact contact)
        {
            Tenant = tenant;
            Contact = contact;
        }

        public TenantResource Tenant { get; }

        public McaContact Contact { get; }
    }

    internal sealed class PartnerCenterWritePlan
    {
        public PartnerCenterWritePlan(Guid customerId, McaContact contact, string templateId)
        {
            CustomerId = customerId;
            Contact = contact;
            TemplateId = templateId;
        }

        public Guid CustomerId { get; }

        public McaContact Contact { get; }

        public string TemplateId { get; }
    }
}
