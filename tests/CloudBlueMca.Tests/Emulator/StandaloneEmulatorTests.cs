using System.Diagnostics;
using System.Net;
using System.Runtime.InteropServices;
using Xunit;

namespace CloudBlueMca.Tests.Emulator;

/// <summary>
/// The emulator as README starts it (<c>dotnet run --project src/CloudBlueMca.Emulator</c>): its
/// own process, which prints its URL and demo credentials and stops when asked to.
/// </summary>
public class StandaloneEmulatorTests
{
    private const int SigTerm = 15;

    [Fact]
    public async Task PrintsItsLoopbackUrlAndCredentialsAndStopsOnSigterm()
    {
        if (OperatingSystem.IsWindows())
        {
            // Windows has no SIGTERM; Ctrl+C there goes through the same host lifetime.
            return;
        }

        using var process = StartEmulator();
        try
        {
            var uri = new Uri(ValueAfter(await NextLineAsync(process), "CloudBlueMca emulator listening on "));
            Assert.Equal("demo-key", ValueAfter(await NextLineAsync(process), "APS consumer key: "));
            Assert.Equal("demo-secret", ValueAfter(await NextLineAsync(process), "APS consumer secret: "));
            Assert.Equal("498c7d95-54ef-45c1-9877-da03ec230993", ValueAfter(await NextLineAsync(process), "APS application instance id: "));
            Assert.Equal("127.0.0.1", uri.Host);
            using (var http = new HttpClient())
            {
                Assert.Equal(HttpStatusCode.Unauthorized, (await http.GetAsync(new Uri(uri, "aps"))).StatusCode);
            }

            Assert.Equal(0, Kill(process.Id, SigTerm));
            using var exited = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            await process.WaitForExitAsync(exited.Token);
            Assert.Equal(0, process.ExitCode);
        }
        finally
        {
            if (!process.HasExited)
            {
                process.Kill();
            }
        }
    }

    private static Process StartEmulator()
    {
        // The test project references the emulator, so its build (with runtimeconfig) sits next to the tests.
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "CloudBlueMca.Emulator.dll"));
        start.ArgumentList.Add("--port");
        start.ArgumentList.Add("0");
        return Process.Start(start)!;
    }

    private static Task<string?> NextLineAsync(Process process) =>
        process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(30));

    private static string ValueAfter(string? line, string prefix)
    {
        Assert.NotNull(line);
        Assert.StartsWith(prefix, line, StringComparison.Ordinal);
        return line![prefix.Length..];
    }

    [DllImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static extern int Kill(int pid, int signal);
}
