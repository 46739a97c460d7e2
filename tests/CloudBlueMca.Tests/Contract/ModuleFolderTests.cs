using System.Reflection.Metadata;
using System.Reflection.PortableExecutable;
using System.Text.RegularExpressions;
using CloudBlueMca.Tests.Support;
using Xunit;

namespace CloudBlueMca.Tests.Contract;

/// <summary>
/// out/CloudBlueMca, the folder users import, holds exactly what the module needs: the files the
/// manifest names and the PowerShell 7 loader at the top, every assembly the engine needs
/// (transitively) in dependencies/, and nothing else. In particular no PowerShell runtime
/// assembly, which would clash with the host's own, and no dependency at the top, where default
/// probing would find it and load it beside another module's copy.
/// </summary>
public class ModuleFolderTests
{
    // Provided by every host: the netstandard facade and the framework's own assemblies, and
    // PowerShell itself. Anything else a module assembly references must ship in the folder.
    private static readonly HashSet<string> HostProvided = new(StringComparer.OrdinalIgnoreCase)
    {
        "netstandard", "mscorlib", "System.Management.Automation",
    };

    private static readonly string ModuleFolder = RepositoryFiles.PathOf("out", "CloudBlueMca");

    private static readonly string DependencyFolder = Path.Combine(ModuleFolder, "dependencies");

    // Loaded into the default context by path on PowerShell 7 only; nothing references it.
    private const string LoaderFile = "CloudBlueMca.Loader.dll";

    private static string Manifest => File.ReadAllText(Path.Combine(ModuleFolder, "CloudBlueMca.psd1"));

