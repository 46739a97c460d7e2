using System.Globalization;
using CloudBlueMca.Emulator.Aps;
using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Emulator.PartnerCenter;

// Usage: dotnet run --project src/CloudBlueMca.Emulator -- [--port N] [--accounts N] [--tenants-per-account N]
// The first output line is parsed by tools (tests/Pester/Emulator.psm1): keep its prefix.
var port = 5880;
var accounts = 0;
var tenantsPerAccount = 1;
for (var i = 0; i < args.Length; i++)
{
    var value = i + 1 < args.Length && int.TryParse(args[i + 1], NumberStyles.None, CultureInfo.InvariantCulture, out var number) ? number : (int?)null;
    switch (args[i])
    {
        case "--port" when value is <= 65535:
            port = value.Value;
            break;
        case "--accounts" when value is not null:
            accounts = value.Value;
            break;
        case "--tenants-per-account" when value is >= 1:
            tenantsPerAccount = value.Value;
            break;
        default:
            Console.Error.WriteLine($"Unknown or invalid argument '{args[i]}'. Usage: [--port 0-65535] [--accounts N] [--tenants-per-account N>=1]");
            return 2;
    }

    i++;
}

var options = new EmulatorOptions
{
    Port = port,
    Aps = new ApsEmulatorOptions { GeneratedAccounts = accounts, TenantsPerAccount = tenantsPerAccount },
};
await using var host = await EmulatorHost.StartAsync(options);
Console.WriteLine($"CloudBlueMca emulator listening on {host.BaseUri}");
Console.WriteLine($"APS consumer key: {options.Aps.ConsumerKey}");
Console.WriteLine($"APS consumer secret: {options.Aps.ConsumerSecret}");
Console.WriteLine($"APS application instance id: {host.Aps.ApplicationInstanceId}");
Console.WriteLine($"Partner Center: Connect-PcService -ApiUri {host.BaseUri} -Authority {host.BaseUri} -TenantId {PartnerCenterStore.PartnerTenantId} -Credential <app id, secret>");
Console.WriteLine($"Partner Center app id: {host.PartnerCenter.SecretClient.ClientId}");
Console.WriteLine($"Partner Center app secret: {host.PartnerCenter.SecretClient.ClientSecret}");
Console.WriteLine($"Partner Center refresh token (app+user, for the app above; each use returns the next): {host.PartnerCenter.IssueRefreshToken(host.PartnerCenter.SecretClient.ClientId)}");
Console.WriteLine("Press Ctrl+C to stop.");
var stopped = new TaskCompletionSource();
using (host.Stopping.Register(() => stopped.TrySetResult()))
{
    await stopped.Task;
}

return 0;
