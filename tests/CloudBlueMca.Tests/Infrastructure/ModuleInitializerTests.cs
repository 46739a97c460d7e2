using System.Management.Automation;
using CloudBlueMca.Infrastructure;
using Xunit;

namespace CloudBlueMca.Tests.Infrastructure;

public class ModuleInitializerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("cbmca-init-").FullName;

    [Fact]
    public void AnyRequestedVersionResolvesToTheCopyInTheModuleFolder()
    {
        File.WriteAllText(Path.Combine(_folder, "System.Memory.dll"), string.Empty);

        var path = ModuleInitializer.FindInModuleFolder(_folder, "System.Memory, Version=4.0.1.1, Culture=neutral, PublicKeyToken=cc7b13ffcd2ddd51");

        Assert.Equal(Path.Combine(_folder, "System.Memory.dll"), path);
    }

    [Fact]
    public void AssembliesTheModuleDoesNotShipAreLeftToOthers()
    {
        Assert.Null(ModuleInitializer.FindInModuleFolder(_folder, "Some.Other.Assembly, Version=1.0.0.0"));
    }

    [Fact]
    public void TheResolverIsOnlyNeededOnNetFramework()
    {
        Assert.False(ModuleInitializer.IsNetFramework());
    }

    [Fact]
    public void PowerShellRunsTheInitializerOnImport()
    {
        Assert.True(typeof(IModuleAssemblyInitializer).IsAssignableFrom(typeof(ModuleInitializer)));
        Assert.True(typeof(IModuleAssemblyCleanup).IsAssignableFrom(typeof(ModuleInitializer)));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);
}
