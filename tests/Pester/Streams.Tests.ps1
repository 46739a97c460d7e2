#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Warnings and progress as PowerShell receives them. The engine works on worker threads, where
# PowerShell refuses WriteWarning and WriteProgress; the cmdlets must hand each message to the
# pipeline thread. A message written from the wrong thread throws or is lost, so each test checks
# that the records arrive, in the streams they belong to, with their text.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSession.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force

    $script:emulator = Start-TestEmulator -Accounts 300
    $script:connection = Connect-CloudBlue -Uri $emulator.Uri.AbsoluteUri -Credential $emulator.Credential -PassThru
}

AfterAll {
    Stop-TestEmulator $script:emulator
}

Describe 'Warnings' {
    It 'Get-MsAccountInternalId warns about a subdomain of two Microsoft accounts, in the warning stream (3>&1)' {
        # generated000300's Tenant takes generated000299's subdomain.
        $tenant = (Get-MsAccountInternalId generated000300 -Connection $connection).Tenants[0].ApsId
        $null = Set-TestEmulatorResource -Emulator $emulator -ApsId $tenant -Property @{ initial_subdomain = 'generated000299' }

        $records = Get-MsAccountInternalId generated000299 -Connection $connection 3>&1

        $warnings = @($records | Where-Object { $_ -is [System.Management.Automation.WarningRecord] })
        $accounts = @($records | Where-Object { $_.PSObject.TypeNames -contains 'CloudBlueMca.MsAccount' })
        $warnings | Should -HaveCount 1
        $warnings[0].Message | Should -BeLike "*'generated000299' belongs to 2 Microsoft accounts*"
        $accounts | Should -HaveCount 2
    }

    It 'Connect-CloudBlue warns in another runspace too, where the stream is a collection' {
        Add-TestEmulatorFault -Emulator $emulator -Kind Status -StatusCode 500 -Method GET -QueryContains 'Office365app' -Count 1

        $run = Invoke-InTestRunspace -ArgumentList $emulator.Uri.AbsoluteUri, $emulator.Credential -Script {
            param($Uri, $Credential)
            Connect-CloudBlue -Uri $Uri -Credential $Credential -PassThru
        }

        $run.Error | Should -HaveCount 0
        $run.Output | Should -HaveCount 1
        $run.Warning | Should -HaveCount 1
        $run.Warning[0].Message | Should -BeLike '*Could not look up the Microsoft 365 application instance*'
    }
}

Describe 'Progress' {
    It 'Confirm-McaAcceptance reports <Rows> piped rows done, complete only once the input has ended' -ForEach @(
        @{ Rows = 260 }
        @{ Rows = 250 }
    ) {
        # Rows are processed in batches of 250 while more input may come: a batch that is done is
        # not the run done, so no record before the last may say Completed or show a percentage
        # that a later record takes back.
        $run = Invoke-InTestRunspace -ArgumentList $connection, $Rows -Script {
            param($Connection, $Rows)
            1..$Rows | ForEach-Object { [pscustomobject]@{ InitialSubdomain = 'generated{0:D6}' -f $_ } } |
                Confirm-McaAcceptance -FirstName John -LastName Smith -Email john@example.com -PhoneNumber +1234567 -DateAgreed 2020-03-10 -Connection $Connection
        }

        $run.Error | Should -HaveCount 0
        $run.Output | Should -HaveCount $Rows
        $progress = @($run.Progress | Where-Object Activity -EQ 'Confirming MCA acceptance')
        $progress.Count | Should -BeGreaterOrEqual 2
        $progress[-1].RecordType | Should -Be 'Completed'
        $progress[-1].PercentComplete | Should -Be 100
        $progress[-1].StatusDescription | Should -Be "$Rows of $Rows rows done"
        @($progress | Select-Object -SkipLast 1 | Where-Object RecordType -EQ 'Completed') | Should -HaveCount 0
        $percents = @($progress.PercentComplete | Where-Object { $_ -ge 0 })
        ($percents | Sort-Object) -join ',' | Should -Be ($percents -join ',') -Because 'progress never goes back'
    }

    It 'Get-PcCustomer reports the customers read, ending with a completed record' {
        $run = Invoke-InTestRunspace -ArgumentList $emulator -Script {
            param($Emulator)
            Connect-PcService -Credential $Emulator.PartnerCredential -TenantId $Emulator.PartnerTenantId -ApiUri $Emulator.Uri -Authority $Emulator.Uri
            Get-PcCustomer
        }

        $run.Error | Should -HaveCount 0
        $run.Output | Should -HaveCount 7
        $progress = @($run.Progress)
        $progress.Count | Should -BeGreaterOrEqual 1
        $progress[-1].RecordType | Should -Be 'Completed'
        $progress[-1].StatusDescription | Should -BeLike "*$($run.Output.Count) customers read*"
    }
}
