#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The MCA workflow cmdlets in real PowerShell against a started emulator (seeds 000 and 001):
# each cmdlet, each pipeline of DESIGN.md that stays on the CloudBlue side, -WhatIf, -Quiet, and
# a CSV bulk run. Every Describe starts its own emulator, so confirmations never leak between them.
BeforeDiscovery {
    # The Partner Center pipelines need Get-PcCustomer, which another part of the module provides.
    Import-Module (Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) 'out/CloudBlueMca/CloudBlueMca.psd1') -Force
    $hasPartnerCenter = [bool](Get-Command -Name Get-PcCustomer -Module CloudBlueMca -ErrorAction SilentlyContinue)
}

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $root 'out/CloudBlueMca/CloudBlueMca.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force

    $script:contact = @{
        FirstName   = 'John'
        LastName    = 'Smith'
        Email       = 'johnsmith@example.com'
        PhoneNumber = '+1234567'
        DateAgreed  = [datetime]'2020-03-10'
    }

    function Connect-TestEmulator {
        $script:emulator = Start-TestEmulator
        Connect-CloudBlue -Uri $script:emulator.Uri.AbsoluteUri -Credential $script:emulator.Credential
    }

    # The PUT requests the emulator received: every change a cmdlet made.
    function Get-TestEmulatorPut {
        @(Get-TestEmulatorRequest -Emulator $script:emulator -Method PUT)
    }
}

Describe 'Get-MsAccountInternalId' {
    BeforeAll { Connect-TestEmulator }
    AfterAll { Stop-TestEmulator $script:emulator }

    It 'finds the Microsoft account of seed 001 with all five Tenant resources and the customer id' {
        $account = Get-MsAccountInternalId example

        $account | Should -HaveCount 1
        $account.GetType().FullName | Should -Be 'CloudBlueMca.MsAccount'
        $account.MsAccountId | Should -Be '0ec8e245-2509-44b9-a184-a313345db839'
        $account.AccountId | Should -Be 1000011
        $account.Tenants.ApsId | Should -Contain '6fcff2c9-de5c-4eb3-b2b7-d5722cc29338'
        $account.Tenants | Should -HaveCount 5
    }

    It 'treats EXAMPLE and example.onmicrosoft.com as example' {
        (Get-MsAccountInternalId 'EXAMPLE', 'example.onmicrosoft.com').MsAccountId |
            Should -Be @('0ec8e245-2509-44b9-a184-a313345db839', '0ec8e245-2509-44b9-a184-a313345db839')
    }

    It 'writes MsAccountNotFound for an unknown subdomain and goes on with the next one' {
        $accounts = Get-MsAccountInternalId 'nosuchaccount', 'contoso' -ErrorVariable failures -ErrorAction SilentlyContinue

        $accounts.InitialSubdomain | Should -Be 'contoso'
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MsAccountNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
    }

    It 'rejects a hostile subdomain with InvalidSubdomain' {
        $null = Get-MsAccountInternalId 'example),eq(ms_account_id,*' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidSubdomain,*'
    }

    It 'keeps input order for piped subdomains' {
        ('contoso', 'example', 'contoso' | Get-MsAccountInternalId).InitialSubdomain | Should -Be @('contoso', 'example', 'contoso')
    }
}

Describe 'Test-McaAcceptance' {
    BeforeAll { Connect-TestEmulator }
    AfterAll { Stop-TestEmulator $script:emulator }

    It 'reports that account 1000011 still has to accept, with the agreement metadata' {
        $status = Test-McaAcceptance -AccountId 1000011

        $status.GetType().FullName | Should -Be 'CloudBlueMca.McaAcceptanceStatus'
        $status.Domain | Should -Be 'example.onmicrosoft.com'
        $status.InitialSubdomain | Should -Be 'example'
        $status.MsAccountId | Should -Be '0ec8e245-2509-44b9-a184-a313345db839'
        $status.MsTenantId | Should -Be '3f8a1aff-6a93-4b2c-b734-93b66497af4c'
        $status.AcceptanceRequired | Should -BeTrue
        $status.AgreementTemplateId | Should -Be '117a77b0-9360-443b-8795-c6dedc750cf9'
        $status.AgreementLink | Should -Be 'https://aka.ms/customeragreement'
    }

    It '-Quiet writes one bool per input' {
        $answers = 1000011, 1000012 | ForEach-Object { [pscustomobject]@{ AccountId = $_ } } | Test-McaAcceptance -Quiet
        $answers | Should -Be @($false, $true)
    }

    It 'checks piped accounts in input order, with its own error for an unknown one' {
        $statuses = 1000012, 999, 1000011 | ForEach-Object { [pscustomobject]@{ AccountId = $_ } } |
            Test-McaAcceptance -ErrorVariable failures -ErrorAction SilentlyContinue

        $statuses.AccountId | Should -Be @(1000012, 1000011)
        $statuses.AcceptanceRequired | Should -Be @($false, $true)
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AccountNotFound,*'
        $failures[0].TargetObject | Should -Be 999
    }

    It '-InitialSubdomain matches the first label exactly' {
        $null = Test-McaAcceptance -AccountId 1000011 -InitialSubdomain exampl -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TenantNotFound,*'
        Test-McaAcceptance -AccountId 1000011 -InitialSubdomain example.onmicrosoft.com | Should -HaveCount 1
    }

    It 'writes AccountNotFound for an unknown customer' {
        $null = Test-McaAcceptance -AccountId 999 -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AccountNotFound,*'
    }

    It 'pipeline: Get-MsAccountInternalId example | Test-McaAcceptance' {
        $status = Get-MsAccountInternalId example | Test-McaAcceptance
        $status.AccountId | Should -Be 1000011
        $status.InitialSubdomain | Should -Be 'example'
    }
}

