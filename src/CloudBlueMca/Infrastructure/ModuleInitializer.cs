using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.ExceptionServices;
using System.Runtime.InteropServices;

namespace CloudBlueMca.Infrastructure
{
    /// <summary>
    /// Makes the engine loadable. The engine and every assembly it needs live in the module's
    /// <c>dependencies</c> folder, where nothing probes by default.
    /// <list type="bullet">
    /// <item>PowerShell 7: loads CloudBlueMca.Loader.dll (next to this assembly, in the default
    /// context) and registers its resolver, which loads the engine and its dependencies into a
    /// private load context, so another module's MSAL or System.Text.Json is never bound to ours.</item>
    /// <item>Windows PowerShell 5.1 (.NET Framework): one AppDomain, no load contexts. An
    /// AssemblyResolve handler answers our own assemblies' requests from the dependencies folder,
    /// whatever version they ask for: nothing applies binding redirects to a module, and System.Text.Json
    /// asks for System.Memory 4.0.1.1 while 4.0.1.2 ships. A copy another module already loaded is
    /// caught by <see cref="AssemblyConflicts"/> before the first engine call.</item>
    /// </list>
    /// PowerShell reads the cmdlet assembly's types (whose base classes and attributes name engine
    /// types) before it runs <see cref="OnImport"/>, so the manifest's nested module
    /// CloudBlueMca.Bootstrap.dll calls <see cref="Install"/> first; OnImport repeats it for an
    /// import of the dll by path. This type must not reference engine types: it runs before they can be loaded.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        /// <summary>The folder, inside the module folder, that holds the engine and its dependencies.</summary>
        internal const string DependencyFolderName = "dependencies";

        private const string LoaderFileName = "CloudBlueMca.Loader.dll";
        private const string LoaderTypeName = "CloudBlueMca.Loader.EngineResolver";

        private static readonly object Gate = new object();
        private static bool _installed;

        /// <summary>The folder this assembly was loaded from: the module folder.</summary>
        internal static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;

        /// <summary>The module's dependencies folder.</summary>
        internal static readonly string DependencyFolder = Path.Combine(ModuleFolder, DependencyFolderName);

        /// <summary>
        /// Registers the resolver for this runtime (see the type's summary); a second call does nothing.
        /// Called by CloudBlueMca.Bootstrap.dll, by name, before PowerShell reads the cmdlets.
        /// </summary>
        /// <exception cref="FileNotFoundException">The module folder lacks the loader or the engine: it is incomplete.</exception>
        public static void Install()
        {
            lock (Gate)
            {
                if (_installed)
                {
                    return;
                }

                if (IsNetFramework())
                {
                    AppDomain.CurrentDomain.AssemblyResolve += ResolveFromDependencyFolder;
                }
                else
                {
                    InvokeLoader("Register", DependencyFolder);
                }

                _installed = true;
            }
        }

        public void OnImport() => Install();

        /// <summary>Remove-Module: stops resolving; what is loaded stays loaded (.NET cannot unload it), and a new import installs again.</summary>
        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            lock (Gate)
            {
                if (IsNetFramework())
                {
                    AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromDependencyFolder;
                }
                else
                {
                    InvokeLoader("Unregister");
                }

                _installed = false;
            }
        }

        internal static bool IsNetFramework() =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        /// <summary>The file in <paramref name="folder"/> with the simple name of <paramref name="requestedName"/>, any version; null when there is none.</summary>
        internal static string? FindInFolder(string folder, string requestedName)
        {
            var simpleName = new AssemblyName(requestedName).Name;
            if (string.IsNullOrEmpty(simpleName))
            {
                return null;
            }

            var candidate = Path.Combine(folder, simpleName + ".dll");
            return File.Exists(candidate) ? candidate : null;
        }

        /// <summary>
        /// True when the request comes from one of the module's own assemblies (or from no
        /// assembly at all): another module's request for, say, an older MSAL is left to that module.
        /// </summary>
        internal static bool IsModuleRequest(string? requestingLocation, string moduleFolder) =>
            string.IsNullOrEmpty(requestingLocation) || IsInside(requestingLocation, moduleFolder);

        /// <summary>True when the file <paramref name="location"/> is inside <paramref name="folder"/> (at any depth).</summary>
        internal static bool IsInside(string? location, string folder)
        {
            var prefix = folder.TrimEnd('\\', '/');
            return !string.IsNullOrEmpty(location)
                && location!.Length > prefix.Length
                && (location[prefix.Length] == '\\' || location[prefix.Length] == '/')
                && location.StartsWith(prefix, StringComparison.OrdinalIgnoreCase);
        }

        private static Assembly? ResolveFromDependencyFolder(object sender, ResolveEventArgs args)
        {
            if (!IsModuleRequest(args.RequestingAssembly?.Location, ModuleFolder))
            {
                return null;
            }

            var path = FindInFolder(DependencyFolder, args.Name);
            return path == null ? null : Assembly.LoadFrom(path);
        }

        // The cmdlet assembly is netstandard2.0 and cannot reference the net6.0 loader, so its two
        // entry points are called by name; Assembly.LoadFrom puts the loader in the default context.
        private static void InvokeLoader(string method, params object[] arguments)
        {
            var loader = Assembly.LoadFrom(Path.Combine(ModuleFolder, LoaderFileName));
            var resolver = loader.GetType(LoaderTypeName, throwOnError: true)!;
            try
            {
                resolver.GetMethod(method, BindingFlags.Public | BindingFlags.Static)!.Invoke(null, arguments);
            }
            catch (TargetInvocationException invocation) when (invocation.InnerException != null)
            {
                ExceptionDispatchInfo.Capture(invocation.InnerException).Throw();
            }
        }
    }
}
