# Helpers the Pester files share: the built module, errors, other runspaces, a host that answers
# prompts, and the lists of error ids. Works on Windows PowerShell 5.1 and PowerShell 7.

Set-StrictMode -Version 2.0

if (-not ('CloudBlueMcaTests.ScriptedHost' -as [type])) {
    Add-Type -Path (Join-Path $PSScriptRoot 'ScriptedHost.cs')
}

function Get-RepositoryRoot {
    Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
}

function Get-ModuleManifestPath {
    <#
    .SYNOPSIS
    The manifest of the built module, out/CloudBlueMca/CloudBlueMca.psd1.
    #>
    Join-Path (Get-RepositoryRoot) 'out/CloudBlueMca/CloudBlueMca.psd1'
}

function Get-ThrownError {
    <#
    .SYNOPSIS
    Runs a script block and returns the ErrorRecord it threw, or nothing.
    #>
    param([Parameter(Mandatory = $true)] [scriptblock] $Command)

    try {
        $null = & $Command
    }
    catch {
        $_
    }
}

function New-TestRunspace {
    <#
    .SYNOPSIS
    An opened runspace with the built module imported, for a [powershell] instance.
    .DESCRIPTION
    The module comes with the runspace's initial session state rather than an Import-Module
    statement before the script: a [powershell] instance with several statements runs them as a
    batch, and stopping a batch started with BeginInvoke can crash the process (PowerShell's batch
    work item reads a variable of the runspace after it was closed).
    #>
    param([System.Management.Automation.Host.PSHost] $TestHost)

    $sessionState = [initialsessionstate]::CreateDefault()
    $sessionState.ImportPSModule([string[]] @(Get-ModuleManifestPath))
    $runspace = if ($TestHost) { [runspacefactory]::CreateRunspace($TestHost, $sessionState) } else { [runspacefactory]::CreateRunspace($sessionState) }
    $runspace.Open()
    $runspace
}

function Invoke-InTestRunspace {
    <#
    .SYNOPSIS
    Runs a script in a new runspace of this process, with the built module imported there, as
    ForEach-Object -Parallel, thread jobs and Azure Automation jobs do, and returns what each
    stream received.
    .DESCRIPTION
    The runspace's host is a CloudBlueMcaTests.ScriptedHost: it answers prompts with -Answer, in
    order ('Yes', 'Yes to All', 'No', 'No to All'), and fails a prompt it has no answer for.
    .OUTPUTS
    An object with Output, Error, Warning, Verbose, Progress and Information (the records each
    stream received), Prompts (CloudBlueMcaTests.ShownPrompt), HostText (what was written to the
    host, such as 'What if:' lines), State and Reason (how the pipeline ended).
    #>
    param(
        [Parameter(Mandatory = $true)] [scriptblock] $Script,
        [object[]] $ArgumentList = @(),
        [string[]] $Answer = @()
    )

    $scriptedHost = New-Object CloudBlueMcaTests.ScriptedHost (, $Answer)
    $runspace = New-TestRunspace -TestHost $scriptedHost
    $other = [powershell]::Create()
    $other.Runspace = $runspace
    try {
        $null = $other.AddScript($Script.ToString())
        foreach ($argument in $ArgumentList) {
            $null = $other.AddArgument($argument)
        }

        $output = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
        try {
            $other.Invoke($null, $output)
        }
        catch {
            # A terminating error ends the pipeline; its record is kept with the others.
            $null = $other.Streams.Error.Add($_.Exception.InnerException.ErrorRecord)
        }

        [pscustomobject]@{
            Output      = @($output)
            Error       = @($other.Streams.Error | Where-Object { $_ })
            Warning     = @($other.Streams.Warning)
            Verbose     = @($other.Streams.Verbose)
            Progress    = @($other.Streams.Progress)
            Information = @($other.Streams.Information)
            Prompts     = $scriptedHost.ScriptedUI.Prompts
            HostText    = $scriptedHost.ScriptedUI.Written
            State       = $other.InvocationStateInfo.State
            Reason      = $other.InvocationStateInfo.Reason
        }
    }
    finally {
        $other.Dispose()
        $runspace.Dispose()
    }
}

function Get-TroubleshootingErrorId {
    <#
    .SYNOPSIS
    The error ids of the README's "Troubleshooting by error ID" table: every `Id` in backticks in
    the first column of its rows, in table order.
    #>
    param([Parameter(Mandatory = $true)] [string] $ReadmePath)

    $inSection = $false
    $inTable = $false
    foreach ($line in Get-Content -LiteralPath $ReadmePath -Encoding UTF8) {
        if ($line -match '^#+\s') {
            if ($inSection) { break }
            $inSection = $line -match '^##\s+Troubleshooting by error ID\s*$'
            continue
        }
        if (-not $inSection) { continue }
        if (-not $line.StartsWith('|')) {
            if ($inTable) { break }
            continue
        }

        $inTable = $true
        $firstCell = $line.Split('|')[1]
        foreach ($match in [regex]::Matches($firstCell, '`([A-Za-z][A-Za-z0-9]*)`')) {
            $match.Groups[1].Value
        }
    }
}

function Get-CodeErrorId {
    <#
    .SYNOPSIS
    The values of the string constants declared in ErrorIds.cs: every id the code can raise.
    #>
    param([Parameter(Mandatory = $true)] [string] $Path)

    foreach ($match in [regex]::Matches((Get-Content -LiteralPath $Path -Raw), 'public\s+const\s+string\s+\w+\s*=\s*"([^"]+)"\s*;')) {
        $match.Groups[1].Value
    }
}

function Invoke-Shell {
    <#
    .SYNOPSIS
    Runs a [powershell] instance to the end, disposes it, and returns its Results, Warnings
    (messages) and Progress (records).
    #>
    param([Parameter(Mandatory = $true)] [powershell] $Shell)

    try {
        $results = @($Shell.Invoke())
        [pscustomobject]@{ Results = $results; Warnings = @($Shell.Streams.Warning | ForEach-Object Message); Progress = @($Shell.Streams.Progress) }
    }
    finally {
        $Shell.Dispose()
    }
}

function Invoke-ShellAndStop {
    <#
    .SYNOPSIS
    Runs a [powershell] instance, stops it as Ctrl+C would once it has written -After results,
    disposes it, and returns StopSeconds (how long Stop() took), Results and Warnings.
    #>
    param([Parameter(Mandatory = $true)] [powershell] $Shell, [Parameter(Mandatory = $true)] [int] $After)

    $output = [System.Management.Automation.PSDataCollection[psobject]]::new()
    try {
        $null = $Shell.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]]::new(), $output)
        $deadline = [DateTime]::UtcNow.AddSeconds(30)
        while ($output.Count -lt $After -and [DateTime]::UtcNow -lt $deadline) {
            Start-Sleep -Milliseconds 20
        }
        $clock = [Diagnostics.Stopwatch]::StartNew()
        $Shell.Stop()
        [pscustomobject]@{ StopSeconds = $clock.Elapsed.TotalSeconds; Results = @($output); Warnings = @($Shell.Streams.Warning | ForEach-Object Message) }
    }
    finally {
        $Shell.Dispose()
    }
}

Export-ModuleMember -Function Get-ModuleManifestPath, Get-ThrownError, New-TestRunspace, Invoke-InTestRunspace, Invoke-Shell, Invoke-ShellAndStop, Get-TroubleshootingErrorId, Get-CodeErrorId
