namespace CloudBlueMca.Engine.Aps
{
    /// <summary>One computed signature. Internal: the header and signature must never reach a log.</summary>
    internal sealed class OAuth1Signature
    {
        public OAuth1Signature(string baseString, string signature, string headerParameter)
        {
            BaseString = baseString;
            Signature = signature;
            HeaderParameter = headerParameter;
        }

        /// <summary>The RFC 5849 signature base string (no secret in it).</summary>
        public string BaseString { get; }

        /// <summary>Base64 HMAC-SHA1, before percent-encoding.</summary>
        public string Signature { get; }

        /// <summary>What follows "OAuth " in the Authorization header.</summary>
        public string HeaderParameter { get; }
    }
}
