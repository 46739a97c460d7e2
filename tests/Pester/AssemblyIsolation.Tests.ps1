#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The module beside other modules' MSAL, in real PowerShell 7: each scenario runs in a fresh
# `pwsh -NoProfile` child process, because .NET cannot unload an assembly and the order in which a
# session loads things is the whole point. The copies of MSAL other modules bring are restored from
# NuGet by build/IsolationTestPackages.csproj into out/isolation-packages (once; later runs reuse them).
# NuGet has no MSAL newer than the 4.92.0 the module ships, so the newer-version scenario uses an
# assembly the test builds with MSAL's name and version 4.99.0.0: what matters to the loader is the
# identity already in the default context, not the code inside.

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $script:modulePath = Join-Path $root 'out/CloudBlueMca/CloudBlueMca.psd1'
    $script:dependencyFolder = Join-Path $root 'out/CloudBlueMca/dependencies'
    $packages = Join-Path $root 'out/isolation-packages'
    $script:olderMsal = Join-Path $packages 'microsoft.identity.client/4.61.3/lib/net6.0/Microsoft.Identity.Client.dll'
    $olderAbstractions = Join-Path $packages 'microsoft.identitymodel.abstractions/6.35.0/lib/net6.0/Microsoft.IdentityModel.Abstractions.dll'
    $sameMsal = Join-Path $packages 'microsoft.identity.client/4.92.0/lib/net8.0/Microsoft.Identity.Client.dll'
    if (-not ((Test-Path $script:olderMsal) -and (Test-Path $olderAbstractions) -and (Test-Path $sameMsal))) {
        & dotnet restore (Join-Path $root 'build/IsolationTestPackages.csproj') --packages $packages | Out-Host
        if ($LASTEXITCODE -ne 0) {
            throw "Restoring the MSAL packages for the isolation tests failed (exit code $LASTEXITCODE)."
        }
    }

    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
    $script:emulator = Start-TestEmulator
    $script:shippedMsalVersion = [Reflection.AssemblyName]::GetAssemblyName((Join-Path $script:dependencyFolder 'Microsoft.Identity.Client.dll')).Version.ToString()
    $script:newerFolder = Join-Path ([IO.Path]::GetTempPath()) ('cbmca-newer-msal-' + [guid]::NewGuid().ToString('N'))

    # What every child gets: where things are, and the emulator's demo partner app.
    $env:CLOUDBLUEMCA_ISOLATION_TEST = [pscustomobject]@{
        ModulePath        = $script:modulePath
        OlderMsal         = $script:olderMsal
        OlderAbstractions = $olderAbstractions
        SameMsal          = $sameMsal
        NewerFolder       = $script:newerFolder
        Uri               = $script:emulator.Uri.AbsoluteUri
        TenantId          = $script:emulator.PartnerTenantId
        AppId             = $script:emulator.PartnerApplicationId
        AppSecret         = $script:emulator.PartnerAppSecret
    } | ConvertTo-Json -Compress

    # Helpers defined at the top of every child script.
    $script:prelude = {
        $ErrorActionPreference = 'Stop'
        $settings = $env:CLOUDBLUEMCA_ISOLATION_TEST | ConvertFrom-Json

        function Connect-TestPartnerCenter {
            $credential = [pscredential]::new($settings.AppId, (ConvertTo-SecureString $settings.AppSecret -AsPlainText -Force))
            Connect-PcService -Credential $credential -TenantId $settings.TenantId -ApiUri $settings.Uri -Authority $settings.Uri -PassThru
        }

        # What older Az.Accounts and Microsoft.Graph releases load: MSAL 4.61.3 and the abstractions it was built against.
        function Add-OlderMsal {
            Add-Type -Path $settings.OlderAbstractions
            Add-Type -Path $settings.OlderMsal
        }

        # Where each loaded copy of an assembly is: load context, version, file.
        function Get-LoadedCopy([string] $Name) {
            foreach ($assembly in [AppDomain]::CurrentDomain.GetAssemblies()) {
                if ($assembly.GetName().Name -eq $Name) {
                    [pscustomobject]@{
                        Context  = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($assembly).Name
                        Version  = $assembly.GetName().Version.ToString()
                        Location = $assembly.Location
                    }
                }
            }
        }
    }

    # Runs one scenario in a fresh pwsh; returns what its last line wrote as JSON, or throws with its errors.
    function Invoke-InFreshPwsh([scriptblock] $Scenario) {
        $file = Join-Path ([IO.Path]::GetTempPath()) ('cbmca-isolation-' + [guid]::NewGuid().ToString('N') + '.ps1')
        $errors = "$file.err"
        Set-Content -Path $file -Value ($script:prelude.ToString() + "`n" + $Scenario.ToString()) -Encoding utf8
        try {
            # A pwsh run as a dotnet tool is dotnet executing pwsh.dll; an installed one is its own executable.
            $hostPath = [Environment]::ProcessPath
            $arguments = @('-NoProfile', '-NonInteractive', '-File', $file)
            if ([IO.Path]::GetFileNameWithoutExtension($hostPath) -eq 'dotnet') {
                $arguments = @(Join-Path $PSHOME 'pwsh.dll') + $arguments
            }
            $output = @(& $hostPath @arguments 2> $errors)
            $exitCode = $LASTEXITCODE
            if ($exitCode -ne 0) {
                throw "The scenario failed in the child pwsh (exit code $exitCode):`n$((Get-Content $errors -Raw))`n$($output -join "`n")"
            }
            $output[-1] | ConvertFrom-Json
        }
        finally {
            Remove-Item -Path $file, $errors -ErrorAction SilentlyContinue
        }
    }
}

AfterAll {
    Remove-Item Env:CLOUDBLUEMCA_ISOLATION_TEST -ErrorAction SilentlyContinue
    Remove-Item -Path $script:newerFolder -Recurse -Force -ErrorAction SilentlyContinue
    if ($script:emulator) {
        Stop-TestEmulator $script:emulator
    }
}

Describe 'CloudBlueMca beside another module''s MSAL (PowerShell 7)' {
    Context 'an older MSAL (4.61.3) loaded first, then the module' {
        BeforeAll {
            # Scenario 1, and the listing of scenario 6 taken in the same session.
            $script:afterOlder = Invoke-InFreshPwsh {
                Add-OlderMsal
                Import-Module $settings.ModulePath
                $connection = Connect-TestPartnerCenter
                $customers = @(Get-PcCustomer)

                # Every assembly the engine's context holds, and for each of their references the
                # assembly the context resolved it to, with that assembly's context and file.
                $engineContext = [System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'CloudBlueMca'
                $resolved = foreach ($assembly in @($engineContext.Assemblies)) {
                    foreach ($reference in $assembly.GetReferencedAssemblies()) {
                        $target = $engineContext.LoadFromAssemblyName($reference)
                        [pscustomobject]@{
                            From     = $assembly.GetName().Name
                            Name     = $reference.Name
                            Context  = [System.Runtime.Loader.AssemblyLoadContext]::GetLoadContext($target).Name
                            Location = $target.Location
                        }
                    }
                }

                [pscustomobject]@{
                    ConnectedAs    = $connection.AuthenticationKind.ToString()
                    CustomerCount  = $customers.Count
                    CompanyNames   = @($customers.CompanyName)
                    Msal           = @(Get-LoadedCopy 'Microsoft.Identity.Client')
                    Abstractions   = @(Get-LoadedCopy 'Microsoft.IdentityModel.Abstractions')
                    Engine         = @(Get-LoadedCopy 'CloudBlueMca.Engine')
                    ContextNames   = @([System.Runtime.Loader.AssemblyLoadContext]::All.Name)
                    EngineContext  = @($engineContext.Assemblies | ForEach-Object { '{0} {1}' -f $_.GetName().Name, $_.Location })
                    Resolved       = @($resolved)
                    RuntimeFolder  = [IO.Path]::GetDirectoryName([object].Assembly.Location)
                    PSHome         = $PSHOME
                } | ConvertTo-Json -Depth 4 -Compress
            }
        }

        It 'connects with a client secret and reads customers' {
            $script:afterOlder.ConnectedAs | Should -Be 'ClientSecret'
            $script:afterOlder.CustomerCount | Should -BeGreaterThan 0
            $script:afterOlder.CompanyNames | Should -Contain 'Contoso Ltd'
        }

        It 'leaves the older MSAL in the default context and uses its own in the CloudBlueMca context' {
            $copies = $script:afterOlder.Msal
            $copies | Where-Object Context -eq 'Default' | ForEach-Object Version | Should -Be '4.61.3.0'
            $ours = @($copies | Where-Object Context -eq 'CloudBlueMca')
            $ours.Count | Should -Be 1
            $ours[0].Version | Should -Be $script:shippedMsalVersion
            $ours[0].Location | Should -BeLike (Join-Path $script:dependencyFolder '*')
            ($script:afterOlder.Abstractions | Where-Object Context -eq 'CloudBlueMca').Version | Should -Be '8.14.0.0'
            ($script:afterOlder.Abstractions | Where-Object Context -eq 'Default').Version | Should -Be '6.35.0.0'
        }

        It 'lists which assemblies landed in which load context, and no engine dependency is in the default context' {
            $report = $script:afterOlder
            Write-Host "Load contexts: $($report.ContextNames -join ', ')"
            Write-Host "CloudBlueMca context:`n  $($report.EngineContext -join "`n  ")"
            $report.Resolved | Sort-Object Context, Name -Unique | ForEach-Object { Write-Host ("  {0,-40} -> {1,-13} {2}" -f $_.Name, $_.Context, $_.Location) }

            $report.Engine.Context | Should -Be 'CloudBlueMca'
            $report.Resolved.Count | Should -BeGreaterThan 5
            # An engine dependency in the default context is acceptable only as the runtime's or
            # PowerShell's own copy (System.Memory, System.Text.Json...): never a file of this module
            # or of another module such as the older MSAL loaded above.
            $misplaced = @($report.Resolved | Where-Object {
                    $_.Context -ne 'CloudBlueMca' -and
                    -not ($_.Location.StartsWith($report.RuntimeFolder) -or $_.Location.StartsWith($report.PSHome))
                })
            $misplaced | ForEach-Object { "$($_.From) -> $($_.Name) from $($_.Location) in $($_.Context)" } | Should -BeNullOrEmpty
            $report.Resolved | Where-Object { $_.Name -like 'Microsoft.Identity*' -and $_.Context -ne 'CloudBlueMca' } | Should -BeNullOrEmpty
        }
    }

    It 'keeps working when the older MSAL is loaded and used after the module connected' {
        $result = Invoke-InFreshPwsh {
            Import-Module $settings.ModulePath
            Connect-TestPartnerCenter | Out-Null
            $before = @(Get-PcCustomer).Count
            Add-OlderMsal
            # What another module does with its MSAL: build a confidential client application.
            $application = [Microsoft.Identity.Client.ConfidentialClientApplicationBuilder]::Create($settings.AppId).
                WithClientSecret('another-modules-secret').
                WithTenantId($settings.TenantId).
                Build()
            [pscustomobject]@{
                ApplicationMsal = $application.GetType().Assembly.GetName().Version.ToString()
                Before          = $before
                After           = @(Get-PcCustomer).Count
                Reconnected     = (Connect-TestPartnerCenter).AuthenticationKind.ToString()
            } | ConvertTo-Json -Compress
        }

        $result.ApplicationMsal | Should -Be '4.61.3.0'
        $result.Before | Should -BeGreaterThan 0
        $result.After | Should -Be $result.Before
        $result.Reconnected | Should -Be 'ClientSecret'
    }

    It 'works when a newer MSAL identity is already in the default context' {
        $result = Invoke-InFreshPwsh {
            # A context without its own Load would bind the engine to this copy, the highest version
            # present. PersistedAssemblyBuilder (.NET 9+) writes an assembly with exactly that identity.
            $identity = [Reflection.AssemblyName]::new('Microsoft.Identity.Client, Version=4.99.0.0')
            $builder = [System.Reflection.Emit.PersistedAssemblyBuilder]::new($identity, [object].Assembly)
            $standIn = $builder.DefineDynamicModule('Microsoft.Identity.Client.dll').DefineType('Microsoft.Identity.Client.NewerStandIn', [Reflection.TypeAttributes]'Public, Abstract, Sealed')
            $null = $standIn.CreateType()
            New-Item -ItemType Directory -Path $settings.NewerFolder -Force | Out-Null
            $path = Join-Path $settings.NewerFolder 'Microsoft.Identity.Client.dll'
            $builder.Save($path)
            Add-Type -Path $path
            Import-Module $settings.ModulePath
            Connect-TestPartnerCenter | Out-Null
            [pscustomobject]@{
                CustomerCount = @(Get-PcCustomer).Count
                Msal          = @(Get-LoadedCopy 'Microsoft.Identity.Client')
            } | ConvertTo-Json -Depth 3 -Compress
        }

        $result.CustomerCount | Should -BeGreaterThan 0
        ($result.Msal | Where-Object Context -eq 'Default').Version | Should -Be '4.99.0.0'
        ($result.Msal | Where-Object Context -eq 'CloudBlueMca').Version | Should -Be $script:shippedMsalVersion
    }

    It 'works beside another module''s copy of the very same MSAL version' {
        # The ExchangeOnlineManagement case: equal versions, but types must not cross contexts.
        $result = Invoke-InFreshPwsh {
            Add-Type -Path $settings.SameMsal
            Import-Module $settings.ModulePath
            Connect-TestPartnerCenter | Out-Null
            [pscustomobject]@{
                CustomerCount = @(Get-PcCustomer).Count
                Msal          = @(Get-LoadedCopy 'Microsoft.Identity.Client')
            } | ConvertTo-Json -Depth 3 -Compress
        }

        $result.CustomerCount | Should -BeGreaterThan 0
        ($result.Msal | Where-Object Context -eq 'Default').Location | Should -Not -BeLike (Join-Path $script:dependencyFolder '*')
        ($result.Msal | Where-Object Context -eq 'CloudBlueMca').Location | Should -BeLike (Join-Path $script:dependencyFolder '*')
    }

    It 'works inside Start-ThreadJob and ForEach-Object -Parallel with the older MSAL loaded first' {
        $result = Invoke-InFreshPwsh {
            Add-OlderMsal
            $job = Start-ThreadJob -ScriptBlock {
                $settings = $using:settings
                Import-Module $settings.ModulePath
                $credential = [pscredential]::new($settings.AppId, (ConvertTo-SecureString $settings.AppSecret -AsPlainText -Force))
                Connect-PcService -Credential $credential -TenantId $settings.TenantId -ApiUri $settings.Uri -Authority $settings.Uri | Out-Null
                @(Get-PcCustomer).Count
            }
            $inJob = $job | Receive-Job -Wait -AutoRemoveJob -ErrorAction Stop
            $inParallel = 1..2 | ForEach-Object -ThrottleLimit 2 -Parallel {
                $settings = $using:settings
                Import-Module $settings.ModulePath
                $credential = [pscredential]::new($settings.AppId, (ConvertTo-SecureString $settings.AppSecret -AsPlainText -Force))
                Connect-PcService -Credential $credential -TenantId $settings.TenantId -ApiUri $settings.Uri -Authority $settings.Uri | Out-Null
                @(Get-PcCustomer).Count
            }
            [pscustomobject]@{
                InJob       = $inJob
                InParallel  = @($inParallel)
                EngineCopies = @(Get-LoadedCopy 'CloudBlueMca.Engine').Count
            } | ConvertTo-Json -Compress
        }

        $result.InJob | Should -BeGreaterThan 0
        $result.InParallel | Should -HaveCount 2
        $result.InParallel | ForEach-Object { $_ | Should -Be $result.InJob }
        $result.EngineCopies | Should -Be 1
    }

    It 'imports, removes and imports again in one session' {
        $result = Invoke-InFreshPwsh {
            Import-Module $settings.ModulePath
            Connect-TestPartnerCenter | Out-Null
            $first = @(Get-PcCustomer).Count
            Remove-Module CloudBlueMca
            Import-Module $settings.ModulePath
            Connect-TestPartnerCenter | Out-Null
            [pscustomobject]@{
                First        = $first
                Second       = @(Get-PcCustomer).Count
                Contexts     = @([System.Runtime.Loader.AssemblyLoadContext]::All | Where-Object Name -eq 'CloudBlueMca').Count
                EngineCopies = @(Get-LoadedCopy 'CloudBlueMca.Engine').Count
            } | ConvertTo-Json -Compress
        }

        $result.First | Should -BeGreaterThan 0
        $result.Second | Should -Be $result.First
        $result.Contexts | Should -Be 1
        $result.EngineCopies | Should -Be 1
    }
}

