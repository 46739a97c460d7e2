using System;
using CloudBlueMca.Engine.Bulk;
using CloudBlueMca.Engine.Mca;

namespace CloudBlueMca.Engine.Agreements
{
    /// <summary>
    /// One input row of New-PcCustomerAgreement in a <see cref="BulkRun{TRow}"/>: it settles with
    /// a <see cref="PcAgreementConfirmation"/>, an error whose target is its customer id, or
    /// nothing when its POST was declined (-WhatIf, or No at the confirmation prompt).
    /// </summary>
    public sealed class AgreementRow : BulkRow
    {
        public AgreementRow(AgreementRequest request)
        {
            Request = request;
        }

        public AgreementRequest Request { get; }

        /// <summary>The customer's Microsoft tenant id as text (format "D").</summary>
        public override string Name => Request.CustomerId.ToString("D");

        /// <summary>The customer id (a <see cref="Guid"/>), so failed rows' targets are a list to retry.</summary>
        public override object Target => Request.CustomerId;

        /// <summary>The row's result once settled; null for an error or a declined POST.</summary>
        public PcAgreementConfirmation? Confirmation => Output.Count == 1 ? (PcAgreementConfirmation)Output[0] : null;

        internal McaContact? Contact { get; set; }

        /// <summary>The MCA template id of the planned POST.</summary>
        internal string? TemplateId { get; private set; }

        /// <summary>Plans the POST, with the ShouldProcess texts naming the customer, contact and date.</summary>
        internal void PlanPost(string templateId)
        {
            TemplateId = templateId;
            PlanUpdate(
                "customer " + Name,
                $"Attest MCA acceptance by {Contact!.FirstName} {Contact.LastName} <{Contact.Email}> on {Contact.DateAgreed}",
                Name);
        }

        /// <summary>Fails the row with its own error: one per row, targeting its customer id.</summary>
        internal void FailWith(CloudBlueMcaException error) =>
            Fail(Equals(error.Target, Request.CustomerId) ? error : new CloudBlueMcaException(error.ErrorId, error.Kind, error.Message, Request.CustomerId, error));

        internal void Succeed(ConfirmationResult result, string dateAgreed, string templateId) =>
            Succeed(new PcAgreementConfirmation
            {
                CustomerId = Request.CustomerId,
                FirstName = Contact!.FirstName,
                LastName = Contact.LastName,
                Email = Contact.Email,
                PhoneNumber = Contact.Phone,
                DateAgreed = dateAgreed,
                TemplateId = templateId,
                Result = result,
            });
    }
}
