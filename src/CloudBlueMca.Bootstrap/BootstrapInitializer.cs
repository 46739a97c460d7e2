using System.IO;
using System.Management.Automation;
using System.Reflection;
using System.Runtime.ExceptionServices;

namespace CloudBlueMca.Bootstrap
{
    /// <summary>
    /// Runs when PowerShell imports the manifest's nested module CloudBlueMca.Bootstrap.dll, which
    /// it does before the RootModule CloudBlueMca.dll. The cmdlet classes name engine types (base
    /// classes, OutputType) and the engine lives in the dependencies folder, which only the
    /// module's resolver knows; PowerShell reads those types before it runs the root module's own
    /// initializer. So this loads CloudBlueMca.dll (which runs none of its code and reads none of
    /// its types) and calls its ModuleInitializer.Install first; PowerShell then reuses that
    /// already loaded assembly for the RootModule.
    /// </summary>
    public sealed class BootstrapInitializer : IModuleAssemblyInitializer
    {
        internal const string CmdletAssemblyFile = "CloudBlueMca.dll";
        internal const string InitializerTypeName = "CloudBlueMca.Infrastructure.ModuleInitializer";
        internal const string InstallMethodName = "Install";

        public void OnImport()
        {
            var folder = Path.GetDirectoryName(typeof(BootstrapInitializer).Assembly.Location) ?? string.Empty;
            var cmdlets = Assembly.LoadFrom(Path.Combine(folder, CmdletAssemblyFile));
            var install = cmdlets.GetType(InitializerTypeName, throwOnError: true)!.GetMethod(InstallMethodName, BindingFlags.Public | BindingFlags.Static)!;
            try
            {
                install.Invoke(null, null);
            }
            catch (TargetInvocationException invocation) when (invocation.InnerException != null)
            {
                ExceptionDispatchInfo.Capture(invocation.InnerException).Throw();
            }
        }
    }
}
