using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CloudBlueMca.Engine.Bulk;
using CloudBlueMca.Engine.Mca;
using CloudBlueMca.Engine.PartnerCenter;

namespace CloudBlueMca.Engine.Agreements
{
    /// <summary>
    /// New-PcCustomerAgreement (reference §5.2) as a <see cref="BulkRun{TRow}"/> workflow: a row
    /// is validated (a future date is refused before anything is sent), its customer's MCA
    /// attestations are read, and it either settles from the record or plans one POST with the
    /// template id read once per connection. Partner Center keeps one attestation per contact
    /// (names, e-mail, phone; a second is refused with 600061), so a contact on record settles
    /// the row: AlreadyConfirmed with the recorded date when the row gives no date or the same
    /// one, ContactAlreadyRecorded (an error, nothing sent) when it gives another date, because
    /// the row's date can never be recorded and must not be reported as if it were. The
    /// POST is keyed by the customer, so two rows of one customer never race and the second is
    /// planned against what the first recorded.
    /// </summary>
    public sealed class AgreementWorkflow : IBulkWorkflow<AgreementRow>
    {
        private readonly PcConnection _connection;
        private readonly Func<DateTimeOffset> _now;
        private readonly TimeZoneInfo _localZone;

        /// <summary>Throws AppUserConnectionRequired or AgreementsNotAvailableInCloud for a connection that cannot attest.</summary>
        public AgreementWorkflow(PcConnection connection, int throttleLimit)
            : this(connection, throttleLimit, () => DateTimeOffset.Now, TimeZoneInfo.Local)
        {
        }

        internal AgreementWorkflow(PcConnection connection, int throttleLimit, Func<DateTimeOffset> now, TimeZoneInfo localZone)
        {
            if (throttleLimit < 1)
            {
                throw new ArgumentOutOfRangeException(nameof(throttleLimit), throttleLimit, "The throttle limit must be at least 1.");
            }

            PartnerCenterAgreements.RequireAgreementApis(connection);
            _connection = connection;
            LookUpConcurrency = throttleLimit;
            _now = now;
            _localZone = localZone;
        }

        /// <summary>Partner Center answers one customer per request: each row is its own look-up.</summary>
        public int LookUpGroupSize => 1;

        /// <summary>The throttle limit: reads of attestations overlap, up to this many.</summary>
        public int LookUpConcurrency { get; }

        public async Task LookUpAsync(IReadOnlyList<AgreementRow> rows, OperationContext context)
        {
            var now = _now();
            foreach (var row in rows.Where(r => !r.IsSettled && r.Contact == null))
            {
                try
                {
                    var request = row.Request;
                    row.Contact = McaContact.Create(request.FirstName, request.LastName, request.Email, request.PhoneNumber, request.DateAgreed, now, _localZone, "customer " + row.Name, phoneRequired: false);
                }
                catch (CloudBlueMcaException error)
                {
                    row.FailWith(error);
                }
            }

            foreach (var row in rows.Where(r => !r.IsSettled))
            {
                try
                {
                    await PlanAsync(row, context).ConfigureAwait(false);
                }
                catch (CloudBlueMcaException error)
                {
                    row.FailWith(error);
                }
            }
        }

        public async Task UpdateAsync(AgreementRow row, OperationContext context)
        {
            try
            {
                var contact = row.Contact!;
                if (await PartnerCenterAgreements.PostAsync(_connection, row.Request.CustomerId, contact, row.TemplateId!, context).ConfigureAwait(false))
                {
                    row.Succeed(ConfirmationResult.Confirmed, contact.DateAgreed.ToString(), row.TemplateId!);
                    return;
                }

                // 600061: the contact was recorded meanwhile (or the read missed it); report the
                // date Partner Center holds, never the row's.
                var onRecord = await PartnerCenterAgreements.FindAttestationAsync(_connection, row.Request.CustomerId, contact, context).ConfigureAwait(false);
                if (onRecord == null)
                {
                    throw new CloudBlueMcaException(
                        ErrorIds.ContactAlreadyRecorded,
                        ErrorKind.ResourceExists,
                        $"Partner Center refused the attestation by {contact.FirstName} {contact.LastName} <{contact.Email}> for customer {row.Name} as already on record (600061), but does not list it. Nothing was recorded by this row. Read the customer's attestations with Get-PcCustomerAgreement.",
                        row.Name);
                }

                SettleFromRecord(row, contact, onRecord);
            }
            catch (CloudBlueMcaException error)
            {
                row.FailWith(error);
            }
        }

        private async Task PlanAsync(AgreementRow row, OperationContext context)
        {
            var contact = row.Contact!;
            var onRecord = await PartnerCenterAgreements.FindAttestationAsync(_connection, row.Request.CustomerId, contact, context).ConfigureAwait(false);
            if (onRecord != null)
            {
                SettleFromRecord(row, contact, onRecord);
                return;
            }

            row.PlanPost(await PartnerCenterAgreements.GetCustomerAgreementTemplateIdAsync(_connection, context).ConfigureAwait(false));
        }

        private static void SettleFromRecord(AgreementRow row, McaContact contact, PcCustomerAgreement onRecord)
        {
            var sameDate = AgreementDate.TryParse(onRecord.DateAgreed, out var recordedDate) && contact.GivenDate == recordedDate;
            if (contact.GivenDate != null && !sameDate)
            {
                throw new CloudBlueMcaException(
                    ErrorIds.ContactAlreadyRecorded,
                    ErrorKind.ResourceExists,
                    $"Partner Center already holds the attestation of {contact.FirstName} {contact.LastName} <{contact.Email}> for customer {row.Name}, agreed {onRecord.DateAgreed ?? "(no date)"}, not {contact.DateAgreed}. It keeps one attestation per contact (a second is refused with 600061), so nothing was sent. If the recorded date is wrong, correct it in Partner Center; to keep it, leave DateAgreed empty in this row.",
                    row.Name);
            }

            row.Succeed(ConfirmationResult.AlreadyConfirmed, onRecord.DateAgreed ?? contact.DateAgreed.ToString(), onRecord.TemplateId ?? string.Empty);
        }
    }
}
