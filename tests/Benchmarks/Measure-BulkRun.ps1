<#
.SYNOPSIS
Measures the bulk cmdlet paths in real PowerShell against the emulator with latency; not part of the test run.

.DESCRIPTION
Runs, each in a fresh pwsh process so peak working sets do not mix, against a contacts CSV of N
generated accounts written beforehand (so its writing is neither timed nor in the working set):
  confirm  Import-Csv contacts.csv | Confirm-McaAcceptance
  test     Import-Csv contacts.csv | Get-MsAccountInternalId | Test-McaAcceptance
  naive    per row, one after the other: Get-MsAccountInternalId, Test-McaAcceptance,
           Confirm-McaAcceptance (what a user scripts a row at a time; -NaiveAccounts rows)
and prints, per run: wall time, requests per account, the ratio to the concurrency floor
(ceil(N / ThrottleLimit) x L + look-up requests x L), the time to the first result after the
first look-up returned, and the process's peak working set. Then, for each path, the issue's
targets (ratio at most 1.10, first result within 3 x L, at most 1.04 requests per account) and
the working-set growth from the smallest to the largest N (target: under 50 MB from 1,000 to
100,000).

.EXAMPLE
./tests/Benchmarks/Measure-BulkRun.ps1 -Accounts 1000, 10000, 100000 -LatencyMilliseconds 20
#>
[CmdletBinding()]
param(
    [int[]] $Accounts = @(1000, 100000),
    [int] $LatencyMilliseconds = 20,
    [int] $ThrottleLimit = 8,
    [int] $NaiveAccounts = 100,
    [ValidateSet('confirm', 'test', 'naive')] [string[]] $Path = @('confirm', 'test', 'naive'),

    # Measure the first bulk run of a fresh process, without the one-row warm-up.
    [switch] $ColdStart,

    # Internal: run one measurement in this process and print it as JSON.
    [string] $Run
)

$ErrorActionPreference = 'Stop'
$root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
$modulePath = Join-Path $root 'out/CloudBlueMca/CloudBlueMca.psd1'

if (-not $Run) {
    Import-Module (Join-Path $root 'tests/Pester/Emulator.psm1') -Force
    $measurements = foreach ($kind in $Path) {
        foreach ($count in $(if ($kind -eq 'naive') { @($NaiveAccounts) } else { $Accounts })) {
            $csv = Join-Path ([IO.Path]::GetTempPath()) "cloudbluemca-bench-$PID-$count.csv"
            1..$count | ForEach-Object { $subdomain = 'generated{0:D6}' -f $_; [pscustomobject]@{ InitialSubdomain = $subdomain; FirstName = 'John'; LastName = 'Smith'; Email = "admin@$subdomain.example.com"; PhoneNumber = '+1234567' } } |
                Export-Csv -Path $csv -NoTypeInformation
            $env:CLOUDBLUEMCA_BENCH_CSV = $csv
            # One account more than the CSV holds, for the warm-up row.
            $emulator = Start-TestEmulator -Accounts ($count + 1)
            try {
                Set-TestEmulatorLatency -Emulator $emulator -Milliseconds $LatencyMilliseconds
                $env:CLOUDBLUEMCA_BENCH_URI = $emulator.Uri.AbsoluteUri
                $env:CLOUDBLUEMCA_BENCH_KEY = $emulator.ConsumerKey
                $env:CLOUDBLUEMCA_BENCH_SECRET = $emulator.ConsumerSecret
                Clear-TestEmulatorRequest -Emulator $emulator
                $json = & dotnet pwsh -NoProfile -File $PSCommandPath -Run $kind -Accounts $count -LatencyMilliseconds $LatencyMilliseconds -ThrottleLimit $ThrottleLimit -ColdStart:$ColdStart
                $measured = $json | Select-Object -Last 1 | ConvertFrom-Json
                # Only the run's own requests: not Connect-CloudBlue's or the warm-up's, made before
                # the clock started. The log of a 100,000-row run is too big for
                # Get-TestEmulatorRequest's objects, so it is read as one JSON document.
                $start = [datetimeoffset] $measured.StartUtc
                $log = [System.Text.Json.JsonDocument]::Parse((Invoke-WebRequest -Uri ([Uri]::new($emulator.Uri, '_emulator/requests')) -UseBasicParsing).Content)
                $requestCount = 0
                $lookUps = 0
                $firstLookUp = $null
                foreach ($entry in $log.RootElement.EnumerateArray()) {
                    if ($entry.GetProperty('time').GetDateTimeOffset() -lt $start) {
                        continue
                    }
                    $requestCount++
                    if ($null -eq $firstLookUp) {
                        $firstLookUp = $entry.GetProperty('time').GetDateTimeOffset()
                    }
                    # Look-ups: the batched GETs by subdomain or account id (checkAccount and PUT are per account).
                    if ($entry.GetProperty('method').GetString() -eq 'GET' -and $entry.GetProperty('path').GetString() -notlike '*checkAccount*') {
                        $lookUps++
                    }
                }
                $log.Dispose()
                $latency = $LatencyMilliseconds / 1000.0
                $floor = [Math]::Ceiling($count / $ThrottleLimit) * $latency + $lookUps * $latency
                [pscustomobject]@{
                    Path                 = $kind
                    Accounts             = $count
                    LatencyMs            = $LatencyMilliseconds
                    WallSeconds          = [Math]::Round($measured.WallSeconds, 2)
                    RequestsPerAccount   = [Math]::Round($requestCount / $count, 3)
                    FloorSeconds         = [Math]::Round($floor, 2)
                    RatioToFloor         = if ($kind -eq 'naive') { $null } else { [Math]::Round($measured.WallSeconds / $floor, 2) }
                    FirstResultAfterFirstLookUpMs = [Math]::Round(([datetimeoffset] $measured.FirstResultUtc - $firstLookUp).TotalMilliseconds)
                    PeakWorkingSetMB     = [Math]::Round($measured.PeakWorkingSet / 1MB)
                    Results              = $measured.Results
                }
            }
            finally {
                Stop-TestEmulator $emulator
                Remove-Item -Path $csv
            }
        }
    }

    $measurements
    foreach ($measurement in $measurements | Where-Object Path -ne 'naive') {
        $met = { param($ok) if ($ok) { 'met' } else { 'NOT met' } }
        Write-Host ('{0} N={1}: ratio {2} (<= 1.10 {3}); first result {4} ms (<= 3 x L = {5} ms {6}); {7} requests per account (<= 1.04 {8})' -f
            $measurement.Path, $measurement.Accounts, $measurement.RatioToFloor, (& $met ($measurement.RatioToFloor -le 1.10)),
            $measurement.FirstResultAfterFirstLookUpMs, (3 * $LatencyMilliseconds), (& $met ($measurement.FirstResultAfterFirstLookUpMs -le 3 * $LatencyMilliseconds)),
            $measurement.RequestsPerAccount, (& $met ($measurement.RequestsPerAccount -le 1.04)))
    }
    foreach ($group in $measurements | Group-Object Path | Where-Object Count -gt 1) {
        $sorted = @($group.Group | Sort-Object Accounts)
        $smallest = $sorted[0]
        $largest = $sorted[-1]
        Write-Host ('{0}: peak working set grew {1} MB from N={2} to N={3} (target for 1,000 to 100,000: under 50 MB)' -f
            $group.Name, ($largest.PeakWorkingSetMB - $smallest.PeakWorkingSetMB), $smallest.Accounts, $largest.Accounts)
    }
    return
}

