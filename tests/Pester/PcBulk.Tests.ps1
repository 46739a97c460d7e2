#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# New-PcCustomerAgreement and Sync-McaAcceptance in bulk, in real PowerShell against a
# latency-injected emulator, under the rules Confirm-McaAcceptance keeps (DESIGN.md, "Behaviour
# every cmdlet shares"): results stream in input order with errors in place, each error targets
# its row's input, progress counts rows done, -WhatIf sends nothing, and after every kind of stop
# no new write starts and each sent write is written out or named in a warning. The emulator's
# generated accounts (generated000001, account 2000001, ...) are Partner Center customers too;
# each test takes accounts of its own.

BeforeAll {
    $script:modulePath = Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) 'out/CloudBlueMca/CloudBlueMca.psd1'
    Import-Module $script:modulePath -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'TestSession.psm1') -Force

    $script:emulator = Start-TestEmulator -Accounts 800
    $script:credential = [pscredential]::new($script:emulator.ConsumerKey, (ConvertTo-SecureString $script:emulator.ConsumerSecret -AsPlainText -Force))
    Connect-CloudBlue -Uri $script:emulator.Uri.AbsoluteUri -Credential $script:credential
    $script:pc = Connect-PcService -UseDeviceAuthentication -TenantId $script:emulator.PartnerTenantId -ApiUri $script:emulator.Uri -Authority $script:emulator.Uri -PassThru -WarningAction SilentlyContinue

    $script:nextAccount = 0
    function New-Account([int] $Count) {
        foreach ($i in 1..$Count) {
            $script:nextAccount++
            $n = $script:nextAccount
            [pscustomobject]@{
                AccountId        = 2000000 + $n
                InitialSubdomain = 'generated{0:D6}' -f $n
                # The emulator's generated Microsoft tenant id of account n.
                CustomerId       = '{0:x8}-0000-4000-8000-0000000000b1' -f $n
            }
        }
    }

    function New-AgreementRow([object[]] $Account) {
        foreach ($a in $Account) {
            [pscustomobject]@{ CustomerId = $a.CustomerId; FirstName = 'Jane'; LastName = 'Doe'; Email = 'jane@example.com'; PhoneNumber = '+1234567'; DateAgreed = '2024-05-01' }
        }
    }

    # CloudBlue holds a contact and Partner Center none: Sync -Direction ToPartnerCenter attests each.
    function Set-CloudBlueContact([object[]] $Account) {
        $Account | Select-Object InitialSubdomain |
            Confirm-McaAcceptance -FirstName Jane -LastName Doe -Email jane@example.com -PhoneNumber '+1234567' -DateAgreed 2024-05-01 -ThrottleLimit 8 |
            Out-Null
        Clear-TestEmulatorRequest -Emulator $script:emulator
    }

    # A second runspace, as a host or a job runs the module: its streams are what the user would see.
    function New-BulkShell([string] $Script, [object[]] $Rows) {
        $shell = [powershell]::Create()
        $null = $shell.AddScript("param(`$module, `$uri, `$credential, `$pc, `$rows) Import-Module `$module; Connect-CloudBlue -Uri `$uri -Credential `$credential; $Script")
        $null = $shell.AddParameters(@{ module = $script:modulePath; uri = $script:emulator.Uri.AbsoluteUri; credential = $script:credential; pc = $script:pc; rows = $Rows })
        $shell
    }

    # The Partner Center customers that were sent an attestation (POST), by id.
    function Get-PostCustomerId {
        Get-TestEmulatorRequest -Emulator $script:emulator -Method POST -PathLike '/v1/customers/*' | ForEach-Object { ($_.Path -split '/')[-2] }
    }

    # Every POST the emulator served is either a written result or named in a warning.
    function Assert-EveryPostAccountedFor([object[]] $Results, [string[]] $Warnings) {
        $written = @($Results | ForEach-Object {
                if ($_ -and $_.PSObject.Properties['CustomerId']) { "$($_.CustomerId)" }
                elseif ($_ -and $_.PSObject.Properties['MsTenantId'] -and $_.PSObject.Properties['Action']) { "$($_.MsTenantId)" }
            })
        $text = $Warnings -join "`n"
        foreach ($customer in Get-PostCustomerId) {
            ($written -contains $customer) -or ($text -match [regex]::Escape($customer)) | Should -BeTrue -Because "the POST for customer $customer must be written out or named in a warning"
        }
    }

    # Runs the script in a thread job, Stop-Jobs it once $After attestations were sent, and
    # returns everything the job wrote (output, errors, warnings).
    function Invoke-ThreadJobAndStop([scriptblock] $Script, [object[]] $ArgumentList, [int] $After) {
        $job = Start-ThreadJob -ScriptBlock $Script -ArgumentList $ArgumentList
        try {
            $deadline = [DateTime]::UtcNow.AddSeconds(30)
            while (@(Get-PostCustomerId).Count -lt $After -and [DateTime]::UtcNow -lt $deadline) {
                Start-Sleep -Milliseconds 20
            }
            Stop-Job -Job $job
            @(Receive-Job -Job $job *>&1)
        }
        finally {
            Remove-Job -Job $job -Force
        }
    }

    # The run's output and errors in the order they were written: what a user sees on screen.
    function Get-Target($Item) {
        if ($Item -is [System.Management.Automation.ErrorRecord]) { "$($Item.TargetObject)" }
        elseif ($Item.PSObject.Properties['Action']) { "$($Item.AccountId)" }
        else { "$($Item.CustomerId)" }
    }

    # A slow upstream command: each row follows the last after a pause, and the time the input
    # ended is kept, to tell a streamed result from one written at the end.
    function Send-Slowly([object[]] $Rows, [int] $PauseMilliseconds) {
        foreach ($row in $Rows) {
            $row
            Start-Sleep -Milliseconds $PauseMilliseconds
        }
        $script:inputEnded = [DateTime]::UtcNow
    }
}

