using System.Diagnostics;
using System.Globalization;
using CloudBlueMca.Benchmarks;
using CloudBlueMca.Emulator.Aps;
using CloudBlueMca.Emulator.Hosting;
using CloudBlueMca.Engine;

// Usage: dotnet run -c Release --project tests/CloudBlueMca.Benchmarks [-- --accounts 1000 --latency-ms 20 --large-accounts 100000 --skip-comparison]
var options = BenchmarkOptions.Parse(args);
var context = new OperationContext(NullEngineLog.Instance, CancellationToken.None);
CultureInfo.CurrentCulture = CultureInfo.InvariantCulture;

if (!options.SkipComparison)
{
    Console.WriteLine($"== Comparison: {options.Accounts} accounts, {options.Latency.TotalMilliseconds:0} ms added per request");
    await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Aps = new ApsEmulatorOptions { IncludeSeedData = false } });
    var naiveAccounts = host.Aps.GenerateAccounts(options.Accounts);
    var engineAccounts = host.Aps.GenerateAccounts(options.Accounts);
    var connection = await BenchmarkConnection.ConnectAsync(host, context);
    host.Faults.BaseLatency = options.Latency;

    var naive = await MeasureAsync("A naive, sequential", options.Accounts, host, async sampler =>
    {
        var confirmed = await NaiveProcedure.RunAsync(connection, naiveAccounts, context);
        return $"{confirmed} confirmed";
    });
    var engine = await MeasureAsync("B engine (Confirm-McaAcceptance defaults)", options.Accounts, host, async sampler =>
    {
        var totals = await EnginePath.RunAsync(connection, engineAccounts, context, _ => sampler.Sample());
        return $"{totals.Confirmed} confirmed, {totals.Errors} errors";
    });
    Console.WriteLine($"   ratio A/B: {naive.TotalSeconds / engine.TotalSeconds:0.0}x faster (target >= 15x, <= 1.1 requests per account)");
}

if (options.LargeAccounts > 0)
{
    Console.WriteLine($"== Engine path at scale: {options.LargeAccounts} accounts, no added latency");
    await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Aps = new ApsEmulatorOptions { IncludeSeedData = false } });
    var accounts = host.Aps.GenerateAccounts(options.LargeAccounts);
    var connection = await BenchmarkConnection.ConnectAsync(host, context);
    var requests = 0L;
    var nextReport = options.LargeAccounts / 10;
    Console.WriteLine($"         0 rows: live managed heap {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0,7:0.0} MB (emulator data included)");
    await MeasureAsync("B engine at scale", options.LargeAccounts, host, async sampler =>
    {
        // Counted and emptied every 1,000 rows, so the emulator's own log does not dominate the
        // heap being measured (a request in flight at that moment may be counted a round late).
        var totals = await EnginePath.RunAsync(connection, accounts, context, rows =>
        {
            requests += host.Log.Count;
            host.Log.Clear();
            sampler.Sample();
            if (rows >= nextReport)
            {
                // A forced collection shows what stays alive: flat means nothing is kept per row.
                Console.WriteLine($"   {rows,7} rows: live managed heap {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0,7:0.0} MB");
                nextReport += options.LargeAccounts / 10;
            }
        });
        return $"{totals.Confirmed} confirmed, {totals.Errors} errors";
    }, () => requests);
}

static async Task<TimeSpan> MeasureAsync(string name, int accounts, EmulatorHost host, Func<MemorySampler, Task<string>> run, Func<long>? countRequests = null)
{
    host.Log.Clear();
    string result;
    var clock = Stopwatch.StartNew();
    long heapGrowth;
    await using (var sampler = new MemorySampler())
    {
        result = await run(sampler);
        clock.Stop();
        heapGrowth = sampler.PeakGrowth;
    }

    var requests = countRequests?.Invoke() ?? host.Log.Count;
    Console.WriteLine($"-- {name}: {result}");
    Console.WriteLine($"   wall time {clock.Elapsed.TotalSeconds:0.00} s, {requests} requests = {(double)requests / accounts:0.000} per account");
    Console.WriteLine($"   peak managed heap growth {heapGrowth / 1048576.0:0.0} MB (garbage not yet collected included), process peak working set {MemorySampler.ProcessPeakWorkingSet / 1048576.0:0} MB");
    return clock.Elapsed;
}
