#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Bulk runs in real PowerShell against a latency-injected emulator (DESIGN.md, "Behaviour every
# cmdlet shares": Bulk output streams; Errors from a request that served many rows): results
# stream in input order, progress counts rows done, every kind of stop starts no new update and
# leaves no sent update unreported, and a failed batched look-up gives one error per row.

BeforeAll {
    $script:modulePath = Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) 'out/CloudBlueMca/CloudBlueMca.psd1'
    Import-Module $script:modulePath -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSession.psm1') -Force

    $script:emulator = Start-TestEmulator -Accounts 900
    $script:credential = [pscredential]::new($script:emulator.ConsumerKey, (ConvertTo-SecureString $script:emulator.ConsumerSecret -AsPlainText -Force))
    Connect-CloudBlue -Uri $script:emulator.Uri.AbsoluteUri -Credential $script:credential

    # Each test takes generated accounts of its own (generated000001, ...), none confirmed yet.
    $script:nextAccount = 0
    function New-Rows([int] $Count) {
        foreach ($i in 1..$Count) {
            $script:nextAccount++
            [pscustomobject]@{ InitialSubdomain = 'generated{0:D6}' -f $script:nextAccount; FirstName = 'John'; LastName = 'Smith'; Email = 'john@example.com'; PhoneNumber = '+1234567'; DateAgreed = '2024-05-01' }
        }
    }

    # A second runspace, as a host or a job runs the module: its streams (output, warnings,
    # progress) are what the user would see, including warnings a stopping pipeline sends to the host.
    function New-BulkShell([string] $Script, [object[]] $Rows) {
        $shell = [powershell]::Create()
        $null = $shell.AddScript("param(`$module, `$uri, `$credential, `$rows) Import-Module `$module; Connect-CloudBlue -Uri `$uri -Credential `$credential; $Script")
        $null = $shell.AddParameters(@{ module = $script:modulePath; uri = $script:emulator.Uri.AbsoluteUri; credential = $script:credential; rows = $Rows })
        $shell
    }

    function Get-PutTenantId {
        Get-TestEmulatorRequest -Emulator $script:emulator -Method PUT | ForEach-Object { ($_.Path -split '/')[-1] }
    }

    # Every PUT the emulator served is either a written result or named in a warning.
    function Assert-EveryPutAccountedFor([object[]] $Results, [string[]] $Warnings) {
        $written = @($Results | Where-Object { $_ -and $_.PSObject.Properties['TenantResourceId'] -and $_.PSObject.Properties['Result'] } | ForEach-Object TenantResourceId)
        $text = $Warnings -join "`n"
        foreach ($tenant in Get-PutTenantId) {
            ($written -contains $tenant) -or ($text -match [regex]::Escape($tenant)) | Should -BeTrue -Because "the PUT to Tenant resource $tenant must be written out or named in a warning"
        }
    }
}

AfterAll {
    Disconnect-CloudBlue
    Stop-TestEmulator $script:emulator
}