AfterAll {
    Disconnect-PcService
    Disconnect-CloudBlue
    Stop-TestEmulator $script:emulator
}

Describe 'New-PcCustomerAgreement in bulk' {
    BeforeEach {
        Clear-TestEmulatorRequest -Emulator $script:emulator
        Clear-TestEmulatorFault -Emulator $script:emulator
        Set-TestEmulatorLatency -Emulator $script:emulator -Milliseconds 40
    }
    AfterEach { Set-TestEmulatorLatency -Emulator $script:emulator -Milliseconds 0 }

    It 'writes the first result before the input ends, and results and errors in input order, each error targeting its customer id' {
        # 40 rows, 50 ms apart: the input takes 2 s, and a result needs three requests of 40 ms.
        $rows = @(New-AgreementRow (New-Account 40))
        $rows[4].Email = 'not-an-address'
        $rows[11].CustomerId = '00000000-1111-2222-3333-444444444444'
        $rows[17].DateAgreed = '01.05.2024'

        $seen = Send-Slowly $rows 50 | New-PcCustomerAgreement -ThrottleLimit 4 -ErrorAction Continue 2>&1 |
            ForEach-Object { [pscustomobject]@{ At = [DateTime]::UtcNow; Output = $_ } }

        $seen[0].At | Should -BeLessThan $script:inputEnded
        @($seen | ForEach-Object { Get-Target $_.Output }) | Should -Be @($rows.CustomerId)
        $errors = @($seen.Output | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })
        $errors.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } | Should -Be @('InvalidContact', 'CustomerNotFound', 'InvalidContact')
        $errors | ForEach-Object { $_.TargetObject | Should -BeOfType [guid] }
        @($seen.Output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_.Result -eq 'Confirmed' }) | Should -HaveCount 37
        @(Get-PostCustomerId) | Should -HaveCount 37
    }

    It 'a second row of the same customer and contact is AlreadyConfirmed, and only one attestation is sent' {
        $row = New-AgreementRow (New-Account 1)

        $results = $row, $row | New-PcCustomerAgreement -ThrottleLimit 4

        $results.Result | Should -Be @('Confirmed', 'AlreadyConfirmed')
        @(Get-PostCustomerId) | Should -HaveCount 1
    }

    It 'shows progress as rows done, with the total only once the input has ended' {
        $run = Invoke-Shell (New-BulkShell '$rows | New-PcCustomerAgreement -ThrottleLimit 4 -Connection $pc' @(New-AgreementRow (New-Account 30)))
        $results = $run.Results
        $progress = @($run.Progress | Where-Object Activity -EQ 'Attesting MCA acceptance in Partner Center')

        $results | Should -HaveCount 30
        $progress[-1].StatusDescription | Should -Be '30 of 30 rows done'
        $progress[-1].RecordType | Should -Be 'Completed'
        foreach ($status in $progress.StatusDescription) {
            $status | Should -Match '^\d+ (of 30 )?rows done$'
        }
    }

    It 'sends nothing with -WhatIf and writes nothing for the declined rows' {
        $results = New-AgreementRow (New-Account 10) | New-PcCustomerAgreement -WhatIf

        $results | Should -BeNullOrEmpty
        Get-PostCustomerId | Should -BeNullOrEmpty
    }
}

