#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# New-PcCustomerAgreement and Sync-McaAcceptance in real PowerShell against a started emulator,
# whose seed customers give each Sync outcome; the request log shows what was written.

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $root 'out/CloudBlueMca/CloudBlueMca.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force

    $script:contoso = '9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19'
    $script:example = '3f8a1aff-6a93-4b2c-b734-93b66497af4c'

    function Start-SyncEmulator {
        $script:emulator = Start-TestEmulator
        Connect-CloudBlue -Uri $script:emulator.Uri.AbsoluteUri -Credential $script:emulator.Credential
        $script:user = Connect-PcService -UseDeviceAuthentication -TenantId $script:emulator.PartnerTenantId -ApiUri $script:emulator.Uri -Authority $script:emulator.Uri -PassThru -WarningAction SilentlyContinue
        Clear-TestEmulatorRequest -Emulator $script:emulator
    }

    function Get-Writes {
        Get-TestEmulatorRequest -Emulator $script:emulator | Where-Object { $_.Method -in 'PUT', 'POST' -and $_.Path -notlike '*/oauth2/*' }
    }
}

AfterAll {
    Disconnect-PcService
    Disconnect-CloudBlue
}

Describe 'New-PcCustomerAgreement' {
    BeforeAll { Start-SyncEmulator }
    AfterAll { Stop-TestEmulator $script:emulator }
    BeforeEach { Clear-TestEmulatorRequest -Emulator $script:emulator }

    It 'attests a new contact with a UTC date and the template id from the metadata' {
        $result = New-PcCustomerAgreement -CustomerId $script:contoso -FirstName Jane -LastName Doe -Email jane@contoso.com -PhoneNumber '+44 20 7123 4567' -DateAgreed '2025-12-24'

        $result.Result | Should -Be 'Confirmed'
        $result.DateAgreed | Should -Be '2025-12-24'
        $post = Get-Writes
        $post.Path | Should -Be "/v1/customers/$script:contoso/agreements"
        $post.Body | Should -Match '"dateAgreed":"2025-12-24T00:00:00Z"'
        $post.Body | Should -Match '"templateId":"117a77b0-9360-443b-8795-c6dedc750cf9"'
    }

    It 'sends nothing for a contact already on record and says AlreadyConfirmed' {
        $result = New-PcCustomerAgreement -CustomerId $script:example -FirstName John -LastName Smith -Email john@example.com -PhoneNumber '+1234567'

        $result.Result | Should -Be 'AlreadyConfirmed'
        Get-Writes | Should -BeNullOrEmpty
    }

    It 'refuses the same contact with another date than the one on record: ContactAlreadyRecorded, nothing sent' {
        $result = New-PcCustomerAgreement -CustomerId $script:example -FirstName John -LastName Smith -Email john@example.com -PhoneNumber '+1234567' -DateAgreed '2024-05-01' -ErrorVariable failed -ErrorAction SilentlyContinue

        $result | Should -BeNullOrEmpty
        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ContactAlreadyRecorded,*'
        $failed[0].Exception.Message | Should -Match 'agreed 2024-03-15, not 2024-05-01'
        Get-Writes | Should -BeNullOrEmpty
    }

    It 'sends nothing with -WhatIf' {
        New-PcCustomerAgreement -CustomerId $script:contoso -FirstName Max -LastName Muster -Email max@contoso.com -WhatIf | Should -BeNullOrEmpty
        Get-Writes | Should -BeNullOrEmpty
    }

    It 'refuses a future date with InvalidContact before sending' {
        $tomorrow = [datetime]::UtcNow.Date.AddDays(2).ToString('yyyy-MM-dd')

        New-PcCustomerAgreement -CustomerId $script:contoso -FirstName Max -LastName Muster -Email max@contoso.com -DateAgreed $tomorrow -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidContact,*'
        Get-TestEmulatorRequest -Emulator $script:emulator -PathLike '/v1/*' | Should -BeNullOrEmpty
    }

    It 'attests a CSV in bulk: one output or error per row, in input order' {
        $rows = @"
CustomerId,FirstName,LastName,Email,PhoneNumber,DateAgreed
$script:contoso,Ann,Lee,ann@contoso.com,,2025-11-02
00000000-1111-2222-3333-444444444444,Bob,Ray,bob@contoso.com,,2025-11-02
$script:example,John,Smith,john@example.com,+1234567,
$script:contoso,Cy,Dee,not-an-email,,2025-11-02
"@ | ConvertFrom-Csv

        $results = $rows | New-PcCustomerAgreement -ErrorVariable failures -ErrorAction SilentlyContinue

        $results.Result | Should -Be @('Confirmed', 'AlreadyConfirmed')
        $failures.FullyQualifiedErrorId | ForEach-Object { ($_ -split ',')[0] } | Should -Be @('CustomerNotFound', 'InvalidContact')
        (Get-Writes).Count | Should -Be 1
    }

    It 'refuses an app-only connection with AppUserConnectionRequired' {
        $app = Connect-PcService -Credential $script:emulator.PartnerCredential -TenantId $script:emulator.PartnerTenantId -ApiUri $script:emulator.Uri -Authority $script:emulator.Uri -PassThru

        { New-PcCustomerAgreement -CustomerId $script:contoso -FirstName A -LastName B -Email a@b.com -Connection $app } | Should -Throw -ErrorId 'AppUserConnectionRequired,*'
    }
}