Describe 'Confirm-McaAcceptance' {
    BeforeEach { Connect-TestEmulator }
    AfterEach { Stop-TestEmulator $script:emulator }

    It '-WhatIf sends nothing and writes nothing' {
        Get-MsAccountInternalId example | Confirm-McaAcceptance @contact -WhatIf | Should -BeNullOrEmpty
        Test-McaAcceptance -AccountId 1000011 -Quiet | Should -BeFalse
    }

    It 'pipeline: Get-MsAccountInternalId example | Confirm-McaAcceptance, then AlreadyConfirmed on a re-run' {
        $first = Get-MsAccountInternalId example | Confirm-McaAcceptance -FirstName John -LastName Smith -Email john@example.com -PhoneNumber +1234567

        $first.GetType().FullName | Should -Be 'CloudBlueMca.McaConfirmation'
        $first.Result | Should -Be 'Confirmed'
        $first.MsAccountId | Should -Be '0ec8e245-2509-44b9-a184-a313345db839'
        $first.DateAgreed | Should -Be ([datetime]::UtcNow.ToString('yyyy-MM-dd'))
        Test-McaAcceptance -AccountId 1000011 -Quiet | Should -BeTrue

        $second = Get-MsAccountInternalId example | Confirm-McaAcceptance -FirstName John -LastName Smith -Email john@example.com -PhoneNumber +1234567
        $second.Result | Should -Be 'AlreadyConfirmed'
        $second.TenantResourceId | Should -Be $first.TenantResourceId
    }

    It 'pipeline: Test-McaAcceptance | Where-Object AcceptanceRequired | Confirm-McaAcceptance @contact' {
        $result = Test-McaAcceptance -AccountId 1000011 | Where-Object AcceptanceRequired | Confirm-McaAcceptance @contact

        $result.Result | Should -Be 'Confirmed'
        $result.DateAgreed | Should -Be '2020-03-10'
        (Test-McaAcceptance -AccountId 1000011).AcceptanceRequired | Should -BeFalse
    }

    It 'refuses to replace a different recorded contact without -Force' {
        $null = Confirm-McaAcceptance -InitialSubdomain contoso @contact -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ContactAlreadyRecorded,*'
        $failures[0].Exception.Message | Should -Match 'johnsmith@example.com'

        (Confirm-McaAcceptance -InitialSubdomain contoso @contact -Force).Result | Should -Be 'Confirmed'
    }

    It 'rejects an invalid contact with InvalidContact' {
        $null = Confirm-McaAcceptance -InitialSubdomain example -FirstName John -LastName Smith -Email 'not-an-address' -PhoneNumber '+1234567' -ErrorVariable failures -ErrorAction SilentlyContinue
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidContact,*'
        Test-McaAcceptance -AccountId 1000011 -Quiet | Should -BeFalse
    }

    It 'confirms a CSV in bulk: one output or error per row, in input order' {
        $csv = Join-Path $TestDrive 'contacts.csv'
        @(
            [pscustomobject]@{ InitialSubdomain = 'example'; FirstName = 'John'; LastName = 'Smith'; Email = 'john@example.com'; PhoneNumber = '+1234567'; DateAgreed = '2020-03-10' }
            [pscustomobject]@{ InitialSubdomain = 'nosuchaccount'; FirstName = 'Jane'; LastName = 'Doe'; Email = 'jane@example.com'; PhoneNumber = '+1234567'; DateAgreed = '2020-03-10' }
            [pscustomobject]@{ InitialSubdomain = 'example'; FirstName = 'John'; LastName = 'Smith'; Email = 'john@example.com'; PhoneNumber = '+1234567'; DateAgreed = '2020-03-10' }
            [pscustomobject]@{ InitialSubdomain = 'contoso'; FirstName = 'John'; LastName = 'Smith'; Email = 'johnsmith@example.com'; PhoneNumber = '+1234567'; DateAgreed = '2020-02-19' }
        ) | Export-Csv -Path $csv -NoTypeInformation

        $results = Import-Csv $csv | Confirm-McaAcceptance -ErrorVariable failures -ErrorAction SilentlyContinue

        $results.Result | Should -Be @('Confirmed', 'AlreadyConfirmed', 'AlreadyConfirmed')
        $results.InitialSubdomain | Should -Be @('example', 'example', 'contoso')
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MsAccountNotFound,*'
        $failures[0].TargetObject | Should -Be 'nosuchaccount'
    }
}

