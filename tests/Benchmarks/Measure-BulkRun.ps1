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
first look-up request was answered (FirstResultAfterFirstLookUpMs, the issue's figure) and
after the first row's own look-up was (FirstResultAfterItsLookUpMs: the Tenant read of its
Microsoft account, the second of its two look-up requests), and the process's peak working
set. Then, for each path and N, the issue's targets judged on the median of the -Repeat runs
(ratio at most 1.10, first result within 3 x L, at most 1.04 requests per account) and the
working-set growth from the smallest to the largest N (target: under 50 MB from 1,000 to
100,000).

.EXAMPLE
./tests/Benchmarks/Measure-BulkRun.ps1 -Accounts 1000, 10000, 100000 -LatencyMilliseconds 20

.EXAMPLE
./tests/Benchmarks/Measure-BulkRun.ps1 -Accounts 10000 -Path confirm, test -Repeat 5
#>
[CmdletBinding()]
param(
    [int[]] $Accounts = @(1000, 100000),
    [int] $LatencyMilliseconds = 20,
    [int] $ThrottleLimit = 8,
    [int] $NaiveAccounts = 100,
    [ValidateSet('confirm', 'test', 'naive')] [string[]] $Path = @('confirm', 'test', 'naive'),

    # Runs each measurement this many times (each in a fresh process against a fresh emulator);
    # the summary then judges the targets on the median and shows the range.
    [ValidateRange(1, 50)] [int] $Repeat = 1,

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
            foreach ($round in 1..$Repeat) {
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
                    $firstRowLookedUp = $null
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
                            # The first row's look-up has returned with the answer to the Tenant read
                            # of its Microsoft account, the last request before its update or check.
                            if ($null -eq $firstRowLookedUp -and $measured.FirstMsAccountId -and $entry.GetProperty('query').GetString() -like "*$($measured.FirstMsAccountId)*") {
                                $firstRowLookedUp = $entry.GetProperty('time').GetDateTimeOffset()
                            }
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
                        FirstResultAfterItsLookUpMs = if ($firstRowLookedUp) { [Math]::Round(([datetimeoffset] $measured.FirstResultUtc - $firstRowLookedUp).TotalMilliseconds) } else { $null }
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
    }

    $measurements
    $median = { param([double[]] $values) $sorted = @($values | Sort-Object); if ($sorted.Count % 2) { $sorted[($sorted.Count - 1) / 2] } else { ($sorted[$sorted.Count / 2 - 1] + $sorted[$sorted.Count / 2]) / 2 } }
    $met = { param($ok) if ($ok) { 'met' } else { 'NOT met' } }
    foreach ($runs in $measurements | Where-Object Path -ne 'naive' | Group-Object Path, Accounts) {
        $ratio = & $median $runs.Group.RatioToFloor
        $first = & $median $runs.Group.FirstResultAfterFirstLookUpMs
        $own = & $median @($runs.Group.FirstResultAfterItsLookUpMs | Where-Object { $null -ne $_ })
        $requests = & $median $runs.Group.RequestsPerAccount
        $within = @($runs.Group | Where-Object FirstResultAfterFirstLookUpMs -le (3 * $LatencyMilliseconds)).Count
        $range = ($runs.Group.FirstResultAfterFirstLookUpMs | Measure-Object -Minimum -Maximum)
        Write-Host ('{0} N={1} ({2} run(s), medians): ratio {3} (<= 1.10 {4}); first result {5} ms after the first look-up (<= 3 x L = {6} ms {7}; {8} of {2} runs within, range {9}-{10} ms), {11} ms after its own look-up; {12} requests per account (<= 1.04 {13})' -f
            $runs.Group[0].Path, $runs.Group[0].Accounts, $runs.Count, $ratio, (& $met ($ratio -le 1.10)),
            $first, (3 * $LatencyMilliseconds), (& $met ($first -le 3 * $LatencyMilliseconds)), $within, $range.Minimum, $range.Maximum,
            $own, $requests, (& $met ($requests -le 1.04)))
    }
    foreach ($group in $measurements | Group-Object Path | Where-Object { @($_.Group.Accounts | Select-Object -Unique).Count -gt 1 }) {
        $sorted = @($group.Group | Sort-Object Accounts)
        $smallest = $sorted[0].Accounts
        $largest = $sorted[-1].Accounts
        $smallestPeak = & $median @($sorted | Where-Object Accounts -eq $smallest | ForEach-Object PeakWorkingSetMB)
        $largestPeak = & $median @($sorted | Where-Object Accounts -eq $largest | ForEach-Object PeakWorkingSetMB)
        Write-Host ('{0}: peak working set grew {1} MB from N={2} to N={3} (target for 1,000 to 100,000: under 50 MB)' -f
            $group.Name, ($largestPeak - $smallestPeak), $smallest, $largest)
    }
    return
}

# One measurement, in its own process.
Import-Module $modulePath
$credential = [pscredential]::new($env:CLOUDBLUEMCA_BENCH_KEY, (ConvertTo-SecureString $env:CLOUDBLUEMCA_BENCH_SECRET -AsPlainText -Force))
Connect-CloudBlue -Uri $env:CLOUDBLUEMCA_BENCH_URI -Credential $credential
$csv = $env:CLOUDBLUEMCA_BENCH_CSV
$state = @{ First = $null; FirstMsAccountId = $null; Results = 0 }
$onResult = { if (-not $state.First) { $state.First = [DateTimeOffset]::UtcNow; $state.FirstMsAccountId = $_.MsAccountId }; $state.Results++ }
# Warm-up, before the clock and outside the counted requests: one row through the same cmdlets
# and the same result script block, on the account after the CSV's last, so the figures show the
# bulk run, not the first-call JIT of the module, the emulator and the script block, whose first
# call alone takes several milliseconds (unless -ColdStart).
if (-not $ColdStart) {
    $warmUp = [pscustomobject]@{ InitialSubdomain = 'generated{0:D6}' -f ($Accounts[0] + 1); FirstName = 'John'; LastName = 'Smith'; Email = 'admin@example.com'; PhoneNumber = '+1234567' }
    $warmUp | Get-MsAccountInternalId | Test-McaAcceptance | ForEach-Object -Process $onResult
    $warmUp | Confirm-McaAcceptance | ForEach-Object -Process $onResult
    $state.First = $null
    $state.FirstMsAccountId = $null
    $state.Results = 0
}
[GC]::Collect()
$clock = [Diagnostics.Stopwatch]::StartNew()
$start = [DateTimeOffset]::UtcNow
switch ($Run) {
    'confirm' {
        Import-Csv -Path $csv | Confirm-McaAcceptance -ThrottleLimit $ThrottleLimit | ForEach-Object -Process $onResult
    }
    'test' {
        Import-Csv -Path $csv | Get-MsAccountInternalId | Test-McaAcceptance -ThrottleLimit $ThrottleLimit | ForEach-Object -Process $onResult
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
    FirstMsAccountId = $state.FirstMsAccountId
    Results        = $state.Results
    PeakWorkingSet = [Diagnostics.Process]::GetCurrentProcess().PeakWorkingSet64
} | ConvertTo-Json -Compress
