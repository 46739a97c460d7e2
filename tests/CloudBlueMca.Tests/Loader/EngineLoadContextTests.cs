using System.Reflection;
using System.Runtime.Loader;
using CloudBlueMca.Loader;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Loader;

/// <summary>
/// The private load context over the built module's dependencies folder. This test host already
/// has the engine and MSAL in its default context, as a session would after another module loaded
/// its MSAL: the context must load its own copies regardless.
/// </summary>
public class EngineLoadContextTests
{
    private static readonly string DependencyFolder = RepositoryFiles.PathOf("out", "CloudBlueMca", "dependencies");

    private static readonly EngineLoadContext Context = new(DependencyFolder, FrameworkAssemblies());

    [Fact]
    public void MsalComesFromTheDependencyFolderEvenWithACopyInTheDefaultContext()
    {
        Assert.NotNull(typeof(Microsoft.Identity.Client.PublicClientApplication).Assembly);

        var msal = Context.LoadFromAssemblyName(new AssemblyName("Microsoft.Identity.Client"));

        Assert.Same(Context, AssemblyLoadContext.GetLoadContext(msal));
        Assert.Equal(Path.Combine(DependencyFolder, "Microsoft.Identity.Client.dll"), msal.Location);
        Assert.NotSame(typeof(Microsoft.Identity.Client.PublicClientApplication).Assembly, msal);
    }

    [Fact]
    public void TheEnginesOwnReferencesResolveInsideTheContext()
    {
        var engine = Context.LoadFromAssemblyName(new AssemblyName(EngineResolver.EngineAssemblyName));
        var msalReference = engine.GetReferencedAssemblies().Single(r => r.Name == "Microsoft.Identity.Client");

        Assert.Same(Context, AssemblyLoadContext.GetLoadContext(engine));
        Assert.Same(Context, AssemblyLoadContext.GetLoadContext(Context.LoadFromAssemblyName(msalReference)));
    }

    [Fact]
    public void FrameworkAssembliesTheRuntimeHasInTheSameOrANewerVersionComeFromTheRuntime()
    {
        // The module ships the netstandard2.0 System.Memory 4.0.1.2, which defines Span itself; this runtime has a newer one.
        Assert.True(File.Exists(Path.Combine(DependencyFolder, "System.Memory.dll")));

        Assert.Null(Context.ResolvePath(new AssemblyName("System.Memory")));
        Assert.Null(Context.ResolvePath(new AssemblyName("System.Text.Json")));
    }

    [Fact]
    public void AFrameworkAssemblyComesFromTheModuleWhereTheRuntimesCopyIsOlder()
    {
        // A runtime whose System.Text.Json is older than the module's: stand in a 4.0.1.2 file for it.
        var olderRuntime = new Dictionary<string, string> { ["System.Text.Json"] = Path.Combine(DependencyFolder, "System.Memory.dll") };
        var context = new EngineLoadContext(DependencyFolder, olderRuntime);

        Assert.Equal(Path.Combine(DependencyFolder, "System.Text.Json.dll"), context.ResolvePath(new AssemblyName("System.Text.Json")));
    }

    [Fact]
    public void WhatTheModuleDoesNotShipIsLeftToTheDefaultContext()
    {
        Assert.Null(Context.ResolvePath(new AssemblyName("netstandard")));
        Assert.Null(Context.ResolvePath(new AssemblyName("System.Management.Automation")));
        Assert.Null(Context.ResolvePath(new AssemblyName("Newtonsoft.Json")));
    }

    [Fact]
    public void TheContextIsNamedForTheModule() => Assert.Equal("CloudBlueMca", Context.Name);

    /// <summary>
    /// The runtime's part of this host's trusted platform assemblies. The test host's list also
    /// names its NuGet packages (MSAL among them), which pwsh's list does not.
    /// </summary>
    private static IReadOnlyDictionary<string, string> FrameworkAssemblies()
    {
        var runtimeFolder = Path.GetDirectoryName(typeof(object).Assembly.Location)!;
        return EngineLoadContext.TrustedPlatformAssemblies()
            .Where(pair => Path.GetDirectoryName(pair.Value) == runtimeFolder)
            .ToDictionary(pair => pair.Key, pair => pair.Value, StringComparer.OrdinalIgnoreCase);
    }
}
