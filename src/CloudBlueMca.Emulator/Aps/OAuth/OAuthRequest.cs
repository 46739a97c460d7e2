namespace CloudBlueMca.Emulator.Aps.OAuth;

/// <summary>
/// A request exactly as the server received it, which is all RFC 5849 §3.4.1 needs to rebuild the
/// signature base string: nothing here comes from what the client says it signed.
/// </summary>
/// <param name="Method">HTTP method, any case.</param>
/// <param name="Scheme">"http" or "https".</param>
/// <param name="Host">Host name from the Host header, without port.</param>
/// <param name="Port">TCP port the request was addressed to.</param>
/// <param name="RawPath">Path as sent on the wire (still percent-encoded).</param>
/// <param name="RawQuery">Query without the leading '?', still percent-encoded; empty when none.</param>
/// <param name="Authorization">The Authorization header value, or null.</param>
/// <param name="FormBody">The body, only when it is application/x-www-form-urlencoded (§3.4.1.3.1); else null.</param>
internal sealed record OAuthRequest(
    string Method,
    string Scheme,
    string Host,
    int Port,
    string RawPath,
    string RawQuery,
    string? Authorization,
    string? FormBody = null);
