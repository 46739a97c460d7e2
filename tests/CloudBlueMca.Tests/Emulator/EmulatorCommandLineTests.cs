using CloudBlueMca.Emulator.Hosting;
using Xunit;

namespace CloudBlueMca.Tests.Emulator;

/// <summary>The standalone emulator's flags for rehearsing failures: --latency-ms, --fault, --customers.</summary>
public class EmulatorCommandLineTests
{
    [Fact]
    public void ParsesEveryFlag()
    {
        var line = EmulatorCommandLine.Parse(["--port", "0", "--customers", "25", "--latency-ms", "150", "--fault", "/aps/2/resources:503:2", "--fault", "/v1/customers:429", "--fault", "/aps:drop:1"]);

        Assert.Equal(0, line.Port);
        Assert.Equal(25, line.Customers);
        Assert.Equal(TimeSpan.FromMilliseconds(150), line.Latency);
        Assert.Collection(
            line.Faults,
            f => Assert.Equal(("/aps/2/resources", FaultKind.Status, 503, (int?)2), (f.PathPrefix, f.Kind, f.StatusCode, f.Count)),
            f => Assert.Equal(("/v1/customers", FaultKind.Status, 429, (int?)null), (f.PathPrefix, f.Kind, f.StatusCode, f.Count)),
            f => Assert.Equal(("/aps", FaultKind.DropConnection, (int?)1), (f.PathPrefix, f.Kind, f.Count)));
    }

    [Theory]
    [InlineData("--fault", "aps:503")]
    [InlineData("--fault", "/aps")]
    [InlineData("--fault", "/aps:200")]
    [InlineData("--fault", "/aps:503:0")]
    [InlineData("--latency-ms", "-1")]
    [InlineData("--customers", "many")]
    [InlineData("--nonsense", "1")]
    public void RefusesABadFlagByName(string name, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => EmulatorCommandLine.Parse([name, value]));

        Assert.Contains(name, error.Message);
    }
}
