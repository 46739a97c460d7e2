using System;
using System.Linq;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>The state of one input row while its batch is planned and executed.</summary>
    internal sealed class ConfirmationRow
    {
        public ConfirmationRow(int index, ConfirmationRequest request)
        {
            Request = request;
            Name = FirstNonBlank(request.InitialSubdomain, request.MsAccountId) ?? $"row {index + 1}";
        }

        public ConfirmationRequest Request { get; }

        /// <summary>How messages name the row: its subdomain, else its Microsoft account id.</summary>
        public string Name { get; private set; }

        /// <summary>The normalised subdomain, when the row has one.</summary>
        public string? Label { get; private set; }

        /// <summary>Given, or resolved from <see cref="Label"/>.</summary>
        public string? MsAccountId { get; set; }

        public McaContact? Contact { get; private set; }

        public ConfirmationOutcome? Outcome { get; private set; }

        public bool IsPending => Outcome == null;

        /// <summary>
        /// Checks the row before any request: an account to act on and a valid contact. The
        /// subdomain is checked only when it is used for the look-up (MsAccountId wins).
        /// </summary>
        public void Validate(DateTimeOffset now, TimeZoneInfo localZone)
        {
            try
            {
                var msAccountId = FirstNonBlank(Request.MsAccountId);
                if (msAccountId != null)
                {
                    // ms_account_id is a GUID (reference §5.2, seeds 000 and 001): anything else cannot
                    // match a Tenant, so it is refused here rather than looked up.
                    if (!Guid.TryParse(msAccountId, out _))
                    {
                        throw new CloudBlueMcaException(
                            ErrorIds.InvalidMsAccountId,
                            ErrorKind.InvalidArgument,
                            $"'{msAccountId.Substring(0, Math.Min(msAccountId.Length, 64))}' is not a Microsoft account id (ms_account_id): it is a GUID such as 4188e387-a418-40f0-9166-54295cab3fcc, as Get-MsAccountInternalId returns it. Nothing was sent.",
                            Name);
                    }

                    MsAccountId = msAccountId;
                    Label = FirstNonBlank(Request.InitialSubdomain)?.ToLowerInvariant();
                }
                else if (FirstNonBlank(Request.InitialSubdomain) != null)
                {
                    Label = InitialSubdomain.Normalize(Request.InitialSubdomain);
                    Name = Label;
                }
                else
                {
                    throw new CloudBlueMcaException(
                        ErrorIds.MsAccountOrSubdomainRequired,
                        ErrorKind.InvalidArgument,
                        $"{Name}: give -MsAccountId or -InitialSubdomain (or a CSV column of that name) to say which Microsoft account accepted the agreement. Nothing was sent.",
                        Name);
                }

                Contact = McaContact.Create(Request.FirstName, Request.LastName, Request.Email, Request.PhoneNumber, Request.DateAgreed, now, localZone, Name);
            }
            catch (CloudBlueMcaException error)
            {
                Fail(error);
            }
        }

        public void Fail(CloudBlueMcaException error) => Outcome = new ConfirmationOutcome(null, error);

        /// <summary>Fails the row with a request error, naming the row so a bulk run shows which one.</summary>
        public void FailRequest(CloudBlueMcaException error) =>
            Fail(new CloudBlueMcaException(error.ErrorId, error.Kind, $"MCA acceptance for '{Name}' was not confirmed: {error.Message}", Name, error));

        public void Decline() => Outcome = ConfirmationOutcome.Declined;

        public void Succeed(TenantResource tenant, ConfirmationResult result, string? knownSubdomain)
        {
            var contact = Contact!;
            Outcome = new ConfirmationOutcome(
                new McaConfirmation
                {
                    MsAccountId = MsAccountId!,
                    InitialSubdomain = Label ?? knownSubdomain,
                    TenantResourceId = tenant.ApsId,
                    FirstName = contact.FirstName,
                    LastName = contact.LastName,
                    Email = contact.Email,
                    PhoneNumber = contact.Phone,
                    // AlreadyConfirmed reports the date on record: without a given date it is the
                    // only true one.
                    DateAgreed = result == ConfirmationResult.AlreadyConfirmed
                        ? tenant.CloudAgreementContact?.DateAgreed ?? contact.DateAgreed.ToString()
                        : contact.DateAgreed.ToString(),
                    Result = result,
                },
                null);
        }

        private static string? FirstNonBlank(params string?[] values) =>
            values.Select(v => v?.Trim()).FirstOrDefault(v => !string.IsNullOrEmpty(v));
    }
}
