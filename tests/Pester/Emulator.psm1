# Starts and stops the built CloudBlueMca emulator for Pester tests.
# Works on Windows PowerShell 5.1 and PowerShell 7: only .NET APIs both have.

Set-StrictMode -Version 2.0

function Get-EmulatorAssemblyPath {
    $repositoryRoot = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $binFolder = Join-Path $repositoryRoot 'src/CloudBlueMca.Emulator/bin'
    $assembly = Get-ChildItem -Path $binFolder -Recurse -Filter 'CloudBlueMca.Emulator.dll' -ErrorAction SilentlyContinue |
        Sort-Object -Property LastWriteTimeUtc -Descending |
        Select-Object -First 1
    if (-not $assembly) {
        throw "CloudBlueMca.Emulator.dll was not found under '$binFolder'. Build first: dotnet build CloudBlueMca.sln"
    }

    $assembly.FullName
}

function Start-TestEmulator {
    <#
    .SYNOPSIS
    Starts the emulator on a free port of 127.0.0.1 and returns its URL and demo credentials.
    .OUTPUTS
    An object with Uri, ConsumerKey, ConsumerSecret, ApplicationInstanceId, the Partner Center demo
    PartnerTenantId, PartnerApplicationId and PartnerAppSecret, and Process; pass it to Stop-TestEmulator.
    #>
    [CmdletBinding()]
    param(
        # Customer accounts to generate in addition to the seed data.
        [int] $Accounts = 0,

        # More command-line flags, e.g. '--latency-ms', '200', '--fault', '/aps:503:1'.
        [string[]] $ArgumentList = @(),

        [int] $TimeoutSeconds = 60
    )

    $startInfo = New-Object System.Diagnostics.ProcessStartInfo
    $startInfo.FileName = 'dotnet'
    $startInfo.Arguments = ('"{0}" --port 0 --accounts {1} ' -f (Get-EmulatorAssemblyPath), $Accounts) + ($ArgumentList -join ' ')
    $startInfo.UseShellExecute = $false
    $startInfo.RedirectStandardOutput = $true
    $startInfo.CreateNoWindow = $true

    $process = [System.Diagnostics.Process]::Start($startInfo)
    $values = @{}
    $patterns = [ordered]@{
        Uri                   = '^CloudBlueMca emulator listening on (\S+)'
        ConsumerKey           = '^APS consumer key: (\S+)'
        ConsumerSecret        = '^APS consumer secret: (\S+)'
        ApplicationInstanceId = '^APS application instance id: (\S+)'
        PartnerTenantId       = '^Partner Center: Connect-PcService .* -TenantId (\S+)'
        PartnerApplicationId  = '^Partner Center app id: (\S+)'
        PartnerAppSecret      = '^Partner Center app secret: (\S+)'
    }
    $deadline = [DateTime]::UtcNow.AddSeconds($TimeoutSeconds)
    try {
        while ($values.Count -lt $patterns.Count) {
            $remaining = [int]($deadline - [DateTime]::UtcNow).TotalMilliseconds
            $readLine = $process.StandardOutput.ReadLineAsync()
            if ($remaining -le 0 -or -not $readLine.Wait($remaining)) {
                throw "The emulator did not print its URL and credentials within $TimeoutSeconds seconds."
            }

            $line = $readLine.Result
            if ($null -eq $line) {
                # End of output comes before the exit code is readable.
                [void] $process.WaitForExit(10000)
                throw "The emulator exited (code $($process.ExitCode)) before printing its URL."
            }

            foreach ($name in $patterns.Keys) {
                if ($line -match $patterns[$name]) {
                    $values[$name] = $Matches[1]
                }
            }
        }
    }
    catch {
        if (-not $process.HasExited) {
            $process.Kill()
        }

        $process.Dispose()
        throw
    }

    [pscustomobject]@{
        Uri                   = [Uri] $values.Uri
        ConsumerKey           = $values.ConsumerKey
        ConsumerSecret        = $values.ConsumerSecret
        ApplicationInstanceId = $values.ApplicationInstanceId
        PartnerTenantId       = $values.PartnerTenantId
        PartnerApplicationId  = $values.PartnerApplicationId
        PartnerAppSecret      = $values.PartnerAppSecret
        # Ready for Connect-CloudBlue -Credential and Connect-PcService -Credential.
        Credential            = New-Object System.Management.Automation.PSCredential($values.ConsumerKey, (ConvertTo-SecureString $values.ConsumerSecret -AsPlainText -Force))
        PartnerCredential     = New-Object System.Management.Automation.PSCredential($values.PartnerApplicationId, (ConvertTo-SecureString $values.PartnerAppSecret -AsPlainText -Force))
        Process               = $process
    }
}

function Stop-TestEmulator {
    <#
    .SYNOPSIS
    Stops an emulator started by Start-TestEmulator.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true, ValueFromPipeline = $true)]
        [object] $Emulator
    )

    process {
        $process = $Emulator.Process
        if (-not $process.HasExited) {
            $process.Kill()
            [void] $process.WaitForExit(10000)
        }

        $process.Dispose()
    }
}

function Invoke-EmulatorControl {
    param([object] $Emulator, [string] $Method, [string] $Path, [object] $Body)

    $parameters = @{ Method = $Method; Uri = [Uri]::new($Emulator.Uri, "_emulator/$Path"); UseBasicParsing = $true }
    if ($null -ne $Body) {
        $parameters.Body = ConvertTo-Json -InputObject $Body -Compress -Depth 10
        $parameters.ContentType = 'application/json'
    }
    Invoke-RestMethod @parameters
}

