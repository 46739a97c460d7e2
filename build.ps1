<#
.SYNOPSIS
    Builds, tests and packages the CloudBlueMca module.
.DESCRIPTION
    Works in PowerShell 7 and Windows PowerShell 5.1. Every step stops the build on failure.
      Build   dotnet build: lays out the loadable module in out/CloudBlueMca.
      Test    xunit (dotnet test), then the Pester suite when Pester 5 is installed.
      Pester  only the Pester suite in tests/Pester, against the built module.
      Demo    builds, starts the local emulator and walks through seeds 000 and 001 with the
              MCA cmdlets: no CloudBlue or Partner Center account needed.
.EXAMPLE
    ./build.ps1 -Task Build, Test
#>
[CmdletBinding()]
param(
    [ValidateSet('Build', 'Test', 'Pester', 'Demo')]
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

function Invoke-DemoTask {
    Invoke-BuildTask
    Import-Module (Join-Path $root 'tests/Pester/Emulator.psm1') -Force
    $emulator = Start-TestEmulator
    try {
        Import-Module (Join-Path $moduleFolder 'CloudBlueMca.psd1') -Force
        $credential = [pscredential]::new($emulator.ConsumerKey, (ConvertTo-SecureString $emulator.ConsumerSecret -AsPlainText -Force))
        Write-Host "> Connect-CloudBlue -Uri $($emulator.Uri) -Credential (consumer key $($emulator.ConsumerKey))" -ForegroundColor Cyan
        Connect-CloudBlue -Uri $emulator.Uri.AbsoluteUri -Credential $credential
        $contact = @{ FirstName = 'John'; LastName = 'Smith'; Email = 'johnsmith@example.com'; PhoneNumber = '+1234567' }

        Write-Host "`n# Seed 000: the internal id of the Microsoft account 'example'" -ForegroundColor Yellow
        Write-Host '> Get-MsAccountInternalId example' -ForegroundColor Cyan
        $account = Get-MsAccountInternalId example
        $account | Format-Table | Out-Host
        $account.Tenants | Format-Table | Out-Host

        Write-Host "# Seed 001, step 2: does customer 1000011 still have to accept the MCA?" -ForegroundColor Yellow
        Write-Host '> Get-MsAccountInternalId example | Test-McaAcceptance' -ForegroundColor Cyan
        $account | Test-McaAcceptance | Format-List | Out-Host

        Write-Host "# Seed 001, steps 3-4, first as a dry run" -ForegroundColor Yellow
        Write-Host '> Get-MsAccountInternalId example | Confirm-McaAcceptance @contact -WhatIf' -ForegroundColor Cyan
        $account | Confirm-McaAcceptance @contact -WhatIf

        Write-Host "`n> Get-MsAccountInternalId example | Confirm-McaAcceptance @contact" -ForegroundColor Cyan
        $account | Confirm-McaAcceptance @contact | Format-Table | Out-Host

        Write-Host '> Test-McaAcceptance -AccountId 1000011 -Quiet   # accepted now' -ForegroundColor Cyan
        Test-McaAcceptance -AccountId 1000011 -Quiet | Out-Host

        Write-Host "`n# Bulk: a CSV of contacts; a re-run confirms nothing twice" -ForegroundColor Yellow
        $csv = Join-Path ([System.IO.Path]::GetTempPath()) 'cloudbluemca-demo-contacts.csv'
        @(
            [pscustomobject]@{ InitialSubdomain = 'example'; FirstName = 'John'; LastName = 'Smith'; Email = 'johnsmith@example.com'; PhoneNumber = '+1234567'; DateAgreed = [datetime]::UtcNow.ToString('yyyy-MM-dd') }
            [pscustomobject]@{ InitialSubdomain = 'contoso'; FirstName = 'John'; LastName = 'Smith'; Email = 'johnsmith@example.com'; PhoneNumber = '+1234567'; DateAgreed = '2020-02-19' }
            [pscustomobject]@{ InitialSubdomain = 'fabrikam'; FirstName = 'Jane'; LastName = 'Doe'; Email = 'jane@fabrikam.com'; PhoneNumber = '+1234567'; DateAgreed = '2020-02-19' }
        ) | Export-Csv -Path $csv -NoTypeInformation
        Get-Content $csv | Out-Host
        Write-Host "> Import-Csv $csv | Confirm-McaAcceptance" -ForegroundColor Cyan
        Import-Csv $csv | Confirm-McaAcceptance -ErrorAction Continue | Format-Table | Out-Host
        Remove-Item $csv
    }
    finally {
        Stop-TestEmulator $emulator
    }
}

foreach ($step in $Task) {
    switch ($step) {
        'Build' { Invoke-BuildTask }
        'Test' { Invoke-TestTask }
        'Pester' { Invoke-PesterTask }
        'Demo' { Invoke-DemoTask }
    }
}
