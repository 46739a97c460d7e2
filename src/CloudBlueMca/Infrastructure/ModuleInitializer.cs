using System;
using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.InteropServices;

namespace CloudBlueMca.Infrastructure
{
    /// <summary>
    /// Runs when the module is imported. On Windows PowerShell (.NET Framework) nothing applies
    /// binding redirects to a module's dependencies, so a dependency that asks for an older
    /// version of an assembly the module ships (System.Text.Json asking for System.Memory
    /// 4.0.1.1 while 4.0.1.2 ships, say) fails to load. The handler answers such requests with
    /// the copy in the module folder. On PowerShell 7 the runtime already unifies versions, so
    /// the handler is not registered there.
    /// This type must not reference engine types: it runs before they can be loaded.
    /// </summary>
    public sealed class ModuleInitializer : IModuleAssemblyInitializer, IModuleAssemblyCleanup
    {
        private static readonly string ModuleFolder = Path.GetDirectoryName(typeof(ModuleInitializer).Assembly.Location) ?? string.Empty;

        public void OnImport()
        {
            if (IsNetFramework())
            {
                AppDomain.CurrentDomain.AssemblyResolve += ResolveFromModuleFolder;
            }
        }

        public void OnRemove(PSModuleInfo psModuleInfo)
        {
            AppDomain.CurrentDomain.AssemblyResolve -= ResolveFromModuleFolder;
        }

        internal static bool IsNetFramework() =>
            RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.Ordinal);

        internal static string? FindInModuleFolder(string folder, string requestedName)
        {
            var simpleName = new AssemblyName(requestedName).Name;
            if (string.IsNullOrEmpty(simpleName))
            {
                return null;
            }

            var candidate = Path.Combine(folder, simpleName + ".dll");
            return File.Exists(candidate) ? candidate : null;
        }

        private static Assembly? ResolveFromModuleFolder(object sender, ResolveEventArgs args)
        {
            var path = FindInModuleFolder(ModuleFolder, args.Name);
            return path == null ? null : Assembly.LoadFrom(path);
        }
    }
}
