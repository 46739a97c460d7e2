using System;

namespace CloudBlueMca
{
    /// <summary>One Tenant APS resource of a Microsoft account.</summary>
    public sealed class TenantResource
    {
        /// <summary>APS id of the resource (<c>aps.id</c>); the target of the confirming PUT.</summary>
        public string ApsId { get; set; } = string.Empty;

        /// <summary>APS id of the owning subscription (<c>aps.subscription</c>).</summary>
        public string? SubscriptionId { get; set; }

        /// <summary>APS status, e.g. <c>aps:ready</c> or <c>aps:provisioning</c>.</summary>
        public string? Status { get; set; }

        /// <summary>The application's activation state: <c>yes</c>, <c>no</c> or <c>activating</c>.</summary>
        public string? IsActivated { get; set; }

        public long? Revision { get; set; }

        public DateTimeOffset? Modified { get; set; }

        /// <summary>The recorded MCA acceptance, or null when none is recorded on this resource.</summary>
        public CloudAgreementContact? CloudAgreementContact { get; set; }
    }
}
