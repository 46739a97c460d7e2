using System.Security;
using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.CloudBlue;

namespace CloudBlueMca.Benchmarks;

/// <summary>Connects the engine to the in-process emulator with the demo credentials, as Connect-CloudBlue would.</summary>
internal static class BenchmarkConnection
{
    public static async Task<CloudBlueConnection> ConnectAsync(EmulatorHost host, OperationContext context)
    {
        var secret = new SecureString();
        foreach (var c in host.Aps.Options.ConsumerSecret)
        {
            secret.AppendChar(c);
        }

        return await CloudBlueConnector.ConnectAsync(new CloudBlueConnectRequest(host.BaseUri.ToString(), host.Aps.Options.ConsumerKey, secret), context);
    }
}
