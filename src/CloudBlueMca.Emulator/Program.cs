using CloudBlueMca.Emulator.Hosting;

var port = 5880;
for (var i = 0; i < args.Length - 1; i++)
{
    if (args[i] == "--port")
    {
        port = int.Parse(args[i + 1], System.Globalization.CultureInfo.InvariantCulture);
    }
}

await using var host = await EmulatorHost.StartAsync(new EmulatorOptions { Port = port });
Console.WriteLine($"CloudBlueMca emulator listening on {host.BaseUri}");
Console.WriteLine("Press Ctrl+C to stop.");
var stop = new TaskCompletionSource();
Console.CancelKeyPress += (_, e) => { e.Cancel = true; stop.TrySetResult(); };
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.TrySetResult();
await stop.Task;
