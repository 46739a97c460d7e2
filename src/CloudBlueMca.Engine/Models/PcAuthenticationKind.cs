namespace CloudBlueMca
{
    /// <summary>How a Partner Center connection obtains its tokens.</summary>
    public enum PcAuthenticationKind
    {
        /// <summary>A user signs in through the system browser (app+user).</summary>
        Interactive,

        /// <summary>A user signs in on another device with a code (app+user).</summary>
        DeviceCode,

        /// <summary>Application id and client secret (app-only).</summary>
        ClientSecret,

        /// <summary>Application id and certificate (app-only).</summary>
        Certificate,

        /// <summary>A refresh token from the secure application model's consent step (app+user).</summary>
        RefreshToken,

        /// <summary>An access token obtained elsewhere; it is not renewed.</summary>
        AccessToken,
    }
}
