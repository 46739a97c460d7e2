using System.Net;
using System.Security;
using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Engine.Aps;
using CloudBlueMca.Engine.Http;

namespace CloudBlueMca.Tests.Support;

/// <summary>Engine clients pointed at an in-process emulator, with retries short enough for tests.</summary>
internal static class EmulatorClients
{
    public const string Key = "demo-key";
    public const string Secret = "demo-secret";

    public static HttpPipelineOptions FastRetries { get; } = new()
    {
        BaseRetryDelay = TimeSpan.FromMilliseconds(10),
        MaxRetryDelay = TimeSpan.FromSeconds(2),
        RequestTimeout = TimeSpan.FromSeconds(20),
        MaxTotalTime = TimeSpan.FromSeconds(30),
    };

    public static ApsClient Aps(EmulatorHost host, string key = Key, string secret = Secret, HttpPipelineOptions? options = null) =>
        new(host.BaseUri, new OAuth1Signer(key, secret), new HttpPipeline(options ?? FastRetries));

    public static SecureString Secure(string text) => new NetworkCredential(string.Empty, text).SecurePassword;
}
