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
    /// attestations are read, and it either settles as AlreadyConfirmed (the same contact is on
    /// record: Partner Center would refuse it with 600061, and a row that sends nothing must not
    /// pretend a new date) or plans one POST with the template id read once per connection. The
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
                var recorded = await PartnerCenterAgreements.PostAsync(_connection, row.Request.CustomerId, contact, row.TemplateId!, context).ConfigureAwait(false);
                row.Succeed(recorded ? ConfirmationResult.Confirmed : ConfirmationResult.AlreadyConfirmed, contact.DateAgreed.ToString(), row.TemplateId!);
            }
            catch (CloudBlueMcaException error)
            {
                row.FailWith(error);
            }
        }

        private async Task PlanAsync(AgreementRow row, OperationContext context)
        {
            var contact = row.Contact!;
            var attestations = await PartnerCenterAgreements.ReadAttestationsAsync(_connection, row.Request.CustomerId, context).ConfigureAwait(false);
            var onRecord = attestations.FirstOrDefault(a => contact.HasSameDetails(a.FirstName, a.LastName, a.Email, a.PhoneNumber));
            if (onRecord != null)
            {
                row.Succeed(ConfirmationResult.AlreadyConfirmed, onRecord.DateAgreed ?? contact.DateAgreed.ToString(), onRecord.TemplateId ?? string.Empty);
                return;
            }

            row.PlanPost(await PartnerCenterAgreements.GetCustomerAgreementTemplateIdAsync(_connection, context).ConfigureAwait(false));
        }
    }
}
