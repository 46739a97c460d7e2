<#
.SYNOPSIS
    Builds, tests and packages the CloudBlueMca module.
.DESCRIPTION
    Works in PowerShell 7 and Windows PowerShell 5.1. Every step stops the build on failure.
      Build   dotnet build: lays out the loadable module in out/CloudBlueMca, then Docs when
              platyPS can be found (it says so when it cannot).
      Test    Build with the help (mandatory), xunit (dotnet test), then the Pester suite in
              tests/Pester; fails when either fails and ends with one line counting both:
              'N passed, N failed, N skipped' (also written to out/TestResults/summary.txt).
      Pester  only the Pester suite in tests/Pester, against the built module.
      Docs    platyPS New-ExternalHelp: docs/en-US/*.md -> en-US/CloudBlueMca.dll-Help.xml in the
              module folder.

    Tools come from where they are, never by hand:
      Pester 5.x   an installed one, else the 'Pester' NuGet package restored by
                   build/ToolRestore.csproj into out/tools (no PowerShell Gallery needed).
      platyPS 0.14 an installed one, else the folder named by the environment variable
                   CLOUDBLUEMCA_TOOL_MODULES (a PSModulePath-style folder holding platyPS/0.14.x;
                   unset, the workspace's shared/tools/modules beside the clone, where it exists),
                   else installed from the PowerShell Gallery for the current user.
      Package Build (Release unless -Configuration says otherwise) + Docs, then out/CloudBlueMca.zip
              with the CloudBlueMca folder at its root (the shape Azure Automation imports),
              checked by expanding it and comparing file lists.
      Demo    builds, starts the local emulator and walks through the MCA flow with the
              cmdlets (build/Demo.ps1): look-up, check, -WhatIf, confirm, a CSV bulk run whose
              two failing rows it explains, and a sync with Partner Center. No CloudBlue or
              Partner Center account needed.
.EXAMPLE
    ./build.ps1 -Task Build, Test
.EXAMPLE
    ./build.ps1 -Task Package
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Docs', 'Package', 'Demo')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$moduleFolder = Join-Path $root 'out/CloudBlueMca'
# ModuleLayout.targets copies this folder into the module's en-US at every dotnet build, which
# empties the module folder first; so the generated MAML lives here and survives rebuilds.
$helpFolder = Join-Path $root 'out/help/en-US'
$packagePath = Join-Path $root 'out/CloudBlueMca.zip'
$platyPSVersion = [version]'0.14.2'
$configurationGiven = $PSBoundParameters.ContainsKey('Configuration')
$toolFolder = Join-Path $root 'out/tools'
$testResultsFolder = Join-Path $root 'out/TestResults'
$pesterVersion = [version]'5.9.1'

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor Cyan
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Invoke-BuildTask {
    param([string] $BuildConfiguration = $Configuration)
    Invoke-Native dotnet @('build', (Join-Path $root 'CloudBlueMca.sln'), '-c', $BuildConfiguration)
    if (Get-PlatyPSModule) {
        Invoke-DocsTask
    }
    elseif (Test-Path (Join-Path $helpFolder 'CloudBlueMca.dll-Help.xml')) {
        Write-Warning "platyPS $($platyPSVersion.Major).$($platyPSVersion.Minor).x is not installed, so the cmdlet help in the module is the one from the last Docs run and may be out of date. Run './build.ps1 -Task Docs' to install platyPS and rebuild it."
    }
    else {
        Write-Warning "platyPS $($platyPSVersion.Major).$($platyPSVersion.Minor).x is not installed, so the module was built without cmdlet help (Get-Help shows only syntax; about_CloudBlueMca is there). Run './build.ps1 -Task Docs' to install platyPS and build the help."
    }
    Write-Host "Module folder: $moduleFolder" -ForegroundColor Green
}

function Get-PlatyPSModule {
    # 0.14.x only: platyPS 2.x (Microsoft.PowerShell.PlatyPS) has a different command set.
    $candidates = @(Get-Module -ListAvailable -Name platyPS)
    # This project's workspaces keep a platyPS build in shared/tools/modules beside the clone, for
    # machines that cannot reach the PowerShell Gallery; the variable names any other such folder.
    $toolModules = if ($env:CLOUDBLUEMCA_TOOL_MODULES) { $env:CLOUDBLUEMCA_TOOL_MODULES } else { Join-Path (Split-Path -Parent $root) 'shared/tools/modules' }
    if (Test-Path $toolModules) {
        $folder = Join-Path $toolModules 'platyPS'
        if (Test-Path $folder) {
            $candidates += @(Get-ChildItem -Path $folder -Directory | ForEach-Object { Get-Module -ListAvailable -Name (Join-Path $_.FullName 'platyPS.psd1') })
        }
    }
    $candidates |
        Where-Object { $_.Version.Major -eq $platyPSVersion.Major -and $_.Version.Minor -eq $platyPSVersion.Minor } |
        Sort-Object Version -Descending |
        Select-Object -First 1
}

function Install-PlatyPS {
    Write-Host "Installing platyPS $platyPSVersion from the PowerShell Gallery for the current user" -ForegroundColor Cyan
    if ($PSVersionTable.PSEdition -eq 'Desktop') {
        # Windows PowerShell 5.1 may still default to TLS 1.0, which the Gallery refuses.
        [Net.ServicePointManager]::SecurityProtocol = [Net.ServicePointManager]::SecurityProtocol -bor [Net.SecurityProtocolType]::Tls12
        if (-not (Get-PackageProvider -ListAvailable -Name NuGet -ErrorAction SilentlyContinue | Where-Object { $_.Version -ge [version]'2.8.5.201' })) {
            Install-PackageProvider -Name NuGet -MinimumVersion 2.8.5.201 -Scope CurrentUser -Force | Out-Null
        }
    }
    try {
        Install-Module -Name platyPS -RequiredVersion $platyPSVersion -Repository PSGallery -Scope CurrentUser -Force -AllowClobber
    }
    catch {
        throw "platyPS $platyPSVersion is not installed and could not be installed from the PowerShell Gallery ($($_.Exception.Message)). Where the Gallery cannot be reached, set the environment variable CLOUDBLUEMCA_TOOL_MODULES to a folder that holds platyPS/$platyPSVersion and run the task again."
    }
    $installed = Get-PlatyPSModule
    if (-not $installed) {
        throw "platyPS $platyPSVersion was not found after Install-Module. Install it by hand (Install-Module platyPS -RequiredVersion $platyPSVersion -Scope CurrentUser) and run './build.ps1 -Task Docs' again."
    }
    $installed
}

function Invoke-DocsTask {
    $platyPS = Get-PlatyPSModule
    if (-not $platyPS) {
        $platyPS = Install-PlatyPS
    }
    Import-Module $platyPS -Force
    $markdownFolder = Join-Path $root 'docs/en-US'
    New-Item -ItemType Directory -Path $helpFolder -Force | Out-Null
    # The about topic is plain text that ModuleLayout.targets copies as it is; only cmdlet pages go to MAML.
    $pages = @(Get-ChildItem -Path $markdownFolder -Filter '*.md' | Where-Object { $_.Name -notlike 'about_*' })
    if ($pages.Count -eq 0) {
        throw "No cmdlet help pages found in $markdownFolder."
    }
    New-ExternalHelp -Path $pages.FullName -OutputPath $helpFolder -Encoding ([System.Text.Encoding]::UTF8) -Force | Out-Null
    $maml = Join-Path $helpFolder 'CloudBlueMca.dll-Help.xml'
    if (-not (Test-Path $maml)) {
        throw "New-ExternalHelp did not write $maml. Check the 'external help file' line at the top of each page in $markdownFolder."
    }
    if (Test-Path (Join-Path $moduleFolder 'CloudBlueMca.psd1')) {
        # The next dotnet build copies it too; copying now saves a rebuild.
        $moduleHelpFolder = Join-Path $moduleFolder 'en-US'
        New-Item -ItemType Directory -Path $moduleHelpFolder -Force | Out-Null
        Copy-Item -Path $maml -Destination $moduleHelpFolder -Force
    }
    Write-Host "Help: $maml ($($pages.Count) cmdlet pages)" -ForegroundColor Green
}

function Invoke-PackageTask {
    # What goes to Azure Automation or the Gallery is a Release build unless asked otherwise; the
    # choice is local so tasks listed after Package keep the configuration they were given.
    $packageConfiguration = if ($configurationGiven) { $Configuration } else { 'Release' }
    Invoke-BuildTask -BuildConfiguration $packageConfiguration
    if (-not (Test-Path (Join-Path $moduleFolder 'en-US/CloudBlueMca.dll-Help.xml'))) {
        # A release package without cmdlet help is incomplete, so Package installs platyPS if needed.
        Invoke-DocsTask
    }
    Add-Type -AssemblyName System.IO.Compression, System.IO.Compression.FileSystem
    if (Test-Path $packagePath) {
        Remove-Item -Path $packagePath -Force
    }
    Write-Host "> zip $moduleFolder -> $packagePath" -ForegroundColor Cyan
    # Entries are written one by one with '/' separators and the CloudBlueMca folder as their root:
    # the shape Azure Automation and Expand-Archive expect on every platform.
    $archive = [System.IO.Compression.ZipFile]::Open($packagePath, [System.IO.Compression.ZipArchiveMode]::Create)
    try {
        foreach ($relativePath in Get-RelativeFileList $moduleFolder) {
            $source = Join-Path $moduleFolder $relativePath
            [System.IO.Compression.ZipFileExtensions]::CreateEntryFromFile($archive, $source, "CloudBlueMca/$relativePath", [System.IO.Compression.CompressionLevel]::Optimal) | Out-Null
        }
    }
    finally {
        $archive.Dispose()
    }
    Test-Package
    Write-Host "Package: $packagePath" -ForegroundColor Green
}

function Get-RelativeFileList {
    param([string] $Folder)
    $folderPath = (Resolve-Path $Folder).ProviderPath.TrimEnd('\', '/')
    Get-ChildItem -Path $folderPath -Recurse -File |
        ForEach-Object { $_.FullName.Substring($folderPath.Length + 1).Replace('\', '/') } |
        Sort-Object
}

function Test-Package {
    $expanded = Join-Path ([System.IO.Path]::GetTempPath()) ("CloudBlueMca.package." + [guid]::NewGuid().ToString('N'))
    try {
        Expand-Archive -Path $packagePath -DestinationPath $expanded
        $roots = @(Get-ChildItem -Path $expanded | ForEach-Object { $_.Name })
        if ($roots.Count -ne 1 -or $roots[0] -ne 'CloudBlueMca') {
            throw "The package root must be the single folder 'CloudBlueMca' (Azure Automation imports it by that name); found: $($roots -join ', ')."
        }
        $packaged = @(Get-RelativeFileList (Join-Path $expanded 'CloudBlueMca'))
        $built = @(Get-RelativeFileList $moduleFolder)
        if ($packaged.Count -eq 0 -or $built.Count -eq 0) {
            throw "Nothing to compare: the zip holds $($packaged.Count) files, out/CloudBlueMca holds $($built.Count)."
        }
        $difference = @(Compare-Object -ReferenceObject $built -DifferenceObject $packaged -CaseSensitive)
        if ($difference.Count -gt 0) {
            $lines = $difference | ForEach-Object { if ($_.SideIndicator -eq '<=') { "  missing from the zip: $($_.InputObject)" } else { "  only in the zip: $($_.InputObject)" } }
            throw "out/CloudBlueMca.zip does not match out/CloudBlueMca:`n$($lines -join "`n")"
        }
        if ($packaged -notcontains 'CloudBlueMca.psd1') {
            throw 'The package has no CloudBlueMca/CloudBlueMca.psd1.'
        }
        Write-Host "Package check: $($packaged.Count) files, identical to the module folder" -ForegroundColor Green
    }
    finally {
        Remove-Item -Path $expanded -Recurse -Force -ErrorAction SilentlyContinue
    }
}

function Invoke-TestTask {
    Invoke-BuildTask
    if (-not (Test-Path (Join-Path $moduleFolder 'en-US/CloudBlueMca.dll-Help.xml'))) {
        # The help tests run on the built help, so Test builds it whatever Build could find.
        Invoke-DocsTask
    }
    if (Test-Path $testResultsFolder) {
        Remove-Item -Path $testResultsFolder -Recurse -Force
    }
    New-Item -ItemType Directory -Path $testResultsFolder -Force | Out-Null
    Write-Host "> dotnet test $(Join-Path $root 'CloudBlueMca.sln') --no-build -c $Configuration --logger trx" -ForegroundColor Cyan
    & dotnet test (Join-Path $root 'CloudBlueMca.sln') --no-build -c $Configuration --logger 'trx' --results-directory $testResultsFolder
    $xunitExitCode = $LASTEXITCODE
    $xunit = Get-TrxCounts $testResultsFolder
    $pester = Invoke-PesterSuite
    $passed = $xunit.Passed + $pester.PassedCount
    $failed = $xunit.Failed + $pester.FailedCount
    $skipped = $xunit.Skipped + $pester.SkippedCount + $pester.NotRunCount
    if ($xunitExitCode -ne 0 -and $xunit.Failed -eq 0) {
        # dotnet test failed without a failed test (a crashed test host, a missing trx): count it.
        $failed++
    }
    if ($pester.Result -ne 'Passed' -and $pester.FailedCount -eq 0) {
        # A failed container (a BeforeAll that threw, a file that did not parse) is no failed test.
        $failed += [Math]::Max(1, $pester.FailedContainersCount)
    }
    Write-Host "xunit: $($xunit.Passed) passed, $($xunit.Failed) failed, $($xunit.Skipped) skipped. Pester: $($pester.PassedCount) passed, $($pester.FailedCount) failed, $($pester.SkippedCount + $pester.NotRunCount) skipped."
    $summary = "$passed passed, $failed failed, $skipped skipped"
    Set-Content -Path (Join-Path $testResultsFolder 'summary.txt') -Value $summary -Encoding Ascii
    if ($failed -gt 0) {
        throw "Tests failed: $summary."
    }
    Write-Host $summary
}

function Get-TrxCounts {
    param([string] $Folder)
    $counts = [pscustomobject]@{ Passed = 0; Failed = 0; Skipped = 0 }
    foreach ($trx in @(Get-ChildItem -Path $Folder -Filter '*.trx' -File)) {
        $counters = ([xml](Get-Content -Path $trx.FullName -Raw)).TestRun.ResultSummary.Counters
        $counts.Passed += [int]$counters.passed
        $counts.Failed += [int]$counters.failed
        $counts.Skipped += [int]$counters.notExecuted
    }
    $counts
}

function Import-Pester {
    $installed = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version.Major -eq 5 } | Sort-Object Version -Descending | Select-Object -First 1
    if ($installed) {
        return Import-Module $installed -Force -PassThru
    }
    $manifest = Join-Path $toolFolder "pester/$pesterVersion/tools/Pester.psd1"
    if (-not (Test-Path $manifest)) {
        Write-Host "Pester 5 is not installed: restoring the Pester $pesterVersion NuGet package into $toolFolder" -ForegroundColor Cyan
        Invoke-Native dotnet @('restore', (Join-Path $root 'build/ToolRestore.csproj'), '--packages', $toolFolder) | Out-Host
    }
    Import-Module $manifest -Force -PassThru
}

function Invoke-PesterSuite {
    if (-not (Test-Path (Join-Path $moduleFolder 'CloudBlueMca.psd1'))) {
        Invoke-BuildTask
    }
    $pester = Import-Pester
    Write-Host "Pester $($pester.Version) from $($pester.ModuleBase)" -ForegroundColor Cyan
    $configuration = New-PesterConfiguration
    $configuration.Run.Path = Join-Path $root 'tests/Pester'
    $configuration.Run.Exit = $false
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = 'Detailed'
    $configuration.TestResult.Enabled = $true
    $configuration.TestResult.OutputFormat = 'NUnitXml'
    $configuration.TestResult.OutputPath = Join-Path $testResultsFolder 'pester.xml'
    Invoke-Pester -Configuration $configuration
}

function Invoke-PesterTask {
    New-Item -ItemType Directory -Path $testResultsFolder -Force | Out-Null
    $result = Invoke-PesterSuite
    if ($result.FailedCount -gt 0 -or $result.Result -ne 'Passed') {
        throw "Pester: $($result.FailedCount) test(s) failed."
    }
}

function Invoke-DemoTask {
    Invoke-BuildTask
    & (Join-Path $root 'build/Demo.ps1') -ModuleManifest (Join-Path $moduleFolder 'CloudBlueMca.psd1')
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Pester' { Invoke-PesterTask }
        'Docs' { Invoke-DocsTask }
        'Package' { Invoke-PackageTask }
        'Demo' { Invoke-DemoTask }
    }
}