function Get-TestEmulatorRequest {
    <#
    .SYNOPSIS
    The emulator's request log in arrival order (control requests are not in it).
    .OUTPUTS
    Objects with Time, Method, Path, Query (raw, percent-encoded, with its '?'), PathAndQuery,
    StatusCode, Fault (null, or e.g. 'status 500', 'latency 200ms', 'dropped'), Body and Headers (hashtable).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [object] $Emulator,
        [string] $Method,
        # Wildcard pattern on the decoded path, e.g. '/aps/2/resources*'.
        [string] $PathLike = '*'
    )

    # Invoke-RestMethod returns a JSON array as one object; foreach over the variable enumerates it.
    $entries = Invoke-EmulatorControl $Emulator GET 'requests'
    foreach ($entry in $entries) {
        if (($Method -and $entry.method -ne $Method) -or $entry.path -notlike $PathLike) {
            continue
        }
        $headers = @{}
        foreach ($header in $entry.headers.PSObject.Properties) {
            $headers[$header.Name] = $header.Value
        }
        [pscustomobject]@{
            Time         = $entry.time
            Method       = $entry.method
            Path         = $entry.path
            Query        = $entry.query
            PathAndQuery = $entry.path + $entry.query
            StatusCode   = $entry.statusCode
            Fault        = $entry.fault
            Body         = $entry.body
            Headers      = $headers
        }
    }
}

function Clear-TestEmulatorRequest {
    <#
    .SYNOPSIS
    Empties the emulator's request log and resets its peak of concurrent requests.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)] [object] $Emulator)

    Invoke-EmulatorControl $Emulator DELETE 'requests' | Out-Null
}

function Get-TestEmulatorStatistic {
    <#
    .SYNOPSIS
    Count (requests logged) and PeakInFlight (most requests served at once) since the last clear.
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)] [object] $Emulator)

    $statistics = Invoke-EmulatorControl $Emulator GET 'statistics'
    [pscustomobject]@{ Count = $statistics.count; PeakInFlight = $statistics.peakInFlight }
}

function Add-TestEmulatorFault {
    <#
    .SYNOPSIS
    Injects a fault into the matching requests: the emulator's FaultRule, from another process.
    .EXAMPLE
    Add-TestEmulatorFault -Emulator $e -Kind Status -StatusCode 500 -Method GET -PathPrefix '/aps/2/resources' -Count 1
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [object] $Emulator,
        [Parameter(Mandatory = $true)] [ValidateSet('Latency', 'Status', 'DropConnection')] [string] $Kind,
        [string] $Method,
        # Matches when the decoded request path starts with this (case-insensitive).
        [string] $PathPrefix = '/',
        # Matches when the raw (percent-encoded) query string contains this.
        [string] $QueryContains,
        [int] $LatencyMilliseconds,
        [int] $StatusCode = 503,
        [int] $RetryAfterSeconds,
        # How many matching requests to fault; omitted = all of them.
        [int] $Count,
        [double] $Fraction = 1.0
    )

    $rule = [ordered]@{ kind = $Kind; pathPrefix = $PathPrefix; statusCode = $StatusCode; fraction = $Fraction }
    if ($Method) { $rule.method = $Method }
    if ($QueryContains) { $rule.queryContains = $QueryContains }
    if ($PSBoundParameters.ContainsKey('LatencyMilliseconds')) { $rule.latencyMilliseconds = $LatencyMilliseconds }
    if ($PSBoundParameters.ContainsKey('RetryAfterSeconds')) { $rule.retryAfterSeconds = $RetryAfterSeconds }
    if ($PSBoundParameters.ContainsKey('Count')) { $rule.count = $Count }
    Invoke-EmulatorControl $Emulator POST 'faults' $rule | Out-Null
}

function Clear-TestEmulatorFault {
    <#
    .SYNOPSIS
    Removes every injected fault rule (the base latency stays).
    #>
    [CmdletBinding()]
    param([Parameter(Mandatory = $true)] [object] $Emulator)

    Invoke-EmulatorControl $Emulator DELETE 'faults' | Out-Null
}

function Set-TestEmulatorLatency {
    <#
    .SYNOPSIS
    Sets the latency added to every request before it is served (0 removes it).
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [object] $Emulator,
        [Parameter(Mandatory = $true)] [ValidateRange(0, 600000)] [int] $Milliseconds
    )

    Invoke-EmulatorControl $Emulator PUT 'latency' @{ milliseconds = $Milliseconds } | Out-Null
}

function Set-TestEmulatorResource {
    <#
    .SYNOPSIS
    Merges properties into an APS resource of the emulator, as a PUT would (revision bumped), but
    without OAuth and without a request-log entry: for states the seed data lacks.
    .EXAMPLE
    Set-TestEmulatorResource -Emulator $e -ApsId d4cf0ea9-8f44-41c7-80da-1766174a4b12 -Property @{ initial_subdomain = 'example' }
    .OUTPUTS
    The updated resource as the APS API would return it.
    #>
    [CmdletBinding()]
    param(
        [Parameter(Mandatory = $true)] [object] $Emulator,
        [Parameter(Mandatory = $true)] [string] $ApsId,
        [Parameter(Mandatory = $true)] [hashtable] $Property
    )

    Invoke-EmulatorControl $Emulator PATCH "aps/resources/$ApsId" $Property
}

Export-ModuleMember -Function Start-TestEmulator, Stop-TestEmulator, Get-TestEmulatorRequest, Clear-TestEmulatorRequest, Get-TestEmulatorStatistic, Add-TestEmulatorFault, Clear-TestEmulatorFault, Set-TestEmulatorLatency, Set-TestEmulatorResource