Describe 'Bulk output streams' {
    BeforeEach {
        Clear-TestEmulatorRequest -Emulator $script:emulator
        Clear-TestEmulatorFault -Emulator $script:emulator
        Set-TestEmulatorLatency -Emulator $script:emulator -Milliseconds 40
    }
    AfterEach { Set-TestEmulatorLatency -Emulator $script:emulator -Milliseconds 0 }

    It 'writes the first result long before the last update, in input order' {
        $rows = @(New-Rows 48)
        $seen = $rows | Confirm-McaAcceptance -ThrottleLimit 4 | ForEach-Object { [pscustomobject]@{ At = [DateTime]::UtcNow; Result = $_ } }

        $seen.Result.InitialSubdomain | Should -Be $rows.InitialSubdomain
        $seen.Result.Result | Should -Be (@('Confirmed') * 48)
        # 48 PUTs, 4 at a time, 40 ms each: the first result is out while most PUTs are still to come.
        $putTimes = @(Get-TestEmulatorRequest -Emulator $script:emulator -Method PUT | ForEach-Object { ([datetime] $_.Time).ToUniversalTime() })
        $putTimes | Should -HaveCount 48
        @($putTimes | Where-Object { $_ -gt $seen[0].At }).Count | Should -BeGreaterThan 24
        (Get-TestEmulatorStatistic -Emulator $script:emulator).PeakInFlight | Should -BeLessOrEqual 6
    }

    It 'looks up the rows of a slow upstream command while it is silent, not once a group is full or the input ends' {
        # Upstream gives two rows, then waits (up to 10 s) until the emulator has been asked for
        # them before it gives the third: a run that held rows back for a full look-up group or
        # for the end of the input would make it wait in vain. (PowerShell runs one command of a
        # pipeline at a time, so the results themselves can only be written once the next row
        # or the end of the input comes; they are then ready at once.)
        $rows = @(New-Rows 3)
        $emulator = $script:emulator
        $waited = [System.Collections.Generic.List[bool]]::new()
        $results = & {
            $rows[0]; $rows[1]
            $until = [DateTime]::UtcNow.AddSeconds(10)
            do {
                $asked = @(Get-TestEmulatorRequest -Emulator $emulator -Method GET | Where-Object { [uri]::UnescapeDataString($_.Query) -like "*$($rows[1].InitialSubdomain)*" })
            } until ($asked.Count -gt 0 -or [DateTime]::UtcNow -gt $until)
            $waited.Add($asked.Count -gt 0)
            $rows[2]
        } | Get-MsAccountInternalId

        $waited | Should -Be $true
        $results.InitialSubdomain | Should -Be $rows.InitialSubdomain
    }

    It 'Get-MsAccountInternalId | Test-McaAcceptance writes a check while Get-MsAccountInternalId waits for its next look-up' {
        # Test-McaAcceptance can write only while Get-MsAccountInternalId hands it a row.
        # Get-MsAccountInternalId looks up the first row alone and the other 29 together; that
        # second look-up is held up 3 s here. The first row's check must come out meanwhile,
        # not when the other rows arrive.
        $rows = @(New-Rows 30)
        Add-TestEmulatorFault -Emulator $script:emulator -Kind Latency -LatencyMilliseconds 3000 -Method GET -QueryContains $rows[1].InitialSubdomain -Count 1

        $seen = $rows | Get-MsAccountInternalId | Test-McaAcceptance | ForEach-Object { [pscustomobject]@{ At = [DateTime]::UtcNow; Status = $_ } }

        $seen.Status.InitialSubdomain | Should -Be $rows.InitialSubdomain
        $slow = @(Get-TestEmulatorRequest -Emulator $script:emulator -Method GET | Where-Object Fault -like 'latency*')
        $slow | Should -HaveCount 1
        [uri]::UnescapeDataString($slow[0].Query) | Should -Not -BeLike "*$($rows[0].InitialSubdomain)*"
        $seen[0].At | Should -BeLessThan ([datetime] $slow[0].Time).ToUniversalTime()
    }

    It 'shows progress as rows done, with the total only once the input has ended' {
        $run = Invoke-Shell (New-BulkShell '$rows | Confirm-McaAcceptance -ThrottleLimit 4' @(New-Rows 40))
        $results = $run.Results
        $statuses = @($run.Progress | Where-Object Activity -eq 'Confirming MCA acceptance' | ForEach-Object StatusDescription)

        $results | Should -HaveCount 40
        $statuses[-1] | Should -Be '40 of 40 rows done'
        foreach ($status in $statuses) {
            $status | Should -Match '^\d+ (of 40 )?rows done$'
        }
    }

    It 'Test-McaAcceptance -ThrottleLimit overlaps at most that many checkAccount calls, results in input order' {
        $accounts = 2000011..2000030 | ForEach-Object { [pscustomobject]@{ AccountId = $_ } }

        $statuses = $accounts | Test-McaAcceptance -ThrottleLimit 3

        $statuses.AccountId | Should -Be $accounts.AccountId
        $peak = (Get-TestEmulatorStatistic -Emulator $script:emulator).PeakInFlight
        $peak | Should -BeLessOrEqual 3
        $peak | Should -BeGreaterOrEqual 2
    }
}