Describe 'New-PcCustomerAgreement stops lose nothing' {
    BeforeEach {
        Clear-TestEmulatorRequest -Emulator $script:emulator
        Clear-TestEmulatorFault -Emulator $script:emulator
        Set-TestEmulatorLatency -Emulator $script:emulator -Milliseconds 60
    }
    AfterEach { Set-TestEmulatorLatency -Emulator $script:emulator -Milliseconds 0 }

    It 'Select-Object -First 3: no attestation starts afterwards and every sent one is written or named' {
        $run = Invoke-Shell (New-BulkShell '$rows | New-PcCustomerAgreement -ThrottleLimit 4 -Connection $pc | Select-Object -First 3' @(New-AgreementRow (New-Account 40)))
        $results = $run.Results
        $warnings = $run.Warnings
        # The emulator logs a request when it answers it or the client hangs up: let the
        # cancelled ones arrive. A POST started after the stop would be named nowhere.
        Start-Sleep -Milliseconds 400

        $results | Should -HaveCount 3
        @(Get-PostCustomerId).Count | Should -BeLessThan 40
        Assert-EveryPostAccountedFor $results $warnings
    }

    It 'a runspace stopped as Ctrl+C stops it: returns promptly, no attestation starts afterwards, every sent one is written or named' {
        $shell = New-BulkShell '$rows | New-PcCustomerAgreement -ThrottleLimit 4 -Connection $pc' @(New-AgreementRow (New-Account 120))

        $run = Invoke-ShellAndStop $shell -After 8
        # The emulator logs a request when it answers it or the client hangs up: let the
        # cancelled ones arrive. A POST started after the stop would be named nowhere.
        Start-Sleep -Milliseconds 400

        $run.StopSeconds | Should -BeLessThan 3
        $run.Results.Count | Should -BeGreaterOrEqual 8
        @(Get-PostCustomerId).Count | Should -BeLessThan 120
        Assert-EveryPostAccountedFor $run.Results $run.Warnings
    }

    It 'Stop-Job on a thread job: every sent attestation is in the job''s output or named in a warning' {
        $rows = @(New-AgreementRow (New-Account 120))

        $everything = Invoke-ThreadJobAndStop -After 8 -ArgumentList $script:modulePath, $script:pc, $rows -Script {
            param($module, $pc, $rows)
            Import-Module $module
            $rows | New-PcCustomerAgreement -ThrottleLimit 4 -Connection $pc
        }
        Start-Sleep -Milliseconds 400

        @(Get-PostCustomerId).Count | Should -BeLessThan 120
        Assert-EveryPostAccountedFor $everything @($everything | ForEach-Object { "$_" })
    }

    It '-ErrorAction Stop on an invalid row 5 of 20 writes rows 1-4, then its error, and sends no later attestation' {
        $rows = @(New-AgreementRow (New-Account 20))
        $rows[4].Email = 'not-an-address'
        $results = [System.Collections.Generic.List[object]]::new()

        $failure = $null
        try {
            $rows | New-PcCustomerAgreement -ThrottleLimit 4 -ErrorAction Stop | ForEach-Object { $results.Add($_) }
        }
        catch {
            $failure = $_
        }
        Start-Sleep -Milliseconds 300

        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidContact,*'
        "$($failure.TargetObject)" | Should -Be $rows[4].CustomerId
        @($results.CustomerId | ForEach-Object { "$_" }) | Should -Be @($rows[0..3].CustomerId)
        @(Get-PostCustomerId) | Should -HaveCount 4
    }
}