    [Fact]
    public void TheManifestIsStampedAndNamesFilesThatExist()
    {
        Assert.Matches(@"ModuleVersion\s*=\s*'\d+\.\d+\.\d+'", Manifest);
        Assert.DoesNotContain("{{", Manifest, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(ModuleFolder, RootModule())), "RootModule is missing from the module folder.");
        foreach (var file in FormatsToProcess().Concat(NestedModules()))
        {
            Assert.True(File.Exists(Path.Combine(ModuleFolder, file)), $"{file} is missing from the module folder.");
        }
    }

    [Fact]
    public void EveryAssemblyTheModuleNeedsIsThere()
    {
        Closure(out var unresolved);

        Assert.Empty(unresolved);
    }

    [Fact]
    public void NothingStrayIsThere()
    {
        var rootModule = RootModule();
        var expectedTop = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "CloudBlueMca.psd1", rootModule, LoaderFile };
        expectedTop.UnionWith(FormatsToProcess());
        expectedTop.UnionWith(NestedModules());
        var expectedDependencies = BuildRuntimeAssemblies().Where(name => !name.Equals(rootModule, StringComparison.OrdinalIgnoreCase)).ToHashSet(StringComparer.OrdinalIgnoreCase);

        AssertSameFiles(expectedTop, ModuleFolder);
        AssertSameFiles(expectedDependencies, DependencyFolder);
        Assert.Equal(new[] { "dependencies", "en-US" }, Directory.GetDirectories(ModuleFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Empty(Directory.GetDirectories(DependencyFolder));
    }

    [Fact]
    public void TheEngineAndItsDependenciesAreOnlyInTheDependencyFolder()
    {
        var top = Directory.GetFiles(ModuleFolder, "*.dll").Select(Path.GetFileName).Order(StringComparer.OrdinalIgnoreCase);

        Assert.Equal(new[] { RootModule(), LoaderFile }.Concat(NestedModules()).Order(StringComparer.OrdinalIgnoreCase), top);
        Assert.True(File.Exists(Path.Combine(DependencyFolder, "CloudBlueMca.Engine.dll")));
        Assert.True(File.Exists(Path.Combine(DependencyFolder, "Microsoft.Identity.Client.dll")));
    }

    [Fact]
    public void TheLoaderHasNoDependencyOfItsOwn()
    {
        // It lives in the default context, where any package it referenced could clash.
        var references = References(Path.Combine(ModuleFolder, LoaderFile));

        Assert.All(references, reference => Assert.True(reference.StartsWith("System.", StringComparison.Ordinal), $"The loader references {reference}."));
    }

    private static void AssertSameFiles(HashSet<string> expected, string folder)
    {
        var present = Directory.GetFiles(folder, "*", SearchOption.TopDirectoryOnly).Select(f => Path.GetFileName(f)!).ToHashSet(StringComparer.OrdinalIgnoreCase);
        Assert.Empty(present.Except(expected));
        Assert.Empty(expected.Except(present));
    }

    [Fact]
    public void NoPowerShellRuntimeAssemblyLeaksIn()
    {
        var leaked = Directory.GetFiles(ModuleFolder, "*.dll", SearchOption.AllDirectories)
            .Select(Path.GetFileName)
            .Where(name => name!.StartsWith("System.Management.Automation", StringComparison.OrdinalIgnoreCase) || name.StartsWith("Microsoft.PowerShell", StringComparison.OrdinalIgnoreCase))
            .ToList();

        Assert.Empty(leaked);
    }

    /// <summary>
    /// The runtime assemblies the build resolved for the cmdlet project (its .deps.json): the
    /// module's own dlls and every package dll they depend on, without compile-only references
    /// such as PowerShellStandard.Library.
    /// </summary>
    private static IEnumerable<string> BuildRuntimeAssemblies()
    {
        var depsFile = Directory.GetFiles(RepositoryFiles.PathOf("src", "CloudBlueMca", "bin"), "CloudBlueMca.deps.json", SearchOption.AllDirectories)
            .OrderByDescending(File.GetLastWriteTimeUtc)
            .First();
        using var deps = System.Text.Json.JsonDocument.Parse(File.ReadAllText(depsFile));
        var runtimeTarget = deps.RootElement.GetProperty("runtimeTarget").GetProperty("name").GetString()!;
        foreach (var library in deps.RootElement.GetProperty("targets").GetProperty(runtimeTarget).EnumerateObject())
        {
            if (library.Value.TryGetProperty("runtime", out var runtime))
            {
                foreach (var asset in runtime.EnumerateObject())
                {
                    yield return Path.GetFileName(asset.Name);
                }
            }
        }
    }

    private static string RootModule() => Regex.Match(Manifest, @"RootModule\s*=\s*'([^']+)'").Groups[1].Value;

    private static IEnumerable<string> FormatsToProcess() => ManifestList("FormatsToProcess");

    private static IEnumerable<string> NestedModules() => ManifestList("NestedModules");

    private static IEnumerable<string> ManifestList(string key)
    {
        var list = Regex.Match(Manifest, key + @"\s*=\s*@\(([^)]*)\)").Groups[1].Value;
        return Regex.Matches(list, "'([^']+)'").Select(m => m.Groups[1].Value);
    }

    /// <summary>The root module and every module assembly it references, transitively, from the top folder or dependencies/.</summary>
    private static List<string> Closure(out List<string> unresolved)
    {
        unresolved = new List<string>();
        var found = new List<string>();
        var pending = new Queue<string>(new[] { Path.Combine(ModuleFolder, RootModule()) });
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { Path.GetFileNameWithoutExtension(RootModule()) };
        while (pending.Count > 0)
        {
            var path = pending.Dequeue();
            found.Add(path);
            foreach (var reference in References(path))
            {
                if (HostProvided.Contains(reference) || !seen.Add(reference))
                {
                    continue;
                }

                var candidate = new[] { ModuleFolder, DependencyFolder }.Select(folder => Path.Combine(folder, reference + ".dll")).FirstOrDefault(File.Exists);
                if (candidate != null)
                {
                    pending.Enqueue(candidate);
                }
                else if (!IsFrameworkFacade(reference))
                {
                    unresolved.Add($"{Path.GetFileName(path)} -> {reference}");
                }
            }
        }

        return found;
    }

    /// <summary>
    /// netstandard2.0 packages may reference framework assemblies by name (System.Runtime,
    /// System.Net.Http...) that netstandard.dll forwards on every host; those need not ship.
    /// </summary>
    private static bool IsFrameworkFacade(string name) =>
        name.StartsWith("System.", StringComparison.Ordinal) && File.Exists(Path.Combine(Path.GetDirectoryName(typeof(object).Assembly.Location)!, name + ".dll"))
        && !name.StartsWith("System.Management.Automation", StringComparison.Ordinal)
        && !PackageAssemblies.Contains(name);

    // Package-provided assemblies that .NET also has in-box but .NET Framework 4.7.2 (Windows PowerShell 5.1) does not.
    private static readonly HashSet<string> PackageAssemblies = new(StringComparer.OrdinalIgnoreCase)
    {
        "System.Text.Json", "System.Memory", "System.Buffers", "System.Text.Encodings.Web", "System.Threading.Tasks.Extensions",
        "System.Numerics.Vectors", "System.Runtime.CompilerServices.Unsafe", "System.Diagnostics.DiagnosticSource", "System.Formats.Asn1",
        "System.Security.Cryptography.Cng", "System.Text.Encoding.CodePages", "System.Collections.Immutable", "System.IO.Pipelines",
    };

    private static IEnumerable<string> References(string path)
    {
        using var stream = File.OpenRead(path);
        using var pe = new PEReader(stream);
        var reader = pe.GetMetadataReader();
        return reader.AssemblyReferences.Select(handle => reader.GetString(reader.GetAssemblyReference(handle).Name)).ToList();
    }
}
