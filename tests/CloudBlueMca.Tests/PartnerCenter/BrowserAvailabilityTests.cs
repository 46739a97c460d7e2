using CloudBlueMca.Engine.PartnerCenter.Auth;
using Xunit;

namespace CloudBlueMca.Tests.PartnerCenter;

/// <summary>When interactive sign-in may open a browser, and when it must fall back to a device code.</summary>
public sealed class BrowserAvailabilityTests
{
    [Theory]
    [InlineData("Windows", true, "", true)]
    [InlineData("Windows", false, "", false)]
    [InlineData("Windows", true, "SSH_CONNECTION=10.0.0.2 50000 10.0.0.1 22", false)]
    [InlineData("Windows", true, "AUTOMATION_ASSET_ACCOUNTID=6f1c8c4e-0d4b-4b0e-9c47-3c1b2a5d7e90", false)]
    [InlineData("MacOS", true, "", true)]
    [InlineData("MacOS", true, "SSH_TTY=/dev/ttys001", false)]
    [InlineData("Unix", true, "", false)]
    [InlineData("Unix", true, "DISPLAY=:0", true)]
    [InlineData("Unix", true, "WAYLAND_DISPLAY=wayland-0", true)]
    [InlineData("Unix", true, "DISPLAY=localhost:10.0;SSH_CONNECTION=10.0.0.2 50000 10.0.0.1 22", true)]
    [InlineData("Unix", true, "DISPLAY=:0;AUTOMATION_ASSET_ACCOUNTID=6f1c8c4e-0d4b-4b0e-9c47-3c1b2a5d7e90", false)]
    public void ABrowserIsOpenedOnlyWhereTheUserCanSeeIt(string platform, bool userInteractive, string variables, bool expected)
    {
        var set = variables.Split(';', StringSplitOptions.RemoveEmptyEntries).Select(v => v.Split('=', 2)).ToDictionary(v => v[0], v => v[1]);

        var visible = InteractiveSignIn.HasVisibleDesktop(Enum.Parse<InteractiveSignIn.HostPlatform>(platform), userInteractive, name => set.TryGetValue(name, out var value) ? value : null);

        Assert.Equal(expected, visible);
    }
}