Describe 'Sync-McaAcceptance in bulk' {
    BeforeEach {
        Clear-TestEmulatorRequest -Emulator $script:emulator
        Clear-TestEmulatorFault -Emulator $script:emulator
    }
    AfterEach { Set-TestEmulatorLatency -Emulator $script:emulator -Milliseconds 0 }

    It 'writes the first result before the input ends, and results and errors in input order, each error targeting its account id' {
        # 31 accounts, 60 ms apart: the input takes 1.9 s, and a result needs about six requests of 40 ms.
        $accounts = @(New-Account 30)
        Set-CloudBlueContact $accounts
        Set-TestEmulatorLatency -Emulator $script:emulator -Milliseconds 40
        $ids = [System.Collections.Generic.List[int]]::new([int[]] $accounts.AccountId)
        $ids.Insert(6, 999)

        $seen = Send-Slowly $ids 60 | Sync-McaAcceptance -Direction ToPartnerCenter -ThrottleLimit 4 -ErrorAction Continue 2>&1 |
            ForEach-Object { [pscustomobject]@{ At = [DateTime]::UtcNow; Output = $_ } }

        $seen[0].At | Should -BeLessThan $script:inputEnded
        @($seen | ForEach-Object { Get-Target $_.Output }) | Should -Be @($ids | ForEach-Object { "$_" })
        $failure = $seen[6].Output
        $failure.FullyQualifiedErrorId | Should -BeLike 'AccountNotFound,*'
        $failure.TargetObject | Should -Be 999
        @($seen.Output | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] -and $_.Action -eq 'AttestedInPartnerCenter' }) | Should -HaveCount 30
        @(Get-PostCustomerId) | Should -HaveCount 30
    }

    It 'lists every account page by page and writes the first results before the last page is read' {
        # 806 Tenant resources: two pages of 500. The second page is slow to answer.
        Add-TestEmulatorFault -Emulator $script:emulator -Kind Latency -LatencyMilliseconds 3000 -Method GET -PathPrefix '/aps/2/resources' -QueryContains 'limit(500,500)'

        $first = Sync-McaAcceptance -Direction ToCloudBlue -ThrottleLimit 8 -WhatIf -WarningAction SilentlyContinue |
            Select-Object -First 1 | ForEach-Object { [pscustomobject]@{ At = [DateTime]::UtcNow; Result = $_ } }
        # The emulator logs a request when it answers it or the client hangs up.
        Start-Sleep -Milliseconds 400

        $first.Result.AccountId | Should -Be 1000012 -Because 'account 1000011 would be written, which -WhatIf declines'
        # The second page was not asked for yet, or was not answered yet, when the first result came.
        $secondPage = @(Get-TestEmulatorRequest -Emulator $script:emulator | Where-Object Query -Like '*limit(500,500)*')
        if ($secondPage.Count -gt 0) {
            $first.At | Should -BeLessThan ([datetime] $secondPage[0].Time).ToUniversalTime()
        }
        @(Get-TestEmulatorRequest -Emulator $script:emulator | Where-Object Method -In 'PUT', 'POST') | Should -HaveCount 0
    }

    It 'shows progress as Microsoft accounts done, with the total only once the input has ended' {
        $accounts = @(New-Account 12)
        $run = Invoke-Shell (New-BulkShell '$rows | Sync-McaAcceptance -Direction ToCloudBlue -ThrottleLimit 4 -PcConnection $pc' @($accounts.AccountId))
        $results = $run.Results
        $progress = @($run.Progress | Where-Object Activity -EQ 'Synchronising MCA acceptance')

        $results | Should -HaveCount 12
        $results.Action | Should -Be (@('NeedsContact') * 12)
        $progress[-1].StatusDescription | Should -Be '12 of 12 rows done'
        $progress[-1].RecordType | Should -Be 'Completed'
        foreach ($status in $progress.StatusDescription) {
            $status | Should -Match '^\d+ (of 12 )?rows done$'
        }
    }

    It 'sends nothing with -WhatIf, and a rerun after the real run writes nothing' {
        $accounts = @(New-Account 10)
        Set-CloudBlueContact $accounts
        Set-TestEmulatorLatency -Emulator $script:emulator -Milliseconds 20

        $whatIf = $accounts.AccountId | Sync-McaAcceptance -Direction ToPartnerCenter -WhatIf
        $whatIf | Should -BeNullOrEmpty
        Get-PostCustomerId | Should -BeNullOrEmpty

        ($accounts.AccountId | Sync-McaAcceptance -Direction ToPartnerCenter).Action | Should -Be (@('AttestedInPartnerCenter') * 10)
        Clear-TestEmulatorRequest -Emulator $script:emulator
        ($accounts.AccountId | Sync-McaAcceptance -Direction Both).Action | Should -Be (@('InSync') * 10)
        Get-TestEmulatorRequest -Emulator $script:emulator | Where-Object Method -In 'PUT', 'POST' | Should -BeNullOrEmpty
    }
}

