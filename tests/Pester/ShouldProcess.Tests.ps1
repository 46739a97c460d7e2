#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# ShouldProcess in Confirm-McaAcceptance as users meet it: -WhatIf, -Confirm answered at the
# prompt, $ConfirmPreference, and a runbook host that cannot ask anyone. The prompts are answered
# by a scripted host in another runspace; the emulator's request log shows what was sent. Each
# test confirms its own two generated accounts (none has a contact), so tests do not interfere.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSession.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force

    $script:emulator = Start-TestEmulator -Accounts 20
    $script:connection = Connect-CloudBlue -Uri $emulator.Uri.AbsoluteUri -Credential $emulator.Credential -PassThru

    # Pipes the generated accounts numbered $Number into Confirm-McaAcceptance in another runspace
    # whose host answers prompts with $Answer. $Preference becomes $ConfirmPreference there.
    function Invoke-Confirm {
        param([int[]] $Number, [string[]] $Answer = @(), [string] $Preference = 'High', [hashtable] $Parameters = @{})
        $subdomains = foreach ($n in $Number) { 'generated{0:D6}' -f $n }
        Invoke-InTestRunspace -Answer $Answer -ArgumentList $connection, $subdomains, $Preference, $Parameters -Script {
            param($Connection, $Subdomains, $Preference, $Parameters)
            $ConfirmPreference = $Preference
            $Subdomains | ForEach-Object { [pscustomobject]@{ InitialSubdomain = $_ } } |
                Confirm-McaAcceptance -FirstName John -LastName Smith -Email john@example.com -PhoneNumber +1234567 -DateAgreed 2020-03-10 -Connection $Connection @Parameters
        }
    }

    # The Tenant resource ids the PUT requests went to, in arrival order.
    function Get-PutTenant {
        @(Get-TestEmulatorRequest -Emulator $emulator -Method PUT) | ForEach-Object { $_.Path -replace '^/aps/2/resources/', '' }
    }

    function Get-TenantId([int] $Number) {
        (Get-MsAccountInternalId ('generated{0:D6}' -f $Number) -Connection $connection).Tenants.ApsId
    }
}

AfterAll {
    Stop-TestEmulator $script:emulator
}

Describe 'Confirm-McaAcceptance -WhatIf' {
    BeforeAll { Clear-TestEmulatorRequest -Emulator $emulator }

    It 'says what it would do for each row, sends no PUT and writes nothing' {
        $run = Invoke-Confirm -Number 1, 2 -Parameters @{ WhatIf = $true }

        $run.Output | Should -HaveCount 0
        $run.Error | Should -HaveCount 0
        $run.Prompts | Should -HaveCount 0
        $whatIf = @($run.HostText -split "`n" | Where-Object { $_ -like 'What if:*' })
        $whatIf | Should -HaveCount 2
        $whatIf[0] | Should -BeLike "*Record MCA acceptance by John Smith <john@example.com> agreed 2020-03-10*Microsoft account 'generated000001'*$(Get-TenantId 1)*"
        $whatIf[1] | Should -BeLike "*Microsoft account 'generated000002'*"
        Get-PutTenant | Should -HaveCount 0
        (Test-McaAcceptance -AccountId 2000001 -Connection $connection).AcceptanceRequired | Should -BeTrue
    }
}