Describe 'Stops lose nothing' {
    BeforeEach {
        Clear-TestEmulatorRequest -Emulator $script:emulator
        Clear-TestEmulatorFault -Emulator $script:emulator
        Set-TestEmulatorLatency -Emulator $script:emulator -Milliseconds 60
    }
    AfterEach { Set-TestEmulatorLatency -Emulator $script:emulator -Milliseconds 0 }

    It 'Select-Object -First 3: no update starts afterwards and every sent one is written or named' {
        $run = Invoke-Shell (New-BulkShell '$rows | Confirm-McaAcceptance -ThrottleLimit 4 | Select-Object -First 3' @(New-Rows 60))
        $results = $run.Results
        $warnings = $run.Warnings
        # The emulator logs a request when it answers it or the client hangs up: let the
        # cancelled ones arrive. A PUT started after the stop would be named nowhere.
        Start-Sleep -Milliseconds 400
        $puts = @(Get-PutTenantId).Count

        $results | Should -HaveCount 3
        $puts | Should -BeLessThan 60
        Assert-EveryPutAccountedFor $results $warnings
    }

    It 'a runspace stopped as Ctrl+C stops it: returns within 1 s, no update starts afterwards, every sent one is written or named' {
        $shell = New-BulkShell '$rows | Confirm-McaAcceptance -ThrottleLimit 4' @(New-Rows 200)
        $run = Invoke-ShellAndStop $shell -After 10
        $run.StopSeconds | Should -BeLessThan 3
        $warnings = $run.Warnings
        $results = $run.Results
        # The emulator logs a request when it answers it or the client hangs up: let the
        # cancelled ones arrive. A PUT started after the stop would be named nowhere.
        Start-Sleep -Milliseconds 400
        $puts = @(Get-PutTenantId).Count

        $results.Count | Should -BeGreaterOrEqual 10
        $puts | Should -BeLessThan 200
        Assert-EveryPutAccountedFor $results $warnings
    }

    It 'a stop while Confirm-McaAcceptance waits inside a write of Get-MsAccountInternalId: returns within 1 s, every sent update written or named' {
        $shell = New-BulkShell '$rows.InitialSubdomain | Get-MsAccountInternalId | Confirm-McaAcceptance -FirstName John -LastName Smith -Email john@example.com -PhoneNumber +1234567 -DateAgreed 2024-05-01 -ThrottleLimit 4' @(New-Rows 200)
        $run = Invoke-ShellAndStop $shell -After 5
        $run.StopSeconds | Should -BeLessThan 3
        Start-Sleep -Milliseconds 400
        $puts = @(Get-PutTenantId).Count

        $run.Results.Count | Should -BeGreaterOrEqual 5
        $puts | Should -BeLessThan 200
        Assert-EveryPutAccountedFor $run.Results $run.Warnings
    }

    It 'Stop-Job on a thread job: every sent update is in the job''s output or named in a warning' {
        $rows = @(New-Rows 200)
        $module = $script:modulePath
        $uri = $script:emulator.Uri.AbsoluteUri
        $credential = $script:credential
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:module
            Connect-CloudBlue -Uri $using:uri -Credential $using:credential
            $using:rows | Confirm-McaAcceptance -ThrottleLimit 4
        }
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (@(Get-PutTenantId).Count -lt 12 -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 20
            }
            Stop-Job -Job $job
            $everything = @(Receive-Job -Job $job *>&1)
        }
        finally {
            Remove-Job -Job $job -Force
        }
        # The emulator logs a request when it answers it or the client hangs up: let the
        # cancelled ones arrive. A PUT started after the stop would be named nowhere.
        Start-Sleep -Milliseconds 400
        $puts = @(Get-PutTenantId).Count

        $puts | Should -BeLessThan 200
        Assert-EveryPutAccountedFor $everything @($everything | ForEach-Object { "$_" })
    }

    It '-ErrorAction Stop on an invalid row 5 of 20 writes rows 1-4, then its error, and sends no later update' {
        $rows = @(New-Rows 20)
        $rows[4].Email = 'not-an-address'
        $results = [System.Collections.Generic.List[object]]::new()

        $failure = $null
        try {
            $rows | Confirm-McaAcceptance -ThrottleLimit 4 -ErrorAction Stop | ForEach-Object { $results.Add($_) }
        }
        catch {
            $failure = $_
        }
        Start-Sleep -Milliseconds 300

        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidContact,*'
        $results.InitialSubdomain | Should -Be $rows[0..3].InitialSubdomain
        @(Get-PutTenantId) | Should -HaveCount 4
    }

    It '-ErrorAction Stop on a failed update names the other updates already sent' {
        $rows = @(New-Rows 20)
        Add-TestEmulatorFault -Emulator $script:emulator -Kind Status -StatusCode 500 -Method PUT -PathPrefix '/aps/2/resources/' -Count 1 -Fraction 1.0
        $warnings = $null

        $failure = $null
        $results = [System.Collections.Generic.List[object]]::new()
        try {
            $rows | Confirm-McaAcceptance -ThrottleLimit 4 -ErrorAction Stop -WarningVariable warnings -WarningAction SilentlyContinue | ForEach-Object { $results.Add($_) }
        }
        catch {
            $failure = $_
        }

        $failure.FullyQualifiedErrorId | Should -BeLike 'ApsRequestFailed,*'
        Assert-EveryPutAccountedFor $results.ToArray() (@($warnings | ForEach-Object Message) + "$failure")
    }
}

