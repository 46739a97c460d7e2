<#
.SYNOPSIS
    Builds, tests and packages the CloudBlueMca module.
.DESCRIPTION
    Works in PowerShell 7 and Windows PowerShell 5.1. Every step stops the build on failure.
      Build   dotnet build: lays out the loadable module in out/CloudBlueMca.
      Test    xunit (dotnet test), then the Pester suite when Pester 5 is installed.
      Pester  only the Pester suite in tests/Pester, against the built module.
.EXAMPLE
    ./build.ps1 -Task Build, Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester')]
    [string[]] $Task = @('Build'),

    [ValidateSet('Debug', 'Release')]
    [string] $Configuration = 'Debug'
)

$ErrorActionPreference = 'Stop'
Set-StrictMode -Version 3.0
$root = $PSScriptRoot
$moduleFolder = Join-Path $root 'out/CloudBlueMca'

function Invoke-Native {
    param([string] $FilePath, [string[]] $ArgumentList)
    Write-Host "> $FilePath $($ArgumentList -join ' ')" -ForegroundColor Cyan
    & $FilePath @ArgumentList
    if ($LASTEXITCODE -ne 0) {
        throw "'$FilePath $($ArgumentList -join ' ')' failed with exit code $LASTEXITCODE."
    }
}

function Invoke-BuildTask {
    Invoke-Native dotnet @('build', (Join-Path $root 'CloudBlueMca.sln'), '-c', $Configuration)
    Write-Host "Module folder: $moduleFolder" -ForegroundColor Green
}

function Invoke-TestTask {
    Invoke-Native dotnet @('test', (Join-Path $root 'CloudBlueMca.sln'), '-c', $Configuration)
    Invoke-PesterTask
}

function Invoke-PesterTask {
    $pester = Get-Module -ListAvailable -Name Pester | Where-Object { $_.Version -ge [version]'5.0' } | Sort-Object Version -Descending | Select-Object -First 1
    if (-not $pester) {
        Write-Warning 'Pester 5 is not installed, so tests/Pester was not run. Install it with: Install-Module Pester -MinimumVersion 5.0 -Scope CurrentUser'
        return
    }
    if (-not (Test-Path (Join-Path $moduleFolder 'CloudBlueMca.psd1'))) {
        Invoke-BuildTask
    }
    Import-Module $pester -Force
    $configuration = New-PesterConfiguration
    $configuration.Run.Path = Join-Path $root 'tests/Pester'
    $configuration.Run.Exit = $false
    $configuration.Run.PassThru = $true
    $configuration.Output.Verbosity = 'Detailed'
    $result = Invoke-Pester -Configuration $configuration
    if ($result.FailedCount -gt 0 -or $result.Result -ne 'Passed') {
        throw "Pester: $($result.FailedCount) test(s) failed."
    }
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Pester' { Invoke-PesterTask }
    }
}
