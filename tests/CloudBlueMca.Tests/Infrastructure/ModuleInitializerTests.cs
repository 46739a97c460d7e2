using System.Management.Automation;
using System.Reflection;
using CloudBlueMca.Bootstrap;
using CloudBlueMca.Infrastructure;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Infrastructure;

public class ModuleInitializerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cbmca-init-").FullName;

    [Fact]
    public void AnyRequestedVersionResolvesToTheCopyInTheFolder()
    {
        File.WriteAllText(Path.Combine(_folder, "System.Memory.dll"), string.Empty);

        var path = ModuleInitializer.FindInFolder(_folder, "System.Memory, Version=4.0.1.1, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51");

        Assert.Equal(Path.Combine(_folder, "System.Memory.dll"), path);
    }

    [Fact]
    public void AssembliesTheModuleDoesNotShipAreLeftToOthers()
    {
        Assert.Null(ModuleInitializer.FindInFolder(_folder, "Some.Other.Assembly, Version=1.0.0.0"));
    }

    [Theory]
    [InlineData("/modules/CloudBlueMca/CloudBlueMca.dll", true)]
    [InlineData("/modules/CloudBlueMca/dependencies/CloudBlueMca.Engine.dll", true)]
    [InlineData("", true)]
    [InlineData(null, true)]
    [InlineData("/modules/Az.Accounts/2.19.0/lib/netfx/Microsoft.Identity.Client.dll", false)]
    [InlineData("/modules/CloudBlueMcaOther/x.dll", false)]
    public void OnlyTheModulesOwnRequestsAreAnswered(string? requester, bool answered)
    {
        Assert.Equal(answered, ModuleInitializer.IsModuleRequest(requester, "/modules/CloudBlueMca/"));
    }

    [Fact]
    public void TheWindowsPowerShellResolverIsNotUsedOnPowerShell7()
    {
        Assert.False(ModuleInitializer.IsNetFramework());
    }

    [Fact]
    public void PowerShellRunsTheInitializerOnImport()
    {
        Assert.True(typeof(IModuleAssemblyInitializer).IsAssignableFrom(typeof(ModuleInitializer)));
        Assert.True(typeof(IModuleAssemblyCleanup).IsAssignableFrom(typeof(ModuleInitializer)));
    }

    [Fact]
    public void TheBootstrapCallsTheInstallerByItsRealName()
    {
        // The nested module calls Install by name before PowerShell reads the cmdlets; a rename must not break it silently.
        var install = typeof(ModuleInitializer).GetMethod(BootstrapInitializer.InstallMethodName, BindingFlags.Public | BindingFlags.Static);

        Assert.Equal(typeof(ModuleInitializer).FullName, BootstrapInitializer.InitializerTypeName);
        Assert.NotNull(install);
        Assert.Empty(install!.GetParameters());
        Assert.Equal(BootstrapInitializer.CmdletAssemblyFile, Path.GetFileName(typeof(ModuleInitializer).Assembly.Location));
    }

    [Fact]
    public void TheBootstrapIsAModuleInitializerWithoutDependencies()
    {
        Assert.True(typeof(IModuleAssemblyInitializer).IsAssignableFrom(typeof(BootstrapInitializer)));
        Assert.All(typeof(BootstrapInitializer).Assembly.GetReferencedAssemblies(), reference => Assert.Contains(reference.Name, new[] { "netstandard", "System.Management.Automation" }));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
