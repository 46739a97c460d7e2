using CloudBlueMca.Emulator.Hosting;

namespace CloudBlueMca.Tests.Support;

/// <summary>
/// The emulator adds a request to its log after the response went out, so a client can finish
/// before the log has the entry. Tests that count requests wait for the log to settle first.
/// </summary>
public static class RequestLogSettling
{
    public static async Task<IReadOnlyList<LoggedRequest>> SettledAsync(this RequestLog log, int atLeast)
    {
        var deadline = DateTime.UtcNow.AddSeconds(5);
        while (log.Count < atLeast && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        // A little longer, so an unexpected extra request would show up too.
        await Task.Delay(100);
        return log.Entries;
    }
}