Describe 'Sync-McaAcceptance' {
    BeforeEach { Start-SyncEmulator }
    AfterEach { Stop-TestEmulator $script:emulator }

    It 'gives every seed customer its outcome and writes only the copies' {
        $results = Sync-McaAcceptance -AccountId 1000011, 1000012, 1000013, 1000014, 1000015, 1000016 -Direction Both

        $results.Action | Should -Be @('ConfirmedInCloudBlue', 'AttestedInPartnerCenter', 'InSync', 'Conflict', 'NeedsContact', 'NeedsContact')
        $results.InitialSubdomain | Should -Be @('example', 'contoso', 'fabrikam', 'northwind', 'tailspin', 'wingtip')
        $writes = Get-Writes
        # The PUT and the POST run concurrently: the log's arrival order is the server's, not ours.
        $writes.Method | Sort-Object | Should -Be @('POST', 'PUT')
    }

    It 'reports the same person with another date on each side as a Conflict naming both dates, and writes nothing' {
        Confirm-McaAcceptance -InitialSubdomain example -FirstName John -LastName Smith -Email john@example.com -PhoneNumber '+1234567' -DateAgreed '2024-05-01' | Out-Null
        Clear-TestEmulatorRequest -Emulator $script:emulator

        $result = Sync-McaAcceptance -AccountId 1000011 -Direction Both

        $result.Action | Should -Be 'Conflict'
        $result.Reason | Should -Match '2024-05-01'
        $result.Reason | Should -Match '2024-03-15'
        $result.DateAgreed | Should -BeNullOrEmpty
        Get-Writes | Should -BeNullOrEmpty
    }

    It 'lists every account with a Tenant resource when -AccountId is omitted, and a rerun writes nothing' {
        $first = Sync-McaAcceptance
        Clear-TestEmulatorRequest -Emulator $script:emulator

        $second = Sync-McaAcceptance

        $first.AccountId | Should -Be @(1000011, 1000012, 1000013, 1000014, 1000015, 1000016)
        ($first | Where-Object AccountId -eq 1000011).Action | Should -Be 'ConfirmedInCloudBlue'
        ($second | Where-Object AccountId -eq 1000011).Action | Should -Be 'InSync'
        Get-Writes | Should -BeNullOrEmpty
    }

    It 'shows every change with -WhatIf and sends none' {
        $results = Test-McaAcceptance -AccountId 1000011 | Sync-McaAcceptance -WhatIf

        $results | Should -BeNullOrEmpty
        Get-Writes | Should -BeNullOrEmpty
    }

    It 'names both missing connections in NotConnected' {
        Disconnect-PcService
        Disconnect-CloudBlue

        $failure = { Sync-McaAcceptance -AccountId 1000011 } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'NotConnected,*'
        $failure.Exception.Message | Should -Match 'CloudBlue'
        $failure.Exception.Message | Should -Match 'Partner Center'
    }

    It 'reports Unavailable with the reason for an app-only connection and writes nothing' {
        $app = Connect-PcService -Credential $script:emulator.PartnerCredential -TenantId $script:emulator.PartnerTenantId -ApiUri $script:emulator.Uri -Authority $script:emulator.Uri -PassThru

        $result = Sync-McaAcceptance -AccountId 1000011 -PcConnection $app

        $result.Action | Should -Be 'Unavailable'
        $result.Reason | Should -Match 'app-only'
        Get-Writes | Should -BeNullOrEmpty
    }

    It 'fits an 80-column table with the action first and the ids last' {
        $lines = Sync-McaAcceptance -AccountId 1000013, 1000014 | Out-String -Width 80 -Stream | Where-Object { $_.Trim() }

        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        $lines[0] | Should -Match '^Action'
        $lines[2] | Should -Match '^InSync +fabrikam'
    }
}
