using CloudBlueMca.Emulator.Aps;
using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Emulator.PartnerCenter;

// Usage: dotnet run --project src/CloudBlueMca.Emulator -- [--port N] [--accounts N] [--tenants-per-account N]
//        [--customers N] [--latency-ms N] [--fault ROUTE:STATUS[:COUNT]]...
// The first output line is parsed by tools (tests/Pester/Emulator.psm1): keep its prefix.
EmulatorCommandLine commandLine;
try
{
    commandLine = EmulatorCommandLine.Parse(args);
}
catch (ArgumentException ex)
{
    Console.Error.WriteLine(ex.Message);
    Console.Error.WriteLine(EmulatorCommandLine.Usage);
    return 2;
}

var options = new EmulatorOptions
{
    Port = commandLine.Port,
    Aps = new ApsEmulatorOptions { GeneratedAccounts = commandLine.Accounts, TenantsPerAccount = commandLine.TenantsPerAccount },
};
await using var host = await EmulatorHost.StartAsync(options);
host.PartnerCenter.GenerateCustomers(commandLine.Customers);
host.Faults.BaseLatency = commandLine.Latency;
foreach (var fault in commandLine.Faults)
{
    host.Faults.Add(fault);
}

Console.WriteLine($"CloudBlueMca emulator listening on {host.BaseUri}");
Console.WriteLine($"APS consumer key: {options.Aps.ConsumerKey}");
Console.WriteLine($"APS consumer secret: {options.Aps.ConsumerSecret}");
Console.WriteLine($"APS application instance id: {host.Aps.ApplicationInstanceId}");
Console.WriteLine($"Partner Center: Connect-PcService -ApiUri {host.BaseUri} -Authority {host.BaseUri} -TenantId {PartnerCenterStore.PartnerTenantId} -Credential <app id, secret>");
Console.WriteLine("  (app-only: customers; agreements and Sync-McaAcceptance need app+user: add -ApplicationId <app id> -RefreshToken <refresh token below, as a SecureString>)");
Console.WriteLine($"Partner Center app id: {host.PartnerCenter.SecretClient.ClientId}");
Console.WriteLine($"Partner Center app secret: {host.PartnerCenter.SecretClient.ClientSecret}");
Console.WriteLine($"Partner Center refresh token (app+user, for the app above; each use returns the next): {host.PartnerCenter.IssueRefreshToken(host.PartnerCenter.SecretClient.ClientId)}");
if (commandLine.Customers > 0 || commandLine.Latency > TimeSpan.Zero || commandLine.Faults.Count > 0)
{
    Console.WriteLine($"Rehearsal: {commandLine.Customers} generated Partner Center customers, {commandLine.Latency.TotalMilliseconds:0} ms added to every request, {commandLine.Faults.Count} fault rule(s).");
}

Console.WriteLine("Press Ctrl+C to stop.");
var stopped = new TaskCompletionSource();
using (host.Stopping.Register(() => stopped.TrySetResult()))
{
    await stopped.Task;
}

return 0;
