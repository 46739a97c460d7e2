# Runs before PowerShell reads the cmdlets: the manifest lists it in NestedModules, which PowerShell
# imports before the RootModule. The cmdlet classes name engine types (base classes, OutputType),
# and the engine lives in the dependencies folder, which only the module's resolver knows; so the
# resolver must be in place before CloudBlueMca.dll is read. Loading the dll runs none of its code
# and reads none of its types; ModuleInitializer.Install does the rest (see its comments).
# Exports nothing.
$cmdletAssembly = [System.Reflection.Assembly]::LoadFrom((Join-Path $PSScriptRoot 'CloudBlueMca.dll'))
$cmdletAssembly.GetType('CloudBlueMca.Infrastructure.ModuleInitializer', $true)::Install()
Export-ModuleMember
