using System;
using System.Collections.Generic;

namespace CloudBlueMca.Engine.Sync
{
    /// <summary>What Partner Center holds for one Microsoft tenant, or why it could not be asked.</summary>
    internal sealed class PartnerCenterSide
    {
        public PartnerCenterSide(Guid customerId, IReadOnlyList<PcCustomerAgreement> attestations, bool signedDirectly, string? unavailable)
        {
            CustomerId = customerId;
            Attestations = attestations;
            SignedDirectly = signedDirectly;
            UnavailableReason = unavailable;
        }

        public Guid CustomerId { get; }

        /// <summary>The partner attestations of the MCA.</summary>
        public IReadOnlyList<PcCustomerAgreement> Attestations { get; }

        public bool SignedDirectly { get; }

        /// <summary>Why Partner Center could not be asked; null when it answered.</summary>
        public string? UnavailableReason { get; }

        public static PartnerCenterSide Unavailable(string reason) => new PartnerCenterSide(Guid.Empty, new PcCustomerAgreement[0], false, reason);
    }
}