Describe 'Sync-McaAcceptance stops lose nothing' {
    BeforeEach {
        Clear-TestEmulatorRequest -Emulator $script:emulator
        Clear-TestEmulatorFault -Emulator $script:emulator
    }
    AfterEach { Set-TestEmulatorLatency -Emulator $script:emulator -Milliseconds 0 }

    It 'Select-Object -First 3: no write starts afterwards and every sent one is written or named' {
        $accounts = @(New-Account 40)
        Set-CloudBlueContact $accounts
        Set-TestEmulatorLatency -Emulator $script:emulator -Milliseconds 60
        $run = Invoke-Shell (New-BulkShell '$rows | Sync-McaAcceptance -Direction ToPartnerCenter -ThrottleLimit 4 -PcConnection $pc | Select-Object -First 3' @($accounts.AccountId))
        $results = $run.Results
        $warnings = $run.Warnings
        Start-Sleep -Milliseconds 400

        $results | Should -HaveCount 3
        @(Get-PostCustomerId).Count | Should -BeLessThan 40
        Assert-EveryPostAccountedFor $results $warnings
    }

    It 'a runspace stopped as Ctrl+C stops it: returns promptly, no write starts afterwards, every sent one is written or named' {
        $accounts = @(New-Account 100)
        Set-CloudBlueContact $accounts
        Set-TestEmulatorLatency -Emulator $script:emulator -Milliseconds 60
        $shell = New-BulkShell '$rows | Sync-McaAcceptance -Direction ToPartnerCenter -ThrottleLimit 4 -PcConnection $pc' @($accounts.AccountId)

        $run = Invoke-ShellAndStop $shell -After 6
        Start-Sleep -Milliseconds 400

        $run.StopSeconds | Should -BeLessThan 3
        $run.Results.Count | Should -BeGreaterOrEqual 6
        @(Get-PostCustomerId).Count | Should -BeLessThan 100
        Assert-EveryPostAccountedFor $run.Results $run.Warnings
    }

    It 'Stop-Job on a thread job: every sent write is in the job''s output or named in a warning' {
        $accounts = @(New-Account 100)
        Set-CloudBlueContact $accounts
        Set-TestEmulatorLatency -Emulator $script:emulator -Milliseconds 60

        $everything = Invoke-ThreadJobAndStop -After 6 -ArgumentList $script:modulePath, $script:emulator.Uri.AbsoluteUri, $script:credential, $script:pc, $accounts.AccountId -Script {
            param($module, $uri, $credential, $pc, $ids)
            Import-Module $module
            Connect-CloudBlue -Uri $uri -Credential $credential
            $ids | Sync-McaAcceptance -Direction ToPartnerCenter -ThrottleLimit 4 -PcConnection $pc
        }
        Start-Sleep -Milliseconds 400

        @(Get-PostCustomerId).Count | Should -BeLessThan 100
        Assert-EveryPostAccountedFor $everything @($everything | ForEach-Object { "$_" })
    }

    It '-ErrorAction Stop on an unknown account 5 of 20 writes accounts 1-4, then its error, and sends no later write' {
        $accounts = @(New-Account 20)
        Set-CloudBlueContact $accounts
        Set-TestEmulatorLatency -Emulator $script:emulator -Milliseconds 40
        $ids = [System.Collections.Generic.List[int]]::new([int[]] $accounts.AccountId)
        $ids[4] = 999
        $results = [System.Collections.Generic.List[object]]::new()

        $failure = $null
        try {
            $ids | Sync-McaAcceptance -Direction ToPartnerCenter -ThrottleLimit 4 -ErrorAction Stop | ForEach-Object { $results.Add($_) }
        }
        catch {
            $failure = $_
        }
        Start-Sleep -Milliseconds 300

        $failure.FullyQualifiedErrorId | Should -BeLike 'AccountNotFound,*'
        $failure.TargetObject | Should -Be 999
        @($results.AccountId) | Should -Be @($ids[0..3])
        @(Get-PostCustomerId) | Should -HaveCount 4
    }
}
