using System;
using System.Collections.Generic;
using System.IO;
using System.Reflection;
using System.Runtime.Loader;

namespace CloudBlueMca.Loader
{
    /// <summary>
    /// The private load context that holds CloudBlueMca.Engine and its dependencies (MSAL,
    /// Microsoft.IdentityModel.Abstractions and, where the runtime's own copy is older, the
    /// System.* packages) on PowerShell 7. Another module's copy of MSAL in the default context
    /// (Az.Accounts, Microsoft.Graph, ExchangeOnlineManagement, PnP.PowerShell) is then never seen
    /// by the engine, and the engine's copy is never seen by them.
    /// </summary>
    /// <remarks>
    /// <see cref="Load"/> is overridden on purpose: a context without it asks the default context
    /// first, which binds the engine to whatever MSAL another module already loaded there (the
    /// failure Microsoft.Graph users reported next to ExchangeOnlineManagement, where even equal
    /// versions broke because types crossed contexts).
    /// </remarks>
    internal sealed class EngineLoadContext : AssemblyLoadContext
    {
        /// <summary>The context's name, as <c>[System.Runtime.Loader.AssemblyLoadContext]::All</c> shows it.</summary>
        internal const string ContextName = "CloudBlueMca";

        private readonly string _dependencyFolder;
        private readonly IReadOnlyDictionary<string, string> _platformAssemblies;

        /// <param name="dependencyFolder">The module's <c>dependencies</c> folder: the engine and every package assembly it needs.</param>
        /// <param name="platformAssemblies">Simple name to path of the assemblies the runtime itself provides (its trusted platform assemblies).</param>
        internal EngineLoadContext(string dependencyFolder, IReadOnlyDictionary<string, string> platformAssemblies)
            : base(ContextName, isCollectible: false)
        {
            _dependencyFolder = dependencyFolder;
            _platformAssemblies = platformAssemblies;
        }

        /// <summary>The runtime's trusted platform assemblies (the shared framework and the host's own), by simple name.</summary>
        internal static IReadOnlyDictionary<string, string> TrustedPlatformAssemblies()
        {
            var assemblies = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
            if (AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES") is string list)
            {
                foreach (var path in list.Split(new[] { Path.PathSeparator }, StringSplitOptions.RemoveEmptyEntries))
                {
                    assemblies[Path.GetFileNameWithoutExtension(path)] = path;
                }
            }

            return assemblies;
        }

        /// <summary>
        /// The file this context loads for <paramref name="name"/>, or null when the default context
        /// must provide it: assemblies the module does not ship (netstandard, the framework), and
        /// framework assemblies the runtime has in the same or a newer version. The module ships the
        /// netstandard2.0 builds of packages such as System.Memory, which define types (Span, say)
        /// that the runtime defines too; loading them here would make a second, incompatible copy of
        /// those types. Only where the module's copy is strictly newer than the runtime's (System.Text.Json
        /// or System.Formats.Asn1 on an older runtime) can the runtime's copy not serve, and the module's is used.
        /// </summary>
        internal string? ResolvePath(AssemblyName name)
        {
            if (string.IsNullOrEmpty(name.Name))
            {
                return null;
            }

            var candidate = Path.Combine(_dependencyFolder, name.Name + ".dll");
            if (!File.Exists(candidate))
            {
                return null;
            }

            if (_platformAssemblies.TryGetValue(name.Name, out var platformPath) && !IsNewer(candidate, platformPath))
            {
                return null;
            }

            return candidate;
        }

        protected override Assembly? Load(AssemblyName assemblyName)
        {
            var path = ResolvePath(assemblyName);
            return path == null ? null : LoadFromAssemblyPath(path);
        }

        private static bool IsNewer(string modulePath, string platformPath)
        {
            var moduleVersion = AssemblyName.GetAssemblyName(modulePath).Version;
            var platformVersion = AssemblyName.GetAssemblyName(platformPath).Version;
            return moduleVersion != null && platformVersion != null && moduleVersion > platformVersion;
        }
    }
}