Describe 'AssemblyConflict (the Windows PowerShell 5.1 check)' {
    It 'stops the first cmdlet with AssemblyConflict naming both versions when another MSAL is already loaded' {
        # Windows PowerShell cannot run here, and PowerShell 7 never needs the check (the engine is
        # isolated), so the test switches it on through its test seam and drives the real path: a
        # real older MSAL in the session, the real cmdlet, the real error record.
        $result = Invoke-InFreshPwsh {
            Add-OlderMsal
            Import-Module $settings.ModulePath
            $module = Get-Module CloudBlueMca
            $check = $module.ImplementingAssembly.GetType('CloudBlueMca.Infrastructure.AssemblyConflicts', $true)
            $check.GetProperty('CheckOnEveryRuntime', [Reflection.BindingFlags]'NonPublic, Static').SetValue($null, $true)
            try {
                Connect-TestPartnerCenter | Out-Null
                $record = $null
            }
            catch {
                $record = $_
            }
            [pscustomobject]@{
                ErrorId   = $record.FullyQualifiedErrorId
                Category  = $record.CategoryInfo.Category.ToString()
                Message   = $record.Exception.Message
                Connected = [bool](Get-LoadedCopy 'Microsoft.Identity.Client' | Where-Object Context -eq 'CloudBlueMca')
            } | ConvertTo-Json -Compress
        }

        $result.ErrorId | Should -BeLike 'AssemblyConflict,*'
        $result.Category | Should -Be 'ResourceUnavailable'
        $result.Message | Should -Match 'Microsoft\.Identity\.Client 4\.61\.3\.0 is already loaded'
        $result.Message | Should -Match ([regex]::Escape("needs $script:shippedMsalVersion"))
        $result.Message | Should -Match 'Import-Module CloudBlueMca first'
        # Stopped before the engine ran: the module's MSAL was never loaded.
        $result.Connected | Should -BeFalse
    }
}
