<#
.SYNOPSIS
Measures the bulk cmdlet paths in real PowerShell against the emulator with latency; not part of the test run.

.DESCRIPTION
Runs, each in a fresh pwsh process so peak working sets do not mix:
  confirm  Import-Csv contacts.csv | Confirm-McaAcceptance           (N generated accounts)
  test     Get-MsAccountInternalId <subdomains> | Test-McaAcceptance (N generated accounts)
  naive    per row, one after the other: Get-MsAccountInternalId, Test-McaAcceptance,
           Confirm-McaAcceptance (what a user scripts a row at a time; -NaiveAccounts rows)
and prints, per run: wall time, requests per account, the ratio to the concurrency floor
(ceil(N / ThrottleLimit) x L + look-up requests x L), the time to the first result after the
first look-up returned, and the process's peak working set.

.EXAMPLE
dotnet pwsh -NoProfile ./tests/Benchmarks/Measure-BulkRun.ps1 -Accounts 1000, 100000 -LatencyMilliseconds 20
#>
[CmdletBinding()]
param(
    [int[]] $Accounts = @(1000, 100000),
    [int] $LatencyMilliseconds = 20,
    [int] $ThrottleLimit = 8,
    [int] $NaiveAccounts = 100,
    [ValidateSet('confirm', 'test', 'naive')] [string[]] $Path = @('confirm', 'test', 'naive'),

    # Internal: run one measurement in this process and print it as JSON.
    [string] $Run
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
$modulePath = Join-Path $root 'out/CloudBlueMca/CloudBlueMca.psd1'

if (-not $Run) {
    Import-Module (Join-Path $root 'tests/Pester/Emulator.psm1') -Force
    foreach ($kind in $Path) {
        foreach ($count in $(if ($kind -eq 'naive') { @($NaiveAccounts) } else { $Accounts })) {
            $emulator = Start-TestEmulator -Accounts $count
            try {
                Set-TestEmulatorLatency -Emulator $emulator -Milliseconds $LatencyMilliseconds
                $env:CLOUDBLUEMCA_BENCH_URI = $emulator.Uri.AbsoluteUri
                $env:CLOUDBLUEMCA_BENCH_KEY = $emulator.ConsumerKey
                $env:CLOUDBLUEMCA_BENCH_SECRET = $emulator.ConsumerSecret
                Clear-TestEmulatorRequest -Emulator $emulator
                $json = & dotnet pwsh -NoProfile -File $PSCommandPath -Run $kind -Accounts $count -LatencyMilliseconds $LatencyMilliseconds -ThrottleLimit $ThrottleLimit
                $measured = $json | Select-Object -Last 1 | ConvertFrom-Json
                # Only the run's own requests: not Connect-CloudBlue's, made before the clock started.
                $requests = @(Get-TestEmulatorRequest -Emulator $emulator | Where-Object { [datetimeoffset] $_.Time -ge [datetimeoffset] $measured.StartUtc })
                # Look-ups: the batched GETs by subdomain or account id (checkAccount and PUT are per account).
                $lookUps = @($requests | Where-Object { $_.Method -eq 'GET' -and $_.Path -notlike '*checkAccount*' }).Count
                $firstLookUp = ($requests | Select-Object -First 1).Time
                $latency = $LatencyMilliseconds / 1000.0
                $floor = [Math]::Ceiling($count / $ThrottleLimit) * $latency + $lookUps * $latency
                [pscustomobject]@{
                    Path                 = $kind
                    Accounts             = $count
                    LatencyMs            = $LatencyMilliseconds
                    WallSeconds          = [Math]::Round($measured.WallSeconds, 2)
                    RequestsPerAccount   = [Math]::Round($requests.Count / $count, 3)
                    FloorSeconds         = [Math]::Round($floor, 2)
                    RatioToFloor         = if ($kind -eq 'naive') { $null } else { [Math]::Round($measured.WallSeconds / $floor, 2) }
                    FirstResultAfterFirstLookUpMs = [Math]::Round(([datetimeoffset] $measured.FirstResultUtc - [datetimeoffset] $firstLookUp).TotalMilliseconds)
                    PeakWorkingSetMB     = [Math]::Round($measured.PeakWorkingSet / 1MB)
                    Results              = $measured.Results
                }
            }
            finally {
                Stop-TestEmulator $emulator
            }
        }
    }
    return
}

# One measurement, in its own process.
Import-Module $modulePath
$credential = [pscredential]::new($env:CLOUDBLUEMCA_BENCH_KEY, (ConvertTo-SecureString $env:CLOUDBLUEMCA_BENCH_SECRET -AsPlainText -Force))
Connect-CloudBlue -Uri $env:CLOUDBLUEMCA_BENCH_URI -Credential $credential
$count = $Accounts[0]
$subdomains = 1..$count | ForEach-Object { 'generated{0:D6}' -f $_ }
$csv = Join-Path ([IO.Path]::GetTempPath()) "cloudbluemca-bench-$PID.csv"
$subdomains | ForEach-Object { [pscustomobject]@{ InitialSubdomain = $_; FirstName = 'John'; LastName = 'Smith'; Email = "admin@$_.example.com"; PhoneNumber = '+1234567' } } |
    Export-Csv -Path $csv -NoTypeInformation
[GC]::Collect()
$state = @{ First = $null; Results = 0 }
$clock = [Diagnostics.Stopwatch]::StartNew()
$start = [DateTimeOffset]::UtcNow
switch ($Run) {
    'confirm' {
        Import-Csv -Path $csv | Confirm-McaAcceptance -ThrottleLimit $ThrottleLimit | ForEach-Object { if (-not $state.First) { $state.First = [DateTimeOffset]::UtcNow }; $state.Results++ }
    }
    'test' {
        $subdomains | Get-MsAccountInternalId | Test-McaAcceptance -ThrottleLimit $ThrottleLimit | ForEach-Object { if (-not $state.First) { $state.First = [DateTimeOffset]::UtcNow }; $state.Results++ }
    }
    'naive' {
        foreach ($row in Import-Csv -Path $csv) {
            $account = Get-MsAccountInternalId $row.InitialSubdomain
            if (-not (Test-McaAcceptance -AccountId $account.AccountId -InitialSubdomain $row.InitialSubdomain -Quiet)) {
                $null = $row | Confirm-McaAcceptance -MsAccountId $account.MsAccountId
                if (-not $state.First) { $state.First = [DateTimeOffset]::UtcNow }
                $state.Results++
            }
        }
    }
}
$clock.Stop()
Remove-Item -Path $csv
[pscustomobject]@{
    WallSeconds    = $clock.Elapsed.TotalSeconds
    StartUtc       = $start.ToString('o')
    FirstResultUtc = $state.First.ToString('o')
    Results        = $state.Results
    PeakWorkingSet = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
} | ConvertTo-Json -Compress
