using CloudBlueMca.Engine.Mca;

namespace CloudBlueMca.Engine.Sync
{
    /// <summary>
    /// One Microsoft account of Sync-McaAcceptance (or one customer account whose check failed)
    /// while its batch is planned and written: it ends with a result, an error, or declined.
    /// </summary>
    public sealed class SyncRow
    {
        internal SyncRow(int accountId, McaSyncResult? result, CloudBlueMcaException? error)
        {
            AccountId = accountId;
            Result = result;
            Error = error;
        }

        public int AccountId { get; }

        /// <summary>Complete once the row is settled; while a write waits it holds the planned action.</summary>
        public McaSyncResult? Result { get; }

        public CloudBlueMcaException? Error { get; private set; }

        /// <summary>True while the row waits for approval and its write.</summary>
        public bool NeedsWrite => Error == null && !Declined && !Written && (CloudBlueWrite != null || PartnerCenterWrite != null);

        /// <summary>For ShouldProcess: the Microsoft account.</summary>
        public string Target => $"{Result?.InitialSubdomain} (customer account {AccountId}, Microsoft account {Result?.MsAccountId})";

        /// <summary>For ShouldProcess: what would be written where.</summary>
        public string Action =>
            CloudBlueWrite != null
                ? $"Record MCA acceptance by {CloudBlueWrite.Contact.FirstName} {CloudBlueWrite.Contact.LastName} <{CloudBlueWrite.Contact.Email}> on {CloudBlueWrite.Contact.DateAgreed} from Partner Center in CloudBlue Tenant resource {CloudBlueWrite.Tenant.ApsId}"
                : $"Attest MCA acceptance by {PartnerCenterWrite!.Contact.FirstName} {PartnerCenterWrite.Contact.LastName} <{PartnerCenterWrite.Contact.Email}> on {PartnerCenterWrite.Contact.DateAgreed} from CloudBlue in Partner Center for customer {Result?.MsTenantId}";

        /// <summary>The result to write once the batch is done: null for an error or a declined write.</summary>
        public McaSyncResult? Output => Error == null && !Declined && (Written || (CloudBlueWrite == null && PartnerCenterWrite == null)) ? Result : null;

        internal bool Declined { get; private set; }

        internal bool Written { get; set; }


        internal CloudBlueWritePlan? CloudBlueWrite { get; set; }

        internal PartnerCenterWritePlan? PartnerCenterWrite { get; set; }

        internal void Decline() => Declined = true;

        internal void Fail(CloudBlueMcaException error) => Error = error;
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
        public PartnerCenterWritePlan(System.Guid customerId, McaContact contact, string templateId)
        {
            CustomerId = customerId;
            Contact = contact;
            TemplateId = templateId;
        }

        public System.Guid CustomerId { get; }

        public McaContact Contact { get; }

        public string TemplateId { get; }
    }
}
