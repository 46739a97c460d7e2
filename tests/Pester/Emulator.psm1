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
    PartnerTenantId, PartnerApplicationId, PartnerAppSecret and PartnerRefreshToken (app+user, works
    once: each redemption returns the next), and Process; pass it to Stop-TestEmulator.
    #>
    [CmdletBinding()]
    param(
        # Customer accounts to generate in addition to the seed data.
        [int] $Accounts = 0,

        [int] $TimeoutSeconds = 60
    )

    $startInfo = New-Object System.Diagnostics.ProcessStartInfo
    $startInfo.FileName = 'dotnet'
    $startInfo.Arguments = '"{0}" --port 0 --accounts {1}' -f (Get-EmulatorAssemblyPath), $Accounts
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
        PartnerRefreshToken   = '^Partner Center refresh token [^:]*: (\S+)'
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
        PartnerRefreshToken   = $values.PartnerRefreshToken
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

Export-ModuleMember -Function Start-TestEmulator, Stop-TestEmulator