Describe 'Confirm-McaAcceptance -Confirm answered at the prompt' {
    BeforeEach { Clear-TestEmulatorRequest -Emulator $emulator }

    It "asks once per row; 'No' sends nothing for that row and 'Yes' sends the named change" {
        $run = Invoke-Confirm -Number 3, 4 -Answer 'No', 'Yes' -Parameters @{ Confirm = $true }

        $run.Prompts | Should -HaveCount 2
        $run.Prompts[0].Message | Should -BeLike "*Record MCA acceptance by John Smith*Microsoft account 'generated000003'*"
        $run.Prompts[0].Choices | Should -Contain 'Yes'
        $run.Prompts[0].Choices | Should -Contain 'No to All'
        $run.Prompts[1].Message | Should -BeLike "*Microsoft account 'generated000004'*$(Get-TenantId 4)*"
        $run.Output.InitialSubdomain | Should -Be 'generated000004'
        $run.Output.Result | Should -Be 'Confirmed'
        Get-PutTenant | Should -Be (Get-TenantId 4)
        (Test-McaAcceptance -AccountId 2000003 -Connection $connection).AcceptanceRequired | Should -BeTrue
    }

    It "'No to All' sends nothing at all and asks no more" {
        $run = Invoke-Confirm -Number 5, 6 -Answer 'No to All' -Parameters @{ Confirm = $true }

        $run.Prompts | Should -HaveCount 1
        $run.Output | Should -HaveCount 0
        $run.Error | Should -HaveCount 0
        Get-PutTenant | Should -HaveCount 0
    }

    It "'Yes to All' sends every row's change after one prompt" {
        $run = Invoke-Confirm -Number 7, 8 -Answer 'Yes to All' -Parameters @{ Confirm = $true }

        $run.Prompts | Should -HaveCount 1
        $run.Output.Result | Should -Be 'Confirmed', 'Confirmed'
        $run.Output.InitialSubdomain | Should -Be 'generated000007', 'generated000008'
        # The two PUTs run concurrently, so the server may see them in either order.
        Get-PutTenant | Sort-Object | Should -Be (@((Get-TenantId 7), (Get-TenantId 8)) | Sort-Object)
    }

    It 'does not ask for a row that is already confirmed, because nothing would change' {
        $run = Invoke-Confirm -Number 7 -Parameters @{ Confirm = $true }

        $run.Prompts | Should -HaveCount 0
        $run.Output.Result | Should -Be 'AlreadyConfirmed'
        Get-PutTenant | Should -HaveCount 0
    }
}

Describe 'Confirm-McaAcceptance and $ConfirmPreference' {
    BeforeEach { Clear-TestEmulatorRequest -Emulator $emulator }

    It "asks without -Confirm when `$ConfirmPreference is Medium (its ConfirmImpact)" {
        $run = Invoke-Confirm -Number 9 -Preference Medium -Answer 'No'

        $run.Prompts | Should -HaveCount 1
        Get-PutTenant | Should -HaveCount 0
    }

    It "does not ask at the default `$ConfirmPreference High" {
        $run = Invoke-Confirm -Number 10

        $run.Prompts | Should -HaveCount 0
        Get-PutTenant | Should -Be (Get-TenantId 10)
    }

    It "-Confirm:`$false does not ask even when `$ConfirmPreference is Low" {
        $run = Invoke-Confirm -Number 11 -Preference Low -Parameters @{ Confirm = $false }

        $run.Prompts | Should -HaveCount 0
        $run.Output.Result | Should -Be 'Confirmed'
        Get-PutTenant | Should -Be (Get-TenantId 11)
    }
}

Describe 'Confirm-McaAcceptance -Confirm where nobody can answer' {
    It 'fails the prompt like a runbook host does, and sends nothing' {
        Clear-TestEmulatorRequest -Emulator $emulator

        # No scripted answer: the host refuses the prompt, as hosts without a user do.
        $run = Invoke-Confirm -Number 12, 13 -Parameters @{ Confirm = $true }

        $run.Prompts | Should -HaveCount 1
        $run.Output | Should -HaveCount 0
        $run.Error | Should -HaveCount 1
        $run.Error[0].FullyQualifiedErrorId | Should -BeLike 'ConfirmationPromptFailed,*'
        $run.Error[0].TargetObject | Should -Be 'generated000012'
        $run.Error[0].Exception.Message | Should -BeLike "*Microsoft account 'generated000012'*has no answer left*Nothing was sent for this row or any later row*-WhatIf*"
        Get-PutTenant | Should -HaveCount 0
        (Test-McaAcceptance -AccountId 2000012 -Connection $connection).AcceptanceRequired | Should -BeTrue
    }

    It 'stops at the row it could not ask about: every earlier row is written, and nothing is sent from that row on' {
        Clear-TestEmulatorRequest -Emulator $emulator

        # Row 14 is answered; the prompt for row 15 fails; rows 16 and 17 are never offered.
        $run = Invoke-Confirm -Number 14, 15, 16, 17 -Answer 'Yes' -Parameters @{ Confirm = $true }

        $run.Prompts | Should -HaveCount 2
        $run.Output.InitialSubdomain | Should -Be 'generated000014'
        $run.Output.Result | Should -Be 'Confirmed'
        $run.Error | Should -HaveCount 1
        $run.Error[0].FullyQualifiedErrorId | Should -BeLike 'ConfirmationPromptFailed,*'
        $run.Error[0].TargetObject | Should -Be 'generated000015'
        $run.Warning | Should -HaveCount 0
        Get-PutTenant | Should -Be (Get-TenantId 14)
        foreach ($account in 2000015..2000017) {
            (Test-McaAcceptance -AccountId $account -Connection $connection).AcceptanceRequired | Should -BeTrue
        }
    }
}
