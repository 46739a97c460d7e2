namespace CloudBlueMca
{
    /// <summary>How a CloudBlue connection signs its requests; the counterpart of <see cref="PcAuthenticationKind"/>.</summary>
    public enum CloudBlueAuthenticationKind
    {
        /// <summary>OAuth 1.0a HMAC-SHA1 with a staff member's APS consumer key and secret (APS Bus Access tab).</summary>
        OAuthConsumerKey,
    }
}
