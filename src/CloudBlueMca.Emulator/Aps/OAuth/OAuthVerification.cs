namespace CloudBlueMca.Emulator.Aps.OAuth;

/// <summary>Outcome of checking one request's OAuth signature.</summary>
/// <param name="ConsumerKey">The consumer key that signed the request, when verification succeeded.</param>
/// <param name="Failure">Why verification failed (safe to show: no secrets, no expected signature).</param>
internal sealed record OAuthVerification(string? ConsumerKey, string? Failure)
{
    public bool Succeeded => Failure is null;

    public static OAuthVerification Accept(string consumerKey) => new(consumerKey, null);

    public static OAuthVerification Reject(string failure) => new(null, failure);
}
