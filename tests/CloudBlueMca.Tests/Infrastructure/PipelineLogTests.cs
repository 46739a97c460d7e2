using CloudBlueMca.Infrastructure;
using Xunit;

namespace CloudBlueMca.Tests.Infrastructure;

/// <summary>
/// The hop that carries engine messages from worker threads (MSAL's device-code callback, HTTP
/// continuations) to the pipeline thread, where CloudBlueMcaCmdlet.Run writes them.
/// </summary>
public sealed class PipelineLogTests
{
    [Fact]
    public async Task AWarningLoggedOnAnotherThreadWakesThePipelineThreadAndKeepsItsText()
    {
        var log = new PipelineLog();
        var pipelineThread = Environment.CurrentManagedThreadId;
        var loggingThread = 0;
        const string signIn = "To sign in, use a web browser to open the page https://microsoft.com/devicelogin and enter the code ABCD1234 to authenticate.";

        var worker = Task.Run(async () =>
        {
            await Task.Delay(100);
            loggingThread = Environment.CurrentManagedThreadId;
            log.Warning(signIn);
        });
        var woke = System.Diagnostics.Stopwatch.StartNew();
        log.WaitForMessage(10_000);
        woke.Stop();
        await worker;

        Assert.NotEqual(pipelineThread, loggingThread);
        Assert.True(woke.Elapsed < TimeSpan.FromSeconds(5), "The pipeline thread must wake when the message arrives, not at its timeout.");
        Assert.True(log.TryDequeue(out var message));
        Assert.Equal(signIn, Assert.IsType<PipelineLog.WarningMessage>(message).Text);
        Assert.False(log.TryDequeue(out _));
    }

    [Fact]
    public void MessagesLeaveInTheOrderTheyWereLogged()
    {
        var log = new PipelineLog();

        log.Verbose("first");
        log.Warning("second");
        log.Verbose("third");

        var texts = new List<string>();
        while (log.TryDequeue(out var message))
        {
            texts.Add(message switch
            {
                PipelineLog.VerboseMessage verbose => "V:" + verbose.Text,
                PipelineLog.WarningMessage warning => "W:" + warning.Text,
                _ => "?",
            });
        }

        Assert.Equal(new[] { "V:first", "W:second", "V:third" }, texts);
    }
}
