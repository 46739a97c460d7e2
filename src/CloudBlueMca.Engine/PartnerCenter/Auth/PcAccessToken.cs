using System;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>A bearer token and when it expires. Never logged, never shown, never on the pipeline.</summary>
    internal sealed class PcAccessToken
    {
        public PcAccessToken(string value, DateTimeOffset? expiresOn)
        {
            Value = value;
            ExpiresOn = expiresOn;
        }

        public string Value { get; }

        /// <summary>Null when unknown (an opaque access token supplied by the user).</summary>
        public DateTimeOffset? ExpiresOn { get; }

        public override string ToString() => "PcAccessToken (expires " + (ExpiresOn?.ToString("u") ?? "unknown") + ")";
    }
}