# One measurement, in its own process.
Import-Module $modulePath
$credential = [pscredential]::new($env:CLOUDBLUEMCA_BENCH_KEY, (ConvertTo-SecureString $env:CLOUDBLUEMCA_BENCH_SECRET -AsPlainText -Force))
Connect-CloudBlue -Uri $env:CLOUDBLUEMCA_BENCH_URI -Credential $credential
$csv = $env:CLOUDBLUEMCA_BENCH_CSV
# Warm-up, before the clock and outside the counted requests: one row through the same cmdlets,
# on the account after the CSV's last, so the figures show the bulk run, not the first-call JIT
# of the module and the emulator (unless -ColdStart).
if (-not $ColdStart) {
    $warmUp = [pscustomobject]@{ InitialSubdomain = 'generated{0:D6}' -f ($Accounts[0] + 1); FirstName = 'John'; LastName = 'Smith'; Email = 'admin@example.com'; PhoneNumber = '+1234567' }
    $null = $warmUp | Get-MsAccountInternalId | Test-McaAcceptance
    $null = $warmUp | Confirm-McaAcceptance
}
[GC]::Collect()
$state = @{ First = $null; Results = 0 }
$clock = [Diagnostics.Stopwatch]::StartNew()
$start = [DateTimeOffset]::UtcNow
switch ($Run) {
    'confirm' {
        Import-Csv -Path $csv | Confirm-McaAcceptance -ThrottleLimit $ThrottleLimit | ForEach-Object { if (-not $state.First) { $state.First = [DateTimeOffset]::UtcNow }; $state.Results++ }
    }
    'test' {
        Import-Csv -Path $csv | Get-MsAccountInternalId | Test-McaAcceptance -ThrottleLimit $ThrottleLimit | ForEach-Object { if (-not $state.First) { $state.First = [DateTimeOffset]::UtcNow }; $state.Results++ }
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
[pscustomobject]@{
    WallSeconds    = $clock.Elapsed.TotalSeconds
    StartUtc       = $start.ToString('o')
    FirstResultUtc = $state.First.ToString('o')
    Results        = $state.Results
    PeakWorkingSet = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
} | ConvertTo-Json -Compress
