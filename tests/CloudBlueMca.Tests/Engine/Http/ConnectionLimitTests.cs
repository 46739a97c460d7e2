using CloudBlueMca.Engine.Http;
using CloudBlueMca.Engine.Mca;
using Xunit;

namespace CloudBlueMca.Tests.Engine.Http;

public class ConnectionLimitTests
{
    [Fact]
    public void TheNetworkHandlerAllowsAsManyConnectionsAsTheLargestThrottleLimit()
    {
        using var handler = HttpPipeline.CreateHandler(new HttpPipelineOptions());

        Assert.True(handler.MaxConnectionsPerServer >= McaConfirmationWorkflow.MaxThrottleLimit);
    }

    [Fact]
    public void TheConnectionLimitIsSetExplicitlyRatherThanLeftToTheFrameworkDefault()
    {
        using var handler = HttpPipeline.CreateHandler(new HttpPipelineOptions { MaxConnectionsPerServer = 12 });

        Assert.Equal(12, handler.MaxConnectionsPerServer);
    }
}
