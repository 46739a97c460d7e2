using System;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace CloudBlueMca.Loader
{
    /// <summary>
    /// Hands CloudBlueMca.Engine, and only it, from the private <see cref="EngineLoadContext"/> to
    /// the default context, where the cmdlet assembly asks for it. Everything the engine needs is
    /// then resolved by the private context. One context per process: Remove-Module and
    /// Import-Module again reuse it, as PowerShell reuses the already loaded cmdlet assembly.
    /// </summary>
    public static class EngineResolver
    {
        /// <summary>The engine's simple assembly name; the only name this resolver answers.</summary>
        public const string EngineAssemblyName = "CloudBlueMca.Engine";

        private static readonly object Gate = new object();
        private static EngineLoadContext? _context;
        private static Version? _engineVersion;
        private static bool _registered;

        /// <summary>
        /// Creates the private context for <paramref name="dependencyFolder"/> (once per process) and
        /// starts answering the default context's requests for the engine. Called by the cmdlet
        /// assembly's module initializer on import, through reflection; calling it again is harmless.
        /// </summary>
        /// <param name="dependencyFolder">The module's <c>dependencies</c> folder, holding CloudBlueMca.Engine.dll.</param>
        /// <exception cref="FileNotFoundException">The folder has no CloudBlueMca.Engine.dll: the module folder is incomplete.</exception>
        public static void Register(string dependencyFolder)
        {
            lock (Gate)
            {
                if (_context == null)
                {
                    var enginePath = Path.Combine(dependencyFolder, EngineAssemblyName + ".dll");
                    if (!File.Exists(enginePath))
                    {
                        throw new FileNotFoundException($"The CloudBlueMca module folder is incomplete: '{enginePath}' is missing. Reinstall the module.", enginePath);
                    }

                    _engineVersion = AssemblyName.GetAssemblyName(enginePath).Version;
                    _context = new EngineLoadContext(dependencyFolder, EngineLoadContext.TrustedPlatformAssemblies());
                }

                if (!_registered)
                {
                    AssemblyLoadContext.Default.Resolving += ResolveEngine;
                    _registered = true;
                }
            }
        }

        /// <summary>Stops answering requests for the engine (Remove-Module). The context and what it loaded stay: .NET cannot unload them.</summary>
        public static void Unregister()
        {
            lock (Gate)
            {
                AssemblyLoadContext.Default.Resolving -= ResolveEngine;
                _registered = false;
            }
        }

        /// <summary>
        /// Another version of the module imported into the same session registers its own resolver;
        /// the version check keeps each one answering only for its own engine.
        /// </summary>
        private static Assembly? ResolveEngine(AssemblyLoadContext requester, AssemblyName name)
        {
            if (!string.Equals(name.Name, EngineAssemblyName, StringComparison.OrdinalIgnoreCase)
                || (name.Version != null && name.Version != _engineVersion))
            {
                return null;
            }

            return _context?.LoadFromAssemblyName(name);
        }
    }
}
