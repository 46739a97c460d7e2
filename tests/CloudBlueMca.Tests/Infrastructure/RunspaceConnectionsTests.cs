using CloudBlueMca.Infrastructure;
using Xunit;

namespace CloudBlueMca.Tests.Infrastructure;

/// <summary>The default connection is kept per runspace (objects stand in for runspaces here).</summary>
public class RunspaceConnectionsTests
{
    private object? _current;

    [Fact]
    public void EachRunspaceSeesOnlyItsOwnDefaultAndClearingOneLeavesTheOther()
    {
        var connections = new RunspaceConnections<string>(() => _current);
        var job1 = new object();
        var job2 = new object();

        _current = job1;
        connections.Current = "job 1 connection";
        _current = job2;
        Assert.Null(connections.Current);
        connections.Current = "job 2 connection";
        _current = job1;
        Assert.Equal("job 1 connection", connections.Current);
        _current = job2;
        Assert.Equal("job 2 connection", connections.Current);

        connections.Current = null;

        Assert.Null(connections.Current);
        _current = job1;
        Assert.Equal("job 1 connection", connections.Current);
    }

    [Fact]
    public void WithoutARunspaceNothingIsKept()
    {
        var connections = new RunspaceConnections<string>(() => _current);

        connections.Current = "nowhere";

        Assert.Null(connections.Current);
        _current = new object();
        Assert.Null(connections.Current);
    }
}
