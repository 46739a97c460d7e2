using System;
using System.Linq;
using CloudBlueMca.Engine.Bulk;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>One input row of Confirm-McaAcceptance while it is validated, looked up, approved and sent.</summary>
    public sealed class ConfirmationRow : BulkRow
    {
        private string _name;

        /// <param name="number">The row's position in the input, from 1, to name a row that has no account.</param>
        public ConfirmationRow(int number, ConfirmationRequest request)
        {
            Request = request;
            _name = FirstNonBlank(request.InitialSubdomain, request.MsAccountId) ?? $"row {number}";
        }

        public ConfirmationRequest Request { get; }

        /// <summary>How messages name the row: its subdomain, else its Microsoft account id.</summary>
        public override string Name => _name;

        public override object Target => _name;

        /// <summary>The row's result once settled; null for an error or a declined update.</summary>
        public McaConfirmation? Confirmation => Output.Count == 1 ? (McaConfirmation)Output[0] : null;

        /// <summary>The normalised subdomain, when the row has one.</summary>
        internal string? Label { get; private set; }

        /// <summary>Given, or resolved from <see cref="Label"/>.</summary>
        internal string? MsAccountId { get; set; }

        internal McaContact? Contact { get; private set; }

        internal bool IsValidated { get; private set; }

        /// <summary>The Tenant the planned PUT goes to.</summary>
        internal TenantResource? PlannedTenant { get; private set; }

        /// <summary>The account's initial subdomain as its Tenants record it, for rows given only an MsAccountId.</summary>
        internal string? KnownSubdomain { get; private set; }

        /// <summary>Plans the PUT of the contact to <paramref name="tenant"/>, with the ShouldProcess texts naming the row, Tenant, contact and date.</summary>
        internal void PlanPut(TenantResource tenant, string? knownSubdomain)
        {
            PlannedTenant = tenant;
            KnownSubdomain = knownSubdomain;
            PlanUpdate(
                $"Microsoft account '{Name}' ({MsAccountId}), Tenant resource {tenant.ApsId}",
                $"Record MCA acceptance by {Contact!.FirstName} {Contact.LastName} <{Contact.Email}> agreed {Contact.DateAgreed}",
                MsAccountId);
        }

        /// <summary>
        /// Checks the row before any request: an account to act on and a valid contact. The
        /// subdomain is checked only when it is used for the look-up (MsAccountId wins).
        /// </summary>
        internal void Validate(DateTimeOffset now, TimeZoneInfo localZone)
        {
            IsValidated = true;
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
                    _name = Label;
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

        /// <summary>Fails the row with a request error (one per row, even for a batched request), naming the row and targeting its input.</summary>
        internal void FailRequest(CloudBlueMcaException error) =>
            Fail(new CloudBlueMcaException(error.ErrorId, error.Kind, $"MCA acceptance for '{Name}' was not confirmed: {error.Message}", Name, error));

        internal void Succeed(TenantResource tenant, ConfirmationResult result, string? knownSubdomain)
        {
            var contact = Contact!;
            Succeed(
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
                });
        }

        private static string? FirstNonBlank(params string?[] values) =>
            values.Select(v => v?.Trim()).FirstOrDefault(v => !string.IsNullOrEmpty(v));
    }
}