Describe 'Confirm-McaAcceptance rows that cannot be used' {
    BeforeAll { Connect-TestEmulator }
    AfterAll { Stop-TestEmulator $script:emulator }

    It 'a row PowerShell cannot bind ends as its binding error, a date that is not one as InvalidContact; both send nothing, and the others go on' {
        # No FirstName at all: PowerShell does not bind the row and writes its binding error. A
        # DateAgreed that is not a date reaches the module and fails as that row's InvalidContact.
        $rows = @(
            [pscustomobject]@{ InitialSubdomain = 'example'; LastName = 'Smith'; Email = 'john@example.com'; PhoneNumber = '+1234567' }
            [pscustomobject]@{ InitialSubdomain = 'example'; FirstName = 'John'; LastName = 'Smith'; Email = 'john@example.com'; PhoneNumber = '+1234567'; DateAgreed = 'not a date' }
            [pscustomobject]@{ InitialSubdomain = 'contoso'; FirstName = 'John'; LastName = 'Smith'; Email = 'johnsmith@example.com'; PhoneNumber = '+1234567'; DateAgreed = '2020-02-19' }
        )

        $results = $rows | Confirm-McaAcceptance -ErrorVariable failures -ErrorAction SilentlyContinue

        $results.Result | Should -Be 'AlreadyConfirmed'
        $failures | Should -HaveCount 2
        ($failures.Exception.Message -join "`n") | Should -Match 'FirstName'
        $failures[1].FullyQualifiedErrorId | Should -BeLike 'InvalidContact,*'
        $failures[1].Exception.Message | Should -Match "'not a date' is not an ISO 8601 date"
        Test-McaAcceptance -AccountId 1000011 -Quiet | Should -BeFalse
    }

    It 'a DateAgreed after today is InvalidContact and sends nothing' {
        $future = [datetime]::UtcNow.Date.AddDays(2).ToString('yyyy-MM-dd')
        $row = [pscustomobject]@{ InitialSubdomain = 'example'; FirstName = 'John'; LastName = 'Smith'; Email = 'john@example.com'; PhoneNumber = '+1234567'; DateAgreed = $future }

        $null = $row | Confirm-McaAcceptance -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidContact,*'
        $failures[0].Exception.Message | Should -Match 'in the future'
        Test-McaAcceptance -AccountId 1000011 -Quiet | Should -BeFalse
    }
}

Describe 'Confirm-McaAcceptance rows that do not name one Tenant' {
    BeforeAll { Connect-TestEmulator }
    AfterAll { Stop-TestEmulator $script:emulator }
    BeforeEach { Clear-TestEmulatorRequest -Emulator $script:emulator }

    It 'a row with neither MsAccountId nor InitialSubdomain is MsAccountOrSubdomainRequired, and the next row goes on' {
        $rows = @(
            [pscustomobject]@{ FirstName = 'John'; LastName = 'Smith'; Email = 'john@example.com'; PhoneNumber = '+1234567' }
            [pscustomobject]@{ InitialSubdomain = 'contoso'; FirstName = 'John'; LastName = 'Smith'; Email = 'johnsmith@example.com'; PhoneNumber = '+1234567'; DateAgreed = '2020-02-19' }
        )

        $results = $rows | Confirm-McaAcceptance -ErrorVariable failures -ErrorAction SilentlyContinue

        $results.Result | Should -Be 'AlreadyConfirmed'
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MsAccountOrSubdomainRequired,*'
        $failures[0].CategoryInfo.Category | Should -Be 'InvalidArgument'
        Get-TestEmulatorPut | Should -HaveCount 0
    }

    It 'an MsAccountId that cannot be one is InvalidMsAccountId and sends nothing' {
        $null = Confirm-McaAcceptance -MsAccountId ('x' * 200) @contact -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidMsAccountId,*'
        Get-TestEmulatorRequest -Emulator $script:emulator | Should -HaveCount 0
    }

    It 'a -TenantResourceId of another Microsoft account is TenantResourceNotFound and sends nothing' {
        # d4cf0ea9-... is contoso's Tenant (seed), not one of example's.
        $null = Confirm-McaAcceptance -InitialSubdomain example @contact -TenantResourceId 'd4cf0ea9-8f44-41c7-80da-1766174a4b12' -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'TenantResourceNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.Message | Should -BeLike '*6fcff2c9-de5c-4eb3-b2b7-d5722cc29338*'
        Get-TestEmulatorPut | Should -HaveCount 0
        Test-McaAcceptance -AccountId 1000011 -Quiet | Should -BeFalse
    }

    It 'a subdomain two Microsoft accounts share is AmbiguousSubdomain naming both; -MsAccountId settles it' {
        # Contoso's Tenant takes example's initial subdomain, so 'example' names two Microsoft accounts.
        $null = Set-TestEmulatorResource -Emulator $script:emulator -ApsId 'd4cf0ea9-8f44-41c7-80da-1766174a4b12' -Property @{ initial_subdomain = 'example' }
        Clear-TestEmulatorRequest -Emulator $script:emulator

        $null = Confirm-McaAcceptance -InitialSubdomain example @contact -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'AmbiguousSubdomain,*'
        $failures[0].Exception.Message | Should -BeLike '*0ec8e245-2509-44b9-a184-a313345db839*'
        Get-TestEmulatorPut | Should -HaveCount 0

        (Confirm-McaAcceptance -MsAccountId '0ec8e245-2509-44b9-a184-a313345db839' -InitialSubdomain example @contact).Result | Should -Be 'Confirmed'
        Get-TestEmulatorPut | Should -HaveCount 1
    }
}

