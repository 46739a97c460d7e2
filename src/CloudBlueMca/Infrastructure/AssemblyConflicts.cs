using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Management.Automation;
using System.Reflection;
using System.Text.RegularExpressions;
using CloudBlueMca.Engine;

namespace CloudBlueMca.Infrastructure
{
    /// <summary>
    /// Windows PowerShell 5.1 has one AppDomain and no load contexts: when another module (Az.Accounts,
    /// Microsoft.Graph, ExchangeOnlineManagement, PnP.PowerShell) has already loaded its own
    /// Microsoft.Identity.Client, System.Text.Json or Microsoft.IdentityModel.* and the module's copy
    /// is not loaded yet, the engine would bind to a version it was not built for and fail deep
    /// inside a sign-in or a JSON read, or break the other module. This finds that situation before
    /// the first engine call so the cmdlet can stop with a terminating <c>AssemblyConflict</c> error
    /// that says which versions clash, who probably loaded the other one and what to do.
    /// PowerShell 7 does not need it: the engine runs in its own load context (CloudBlueMca.Loader).
    /// This type must not reference engine types (the error id is a constant, compiled in): it runs before they may be loaded.
    /// </summary>
    internal static class AssemblyConflicts
    {
        /// <summary>
        /// Test seam: runs the check on PowerShell 7 too, where it is otherwise off. Set only by
        /// tests (through reflection) to drive the real cmdlet path with a real conflicting assembly.
        /// </summary>
        internal static bool CheckOnEveryRuntime { get; set; }

        private static readonly Lazy<IReadOnlyList<AssemblyFile>> Shipped = new Lazy<IReadOnlyList<AssemblyFile>>(() => ShippedIn(ModuleInitializer.DependencyFolder));

        private static readonly Regex VersionFolder = new Regex(@"^\d+(\.\d+){1,3}$", RegexOptions.CultureInvariant);

        /// <summary>True where the check must run: Windows PowerShell (or a test that asks for it).</summary>
        internal static bool Applies => CheckOnEveryRuntime || ModuleInitializer.IsNetFramework();

        /// <summary>
        /// Assemblies whose clash breaks sign-in or JSON: the ones the issue trackers of the big
        /// Microsoft modules are full of. Other shipped assemblies (System.Memory and friends) load
        /// side by side on .NET Framework or are answered by ModuleInitializer's resolver.
        /// </summary>
        internal static bool IsWatched(string name) =>
            string.Equals(name, "Microsoft.Identity.Client", StringComparison.OrdinalIgnoreCase)
            || string.Equals(name, "System.Text.Json", StringComparison.OrdinalIgnoreCase)
            || name.StartsWith("Microsoft.IdentityModel.", StringComparison.OrdinalIgnoreCase);

        /// <summary>
        /// The clashes between what is loaded and what the module ships: for each watched assembly
        /// the module ships, a loaded copy of another version, unless the module's own copy is
        /// already loaded too (then the engine is bound to it and nothing can go wrong any more).
        /// </summary>
        /// <param name="loaded">The assemblies loaded in the session.</param>
        /// <param name="shipped">The watched assemblies in the module's dependencies folder.</param>
        /// <param name="moduleFolder">The module folder: a loaded copy from inside it is the module's own.</param>
        internal static IReadOnlyList<AssemblyConflict> Find(IEnumerable<AssemblyFile> loaded, IEnumerable<AssemblyFile> shipped, string moduleFolder)
        {
            var loadedList = loaded.ToList();
            var conflicts = new List<AssemblyConflict>();
            foreach (var ours in shipped.Where(s => IsWatched(s.Name)))
            {
                var sameName = loadedList.Where(l => string.Equals(l.Name, ours.Name, StringComparison.OrdinalIgnoreCase)).ToList();
                if (sameName.Any(l => ModuleInitializer.IsInside(l.Location, moduleFolder)))
                {
                    continue;
                }

                var other = sameName.FirstOrDefault(l => l.Version != ours.Version);
                if (other != null)
                {
                    conflicts.Add(new AssemblyConflict(ours, other, ProbableModule(other.Location)));
                }
            }

            return conflicts;
        }

