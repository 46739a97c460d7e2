using System;
using System.Collections.Generic;
using System.Linq;
using System.Threading.Tasks;
using CloudBlueMca.Engine.Mca;
using CloudBlueMca.Engine.PartnerCenter;

namespace CloudBlueMca.Engine.Agreements
{
    /// <summary>
    /// New-PcCustomerAgreement for one invocation. Per batch the cmdlet calls
    /// <see cref="PlanAsync"/> (validate, read what Partner Center holds, settle rows that need no
    /// POST), asks ShouldProcess for each row that needs one, and calls <see cref="ExecuteAsync"/>
    /// with the approved rows; then it writes the rows in input order.
    /// </summary>
    public sealed class AgreementWorkflow
    {
        /// <summary>How many pipeline rows the cmdlet gathers before it plans and sends them.</summary>
        public const int BatchSize = 100;

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
            ThrottleLimit = throttleLimit;
            _now = now;
            _localZone = localZone;
        }

        public int ThrottleLimit { get; }

        /// <summary>
        /// Validates every row (a future date is refused here, before anything is sent), reads the
        /// customers' MCA attestations, and settles as AlreadyConfirmed each row whose contact
        /// (names, e-mail, phone) is already on record: Partner Center would refuse it with
        /// 600061, and a row that sends nothing must not pretend a new date. The template id is
        /// read once per connection for the rows that remain.
        /// </summary>
        public async Task<IReadOnlyList<AgreementRow>> PlanAsync(IReadOnlyList<AgreementRequest> requests, OperationContext context)
        {
            var rows = requests.Select(r => new AgreementRow(r)).ToList();
            var now = _now();
            foreach (var row in rows)
            {
                try
                {
                    row.Contact = McaContact.Create(row.Request.FirstName, row.Request.LastName, row.Request.Email, row.Request.PhoneNumber, row.Request.DateAgreed, now, _localZone, row.Target, phoneRequired: false);
                }
                catch (CloudBlueMcaException error)
                {
                    row.Fail(error);
                }
            }

            var valid = rows.Where(r => r.Error == null).ToList();
            var customers = valid.Select(r => r.Request.CustomerId).Distinct().ToList();
            var records = await ThrottledTasks.SelectAsync(customers, ThrottleLimit, id => ReadAttestationsAsync(id, context), context.Cancellation).ConfigureAwait(false);
            var byCustomer = customers.Zip(records, (id, found) => (id, found)).ToDictionary(p => p.id, p => p.found);

            string? templateId = null;
            foreach (var row in valid)
            {
                var (attestations, error) = byCustomer[row.Request.CustomerId];
                if (error != null)
                {
                    row.Fail(error);
                    continue;
                }

                var contact = row.Contact!;
                var onRecord = attestations.FirstOrDefault(a => contact.HasSameDetails(a.FirstName, a.LastName, a.Email, a.PhoneNumber));
                if (onRecord != null)
                {
                    row.Succeed(ConfirmationResult.AlreadyConfirmed, contact, onRecord.DateAgreed ?? contact.DateAgreed.ToString(), onRecord.TemplateId ?? string.Empty);
                    continue;
                }

                try
                {
                    row.TemplateId = templateId ??= await PartnerCenterAgreements.GetCustomerAgreementTemplateIdAsync(_connection, context).ConfigureAwait(false);
                }
                catch (CloudBlueMcaException failure)
                {
                    row.Fail(failure);
                }
            }

            return rows;
        }

        /// <summary>
        /// Sends the approved rows' attestations, at most the throttle limit at a time; rows that
        /// needed a POST and were not approved are declined (no output, no error).
        /// </summary>
        public async Task ExecuteAsync(IReadOnlyList<AgreementRow> rows, IReadOnlyCollection<AgreementRow> approved, OperationContext context)
        {
            foreach (var row in rows.Where(r => r.NeedsPost && !approved.Contains(r)))
            {
                row.Decline();
            }

            await ThrottledTasks.ForEachAsync(approved, ThrottleLimit, row => PostAsync(row, context), context.Cancellation).ConfigureAwait(false);
        }

        private async Task PostAsync(AgreementRow row, OperationContext context)
        {
            try
            {
                var recorded = await PartnerCenterAgreements.PostAsync(_connection, row.Request.CustomerId, row.Contact!, row.TemplateId!, context).ConfigureAwait(false);
                row.Succeed(recorded ? ConfirmationResult.Confirmed : ConfirmationResult.AlreadyConfirmed, row.Contact!, row.Contact!.DateAgreed.ToString(), row.TemplateId!);
            }
            catch (CloudBlueMcaException error)
            {
                row.Fail(error);
            }
        }

        private async Task<(IReadOnlyList<PcCustomerAgreement> Attestations, CloudBlueMcaException? Error)> ReadAttestationsAsync(Guid customerId, OperationContext context)
        {
            try
            {
                var agreements = await PartnerCenterAgreements.ReadAttestationsAsync(_connection, customerId, context).ConfigureAwait(false);
                return (agreements, null);
            }
            catch (CloudBlueMcaException error)
            {
                return (new PcCustomerAgreement[0], error);
            }
        }
    }
}
