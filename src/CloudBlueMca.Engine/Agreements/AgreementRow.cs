using System;
using CloudBlueMca.Engine.Mca;

namespace CloudBlueMca.Engine.Agreements
{
    /// <summary>
    /// One row of New-PcCustomerAgreement while its batch is planned and sent: it ends with a
    /// confirmation, an error, or declined (-WhatIf, or No at the confirmation prompt).
    /// </summary>
    public sealed class AgreementRow
    {
        internal AgreementRow(AgreementRequest request)
        {
            Request = request;
        }

        public AgreementRequest Request { get; }

        /// <summary>For ShouldProcess: the customer.</summary>
        public string Target => "customer " + Request.CustomerId.ToString("D");

        /// <summary>For ShouldProcess: what would be sent.</summary>
        public string Action =>
            Contact == null ? string.Empty : $"Attest MCA acceptance by {Contact.FirstName} {Contact.LastName} <{Contact.Email}> on {Contact.DateAgreed}";

        public PcAgreementConfirmation? Confirmation { get; private set; }

        public CloudBlueMcaException? Error { get; private set; }

        /// <summary>True while the row waits for approval and the POST.</summary>
        public bool NeedsPost => Confirmation == null && Error == null && !Declined && TemplateId != null;

        internal bool Declined { get; private set; }

        internal McaContact? Contact { get; set; }

        internal string? TemplateId { get; set; }

        internal void Fail(CloudBlueMcaException error) => Error = error;

        internal void Decline() => Declined = true;

        internal void Succeed(ConfirmationResult result, McaContact contact, string dateAgreed, string templateId) =>
            Confirmation = new PcAgreementConfirmation
            {
                CustomerId = Request.CustomerId,
                FirstName = contact.FirstName,
                LastName = contact.LastName,
                Email = contact.Email,
                PhoneNumber = contact.Phone,
                DateAgreed = dateAgreed,
                TemplateId = templateId,
                Result = result,
            };
    }
}