Describe 'Test-McaAcceptance without the checkAccount permission' {
    BeforeAll { Connect-TestEmulator }
    AfterAll { Stop-TestEmulator $script:emulator }

    It 'writes ApsPermissionDenied naming the allowed operation to add' {
        # The platform answers checkAccount with 403 when the staff member's Allowed Operations
        # lack (Office365app, GET); the emulator is told to answer so.
        Add-TestEmulatorFault -Emulator $script:emulator -Kind Status -StatusCode 403 -PathPrefix "/aps/2/resources/$($script:emulator.ApplicationInstanceId)/checkAccount"

        $null = Test-McaAcceptance -AccountId 1000011 -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ApsPermissionDenied,*'
        $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failures[0].Exception.Message | Should -BeLike '*Office365app*'
    }
}

Describe 'Partner Center pipelines' -Skip:(-not $hasPartnerCenter) {
    BeforeAll {
        Connect-TestEmulator
        Connect-PcService -Credential $script:emulator.PartnerCredential -TenantId $script:emulator.PartnerTenantId -ApiUri $script:emulator.Uri -Authority $script:emulator.Uri
    }
    AfterAll {
        Disconnect-PcService
        Stop-TestEmulator $script:emulator
    }

    It 'Test-McaAcceptance | Get-PcCustomer binds MsTenantId to CustomerId' {
        (Test-McaAcceptance -AccountId 1000011 | Get-PcCustomer).Id | Should -Be '3f8a1aff-6a93-4b2c-b734-93b66497af4c'
    }

    It 'Get-PcCustomer | Get-MsAccountInternalId binds InitialSubdomain' {
        (Get-PcCustomer -CustomerId 3f8a1aff-6a93-4b2c-b734-93b66497af4c | Get-MsAccountInternalId).MsAccountId |
            Should -Be '0ec8e245-2509-44b9-a184-a313345db839'
    }
}

Describe 'Get-MsAccountInternalId when the platform does not answer' {
    BeforeAll {
        $script:slowEmulator = Start-TestEmulator
    }
    AfterAll { Stop-TestEmulator $script:slowEmulator }

    It 'writes RequestTimedOut after the connection''s -TimeoutSec, naming the request and the limit' {
        $connection = Connect-CloudBlue -Uri $slowEmulator.Uri.AbsoluteUri -Credential $slowEmulator.Credential -TimeoutSec 2 -PassThru
        Add-TestEmulatorFault -Emulator $slowEmulator -Kind Latency -LatencyMilliseconds 30000 -Method GET -PathPrefix '/aps/2/resources'
        $failures = $null

        $watch = [Diagnostics.Stopwatch]::StartNew()
        $accounts = Get-MsAccountInternalId example -Connection $connection -ErrorVariable failures -ErrorAction SilentlyContinue
        $watch.Stop()

        @($accounts) | Should -HaveCount 0
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'RequestTimedOut,*'
        $failures[0].CategoryInfo.Category | Should -Be 'OperationTimeout'
        $failures[0].Exception.Message | Should -BeLike '*initial_subdomain*within 2 seconds*-TimeoutSec*'
        $watch.Elapsed.TotalSeconds | Should -BeLessThan 25 -Because 'the module stops waiting after the 2 s limit, long before the emulator answers'
    }
}
