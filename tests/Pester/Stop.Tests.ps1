#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Stopping a pipeline while its requests are in flight (Ctrl+C, Stop-Job, PowerShell.Stop()): the
# cmdlet's StopProcessing cancels the HTTP calls, so the pipeline ends within a second even though
# the emulator would answer only after 30 s. The emulator's PeakInFlight tells when requests are
# in flight; what a stopped bulk run must still report is issue 9's part.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSession.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force

    $script:emulator = Start-TestEmulator -Accounts 20
    $script:connection = Connect-CloudBlue -Uri $emulator.Uri.AbsoluteUri -Credential $emulator.Credential -PassThru
    $script:pcConnection = Connect-PcService -Credential $emulator.PartnerCredential -TenantId $emulator.PartnerTenantId -ApiUri $emulator.Uri -Authority $emulator.Uri -PassThru

    # Starts $Script in another runspace, waits until $InFlight requests are in flight at once,
    # stops the pipeline and measures how long PowerShell.Stop() took.
    function Measure-Stop {
        param([scriptblock] $Script, [object[]] $ArgumentList, [int] $InFlight = 1)
        Clear-TestEmulatorRequest -Emulator $emulator
        $runspace = New-TestRunspace
        $other = [powershell]::Create()
        $other.Runspace = $runspace
        try {
            $null = $other.AddScript($Script.ToString())
            foreach ($argument in $ArgumentList) { $null = $other.AddArgument($argument) }
            $output = New-Object 'System.Management.Automation.PSDataCollection[psobject]'
            $handle = $other.BeginInvoke([System.Management.Automation.PSDataCollection[psobject]] $null, $output)
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while ((Get-TestEmulatorStatistic -Emulator $emulator).PeakInFlight -lt $InFlight) {
                if ($handle.IsCompleted -or [DateTime]::UtcNow -gt $deadline) {
                    throw "The pipeline never had $InFlight request(s) in flight (state $($other.InvocationStateInfo.State): $($other.Streams.Error))."
                }
                Start-Sleep -Milliseconds 20
            }

            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $other.Stop()
            $watch.Stop()
            [pscustomobject]@{
                Seconds = $watch.Elapsed.TotalSeconds
                State   = $other.InvocationStateInfo.State
                Output  = @($output)
                Error   = @($other.Streams.Error)
            }
        }
        finally {
            $other.Dispose()
            $runspace.Dispose()
        }
    }
}

AfterAll {
    Stop-TestEmulator $script:emulator
}

Describe 'Stopping a pipeline with requests in flight' {
    AfterEach {
        Clear-TestEmulatorFault -Emulator $emulator
        Set-TestEmulatorLatency -Emulator $emulator -Milliseconds 0
    }

    It '<Command> returns within 1 s' -ForEach @(
        @{ Command = 'Get-MsAccountInternalId'; Script = { param($c) Get-MsAccountInternalId example, contoso -Connection $c } }
        @{ Command = 'Test-McaAcceptance'; Script = { param($c) Test-McaAcceptance -AccountId 1000011 -Connection $c } }
        @{ Command = 'Confirm-McaAcceptance (look-up)'; Script = { param($c) Confirm-McaAcceptance -InitialSubdomain generated000001 -FirstName John -LastName Smith -Email john@example.com -PhoneNumber +1234567 -Connection $c } }
    ) {
        Set-TestEmulatorLatency -Emulator $emulator -Milliseconds 30000

        $stopped = Measure-Stop -Script $Script -ArgumentList $connection

        $stopped.Seconds | Should -BeLessThan 1
        $stopped.State | Should -Be 'Stopped'
        $stopped.Output | Should -HaveCount 0
        @(Get-TestEmulatorRequest -Emulator $emulator -Method PUT) | Should -HaveCount 0
    }

    It 'Confirm-McaAcceptance returns within 1 s while its PUTs are in flight' {
        Add-TestEmulatorFault -Emulator $emulator -Kind Latency -Method PUT -LatencyMilliseconds 30000

        $stopped = Measure-Stop -InFlight 2 -ArgumentList $connection -Script {
            param($c)
            2..9 | ForEach-Object { [pscustomobject]@{ InitialSubdomain = 'generated{0:D6}' -f $_ } } |
                Confirm-McaAcceptance -FirstName John -LastName Smith -Email john@example.com -PhoneNumber +1234567 -Connection $c
        }

        $stopped.Seconds | Should -BeLessThan 1
        $stopped.State | Should -Be 'Stopped'
    }

    It '<Command> returns within 1 s while it checks the credentials' -ForEach @(
        @{ Command = 'Connect-CloudBlue'; Script = { param($e) Connect-CloudBlue -Uri $e.Uri.AbsoluteUri -Credential $e.Credential -PassThru } }
        @{ Command = 'Connect-PcService'; Script = { param($e) Connect-PcService -Credential $e.PartnerCredential -TenantId $e.PartnerTenantId -ApiUri $e.Uri -Authority $e.Uri -PassThru } }
    ) {
        Set-TestEmulatorLatency -Emulator $emulator -Milliseconds 30000

        $stopped = Measure-Stop -Script $Script -ArgumentList $emulator

        $stopped.Seconds | Should -BeLessThan 1
        $stopped.State | Should -Be 'Stopped'
        $stopped.Output | Should -HaveCount 0
    }

    It 'Get-PcCustomer returns within 1 s' {
        Set-TestEmulatorLatency -Emulator $emulator -Milliseconds 30000

        $stopped = Measure-Stop -ArgumentList $pcConnection -Script { param($c) Get-PcCustomer -Connection $c }

        $stopped.Seconds | Should -BeLessThan 1
        $stopped.State | Should -Be 'Stopped'
    }
}

Describe 'Stop-Job on a thread job with requests in flight' {
    It 'returns within 1 s and leaves the job Stopped' {
        Set-TestEmulatorLatency -Emulator $emulator -Milliseconds 30000
        Clear-TestEmulatorRequest -Emulator $emulator
        try {
            $job = Start-ThreadJob -ArgumentList (Get-ModuleManifestPath), $connection -ScriptBlock {
                param($ManifestPath, $Connection)
                Import-Module $ManifestPath
                Get-MsAccountInternalId example -Connection $Connection
            }
            while ((Get-TestEmulatorStatistic -Emulator $emulator).PeakInFlight -lt 1) {
                $job.State | Should -BeIn 'NotStarted', 'Running' -Because 'the look-up waits for the emulator'
                Start-Sleep -Milliseconds 20
            }

            $elapsed = Measure-Command { $job | Stop-Job }

            $elapsed.TotalSeconds | Should -BeLessThan 1
            $job.State | Should -Be 'Stopped'
            @($job | Receive-Job -ErrorAction SilentlyContinue) | Should -HaveCount 0
        }
        finally {
            Set-TestEmulatorLatency -Emulator $emulator -Milliseconds 0
            if ($job) { $job | Remove-Job -Force }
        }
    }
}
