using CloudBlueMca.Engine;
using CloudBlueMca.Infrastructure;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Infrastructure;

/// <summary>
/// The Windows PowerShell 5.1 check, fed with made-up lists of loaded assemblies (5.1 cannot run
/// here). Paths are Windows paths as 5.1 reports them.
/// </summary>
public class AssemblyConflictsTests
{
    private const string ModuleFolder = @"C:\Program Files\WindowsPowerShell\Modules\CloudBlueMca\0.1.0";
    private const string AzMsal = @"C:\Program Files\WindowsPowerShell\Modules\Az.Accounts\2.19.0\lib\netfx\Microsoft.Identity.Client.dll";

    private static readonly AssemblyFile[] Shipped =
    {
        new("Microsoft.Identity.Client", new Version(4, 92, 0, 0), ModuleFolder + @"\dependencies\Microsoft.Identity.Client.dll"),
        new("Microsoft.IdentityModel.Abstractions", new Version(8, 14, 0, 0), ModuleFolder + @"\dependencies\Microsoft.IdentityModel.Abstractions.dll"),
        new("System.Text.Json", new Version(6, 0, 0, 0), ModuleFolder + @"\dependencies\System.Text.Json.dll"),
        new("System.Memory", new Version(4, 0, 1, 2), ModuleFolder + @"\dependencies\System.Memory.dll"),
    };

    [Fact]
    public void AnOlderMsalLoadedByAnotherModuleIsAConflict()
    {
        var loaded = new[] { new AssemblyFile("Microsoft.Identity.Client", new Version(4, 61, 3, 0), AzMsal) };

        var conflict = Assert.Single(AssemblyConflicts.Find(loaded, Shipped, ModuleFolder));

        Assert.Equal("Microsoft.Identity.Client", conflict.Shipped.Name);
        Assert.Equal(new Version(4, 61, 3, 0), conflict.Loaded.Version);
        Assert.Equal("Az.Accounts", conflict.ProbableModule);
    }

    [Fact]
    public void ANewerVersionIsAConflictToo()
    {
        var loaded = new[] { new AssemblyFile("System.Text.Json", new Version(8, 0, 0, 0), @"C:\Modules\User\Microsoft.Graph.Authentication\2.25.0\Dependencies\Desktop\System.Text.Json.dll") };

        var conflict = Assert.Single(AssemblyConflicts.Find(loaded, Shipped, ModuleFolder));

        Assert.Equal("System.Text.Json", conflict.Shipped.Name);
        Assert.Equal("Microsoft.Graph.Authentication", conflict.ProbableModule);
    }

    [Fact]
    public void EveryIdentityModelAssemblyIsWatched()
    {
        var loaded = new[] { new AssemblyFile("Microsoft.IdentityModel.Abstractions", new Version(6, 22, 0, 0), @"C:\Program Files\WindowsPowerShell\Modules\ExchangeOnlineManagement\3.4.0\netFramework\Microsoft.IdentityModel.Abstractions.dll") };

        var conflict = Assert.Single(AssemblyConflicts.Find(loaded, Shipped, ModuleFolder));

        Assert.Equal("ExchangeOnlineManagement", conflict.ProbableModule);
    }

    [Fact]
    public void TheSameVersionIsNoConflict()
    {
        var loaded = new[] { new AssemblyFile("Microsoft.Identity.Client", new Version(4, 92, 0, 0), AzMsal) };

        Assert.Empty(AssemblyConflicts.Find(loaded, Shipped, ModuleFolder));
    }

    [Fact]
    public void OnceTheModulesOwnCopyIsLoadedTheEngineIsBoundAndNothingConflicts()
    {
        var loaded = new[]
        {
            new AssemblyFile("Microsoft.Identity.Client", new Version(4, 92, 0, 0), Shipped[0].Location),
            new AssemblyFile("Microsoft.Identity.Client", new Version(4, 61, 3, 0), AzMsal),
        };

        Assert.Empty(AssemblyConflicts.Find(loaded, Shipped, ModuleFolder));
    }

    [Fact]
    public void AssembliesOutsideTheWatchedSetAreLeftAlone()
    {
        var loaded = new[] { new AssemblyFile("System.Memory", new Version(4, 0, 1, 1), @"C:\Windows\Microsoft.NET\assembly\GAC_MSIL\System.Memory\System.Memory.dll") };

        Assert.Empty(AssemblyConflicts.Find(loaded, Shipped, ModuleFolder));
    }

    [Fact]
    public void NothingLoadedIsNoConflict() => Assert.Empty(AssemblyConflicts.Find(Array.Empty<AssemblyFile>(), Shipped, ModuleFolder));

    [Theory]
    [InlineData(AzMsal, "Az.Accounts")]
    [InlineData(@"C:\Users\me\Documents\WindowsPowerShell\Modules\PnP.PowerShell\1.12.0\Framework\Microsoft.Identity.Client.dll", "PnP.PowerShell")]
    [InlineData(@"C:\Modules\Global\Az.Accounts\Microsoft.Identity.Client.dll", "Az.Accounts")]
    [InlineData(@"C:\Modules\User\Microsoft.Graph.Authentication\Dependencies\Desktop\Microsoft.Identity.Client.dll", "Microsoft.Graph.Authentication")]
    [InlineData(@"C:\Program Files\WindowsPowerShell\Modules\MSAL.PS\Microsoft.Identity.Client.dll", "MSAL.PS")]
    [InlineData(@"C:\tools\msal\Microsoft.Identity.Client.dll", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void TheProbableModuleIsToldFromThePath(string? location, string? module)
    {
        Assert.Equal(module, AssemblyConflicts.ProbableModule(location));
    }

    [Fact]
    public void TheErrorNamesBothVersionsTheModuleAndTheFix()
    {
        var loaded = new[] { new AssemblyFile("Microsoft.Identity.Client", new Version(4, 61, 3, 0), AzMsal) };

        // The error record itself is built by the real PowerShell (this host has PowerShellStandard's stubs):
        // tests/Pester/AssemblyIsolation.Tests.ps1 checks its id through a real cmdlet.
        var message = AssemblyConflicts.Describe(AssemblyConflicts.Find(loaded, Shipped, ModuleFolder));
        Assert.Contains("Microsoft.Identity.Client 4.61.3.0", message, StringComparison.Ordinal);
        Assert.Contains("needs 4.92.0.0", message, StringComparison.Ordinal);
        Assert.Contains(AzMsal, message, StringComparison.Ordinal);
        Assert.Contains("probably by the module Az.Accounts", message, StringComparison.Ordinal);
        Assert.Contains("import CloudBlueMca before Az.Accounts", message, StringComparison.Ordinal);
        Assert.Contains("PowerShell 7", message, StringComparison.Ordinal);
    }

    [Fact]
    public void TheShippedListIsReadFromTheBuiltModuleWithoutTheUnwatchedOnes()
    {
        var shipped = AssemblyConflicts.ShippedIn(RepositoryFiles.PathOf("out", "CloudBlueMca", "dependencies"));

        Assert.Contains(shipped, s => s.Name == "Microsoft.Identity.Client" && s.Version == typeof(Microsoft.Identity.Client.PublicClientApplication).Assembly.GetName().Version);
        Assert.Contains(shipped, s => s.Name == "System.Text.Json");
        Assert.DoesNotContain(shipped, s => s.Name == "System.Memory" || s.Name == "CloudBlueMca.Engine");
    }

    [Fact]
    public void TheCheckIsOffOnPowerShell7UnlessATestAsks()
    {
        Assert.False(AssemblyConflicts.Applies);
        Assert.Empty(AssemblyConflicts.InThisSession());
    }
}