        /// <summary>
        /// The module that probably loaded the assembly at <paramref name="location"/>, told from the
        /// path: the folder above a version folder (<c>...\Modules\Az.Accounts\2.19.0\lib\netfx\...</c>),
        /// else the folder under a <c>Modules</c> folder (or under its Global or User folder, as in
        /// Azure Automation); null when the path says neither.
        /// </summary>
        internal static string? ProbableModule(string? location)
        {
            if (string.IsNullOrEmpty(location))
            {
                return null;
            }

            var parts = location!.Split(new[] { '\\', '/' }, StringSplitOptions.RemoveEmptyEntries);
            for (var i = parts.Length - 2; i > 0; i--)
            {
                if (VersionFolder.IsMatch(parts[i]))
                {
                    return parts[i - 1];
                }
            }

            for (var i = parts.Length - 3; i >= 0; i--)
            {
                if (string.Equals(parts[i], "Modules", StringComparison.OrdinalIgnoreCase))
                {
                    // Azure Automation keeps modules in C:\Modules\Global\<name> and C:\Modules\User\<name>.
                    var scoped = i + 3 < parts.Length && (string.Equals(parts[i + 1], "Global", StringComparison.OrdinalIgnoreCase) || string.Equals(parts[i + 1], "User", StringComparison.OrdinalIgnoreCase));
                    return scoped ? parts[i + 2] : parts[i + 1];
                }
            }

            return null;
        }

        /// <summary>The terminating error for <paramref name="conflicts"/> (one or more); its message is <see cref="Describe"/>.</summary>
        internal static ErrorRecord ToErrorRecord(IReadOnlyList<AssemblyConflict> conflicts) =>
            new ErrorRecord(new InvalidOperationException(Describe(conflicts)), ErrorIds.AssemblyConflict, ErrorCategory.ResourceUnavailable, conflicts[0].Loaded.Location);

        /// <summary>What clashes (both versions, where the other copy came from and which module probably loaded it) and the fix.</summary>
        internal static string Describe(IReadOnlyList<AssemblyConflict> conflicts)
        {
            var clashes = conflicts.Select(c =>
                $"{c.Shipped.Name} {c.Loaded.Version} is already loaded from '{c.Loaded.Location}'"
                + (c.ProbableModule == null ? string.Empty : $" (probably by the module {c.ProbableModule})")
                + $", and CloudBlueMca needs {c.Shipped.Version}.");
            var modules = conflicts.Select(c => c.ProbableModule).Where(m => m != null).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
            var others = modules.Count == 0 ? "the module that loaded it" : string.Join(" and ", modules);
            return string.Join(" ", clashes)
                + " Windows PowerShell holds one copy of an assembly per session, so CloudBlueMca cannot run beside it."
                + $" Start a new session and import CloudBlueMca before {others} (Import-Module CloudBlueMca first), or run the script in a session of its own;"
                + " in PowerShell 7 CloudBlueMca loads its own copies in isolation and works beside any version.";
        }

        /// <summary>The conflicts in the current session (none where the check does not apply).</summary>
        internal static IReadOnlyList<AssemblyConflict> InThisSession()
        {
            if (!Applies)
            {
                return Array.Empty<AssemblyConflict>();
            }

            var loaded = AppDomain.CurrentDomain.GetAssemblies()
                .Where(a => !a.IsDynamic && IsWatched(a.GetName().Name ?? string.Empty))
                .Select(a => new AssemblyFile(a.GetName().Name!, a.GetName().Version, a.Location));
            return Find(loaded, Shipped.Value, ModuleInitializer.ModuleFolder);
        }

        /// <summary>The watched assemblies in <paramref name="folder"/>, read from their metadata without loading them.</summary>
        internal static IReadOnlyList<AssemblyFile> ShippedIn(string folder) =>
            Directory.Exists(folder)
                ? Directory.GetFiles(folder, "*.dll")
                    .Where(path => IsWatched(Path.GetFileNameWithoutExtension(path)))
                    .Select(path => new AssemblyFile(Path.GetFileNameWithoutExtension(path), AssemblyName.GetAssemblyName(path).Version, path))
                    .ToList()
                : (IReadOnlyList<AssemblyFile>)Array.Empty<AssemblyFile>();

    }

    /// <summary>An assembly by simple name, version and file (a loaded one, or one the module ships).</summary>
    internal sealed class AssemblyFile
    {
        internal AssemblyFile(string name, Version? version, string? location)
        {
            Name = name;
            Version = version;
            Location = location;
        }

        internal string Name { get; }

        internal Version? Version { get; }

        internal string? Location { get; }
    }

    /// <summary>One clash: the module's copy, the loaded copy of another version, and the module that probably loaded it.</summary>
    internal sealed class AssemblyConflict
    {
        internal AssemblyConflict(AssemblyFile shipped, AssemblyFile loaded, string? probableModule)
        {
            Shipped = shipped;
            Loaded = loaded;
            ProbableModule = probableModule;
        }

        internal AssemblyFile Shipped { get; }

        internal AssemblyFile Loaded { get; }

        internal string? ProbableModule { get; }
    }
}