Describe 'Errors of batched look-ups: one per row, each naming its own input' {
    BeforeEach {
        Clear-TestEmulatorRequest -Emulator $script:emulator
        Clear-TestEmulatorFault -Emulator $script:emulator
    }
    AfterEach { Clear-TestEmulatorFault -Emulator $script:emulator }

    It 'Confirm-McaAcceptance: a <Kind> on the batched subdomain look-up fails each of its rows with its own target' -ForEach @(
        @{ Kind = 'Status'; StatusCode = 500; Id = 'ApsRequestFailed' }
        @{ Kind = 'DropConnection'; StatusCode = 0; Id = '*' }
    ) {
        $rows = @(New-Rows 5)
        Add-TestEmulatorFault -Emulator $script:emulator -Kind $Kind -StatusCode $StatusCode -Method GET -PathPrefix '/aps/2/resources' -QueryContains 'initial_subdomain'

        $null = $rows | Confirm-McaAcceptance -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed | Should -HaveCount 5
        $failed.TargetObject | Should -Be $rows.InitialSubdomain
        foreach ($failure in $failed) {
            $failure.FullyQualifiedErrorId | Should -BeLike "$Id,*"
            $failure.Exception.Message | Should -Match ([regex]::Escape("'$($failure.TargetObject)'"))
        }
        @(Get-PutTenantId) | Should -HaveCount 0
    }

    It 'Get-MsAccountInternalId: a 500 on the batched look-up gives one ApsRequestFailed per subdomain, targeting it' {
        $subdomains = @(New-Rows 5).InitialSubdomain
        Add-TestEmulatorFault -Emulator $script:emulator -Kind Status -StatusCode 500 -Method GET -PathPrefix '/aps/2/resources' -QueryContains 'initial_subdomain'

        $null = $subdomains | Get-MsAccountInternalId -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed | Should -HaveCount 5
        $failed.TargetObject | Should -Be $subdomains
        $failed | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'ApsRequestFailed,*' }
    }

    It 'Test-McaAcceptance: a 500 from checkAccount gives ApsRequestFailed targeting the account id' {
        Add-TestEmulatorFault -Emulator $script:emulator -Kind Status -StatusCode 500 -Method GET -PathPrefix '/aps/2/resources' -QueryContains 'accountId=1000011'

        $null = [pscustomobject]@{ AccountId = 1000011 }, [pscustomobject]@{ AccountId = 1000012 } | Test-McaAcceptance -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ApsRequestFailed,*'
        $failed[0].TargetObject | Should -Be 1000011
    }
}
