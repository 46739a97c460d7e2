#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Get-PcCustomerAgreement and Get-PcRefreshToken in real PowerShell against a started emulator.
# App+user connections come from the emulator's device-code flow (it completes by itself) and
# from the refresh token it prints at start-up; the request log shows what was sent.

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $root 'out/CloudBlueMca/CloudBlueMca.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
    $script:emulator = Start-TestEmulator
    $script:tenantId = $script:emulator.PartnerTenantId

    $script:example = '3f8a1aff-6a93-4b2c-b734-93b66497af4c'
    $script:wingtip = 'b1d3f5a7-9c1e-4a3c-8e5a-7c9e1b3d5f16'
    $script:seed002 = 'aaaabbbb-0000-cccc-1111-dddd2222eeee'

    # The consent step of the secure application model: a user signs in once with a device code.
    function Connect-TestUser([string] $Environment = 'AzureCloud') {
        Connect-PcService -UseDeviceAuthentication -TenantId $script:tenantId -Environment $Environment -ApiUri $script:emulator.Uri -Authority $script:emulator.Uri -PassThru -WarningAction SilentlyContinue
    }

    function Connect-TestApp {
        Connect-PcService -Credential $script:emulator.PartnerCredential -TenantId $script:tenantId -ApiUri $script:emulator.Uri -Authority $script:emulator.Uri -PassThru
    }
}

AfterAll {
    Disconnect-PcService
    Disconnect-CloudBlue
    if ($script:emulator) {
        Stop-TestEmulator $script:emulator
    }
}

Describe 'Get-PcCustomerAgreement' {
    BeforeAll { $script:user = Connect-TestUser }

    It 'reads the MCA attestation, always sending the agreement type' {
        Clear-TestEmulatorRequest -Emulator $script:emulator

        $agreement = Get-PcCustomerAgreement -CustomerId $script:example

        $agreement.FirstName | Should -Be 'John'
        $agreement.Email | Should -Be 'john@example.com'
        $agreement.DateAgreed | Should -Be '2024-03-15'
        $agreement.AgreementType | Should -Be 'MicrosoftCustomerAgreement'
        $agreement.SignedDirectly | Should -BeFalse
        $sent = Get-TestEmulatorRequest -Emulator $script:emulator -PathLike '/v1/customers/*'
        $sent[0].PathAndQuery | Should -Be "/v1/customers/$script:example/agreements?agreementType=MicrosoftCustomerAgreement"
    }

    It 'shows a direct signature as one record with SignedDirectly and no contact' {
        $agreement = Get-PcCustomerAgreement -CustomerId $script:wingtip

        $agreement | Should -HaveCount 1
        $agreement.SignedDirectly | Should -BeTrue
        $agreement.Email | Should -BeNullOrEmpty
    }

    It 'takes Id from Get-PcCustomer and MsTenantId from Test-McaAcceptance' {
        Connect-CloudBlue -Uri $script:emulator.Uri.AbsoluteUri -Credential $script:emulator.Credential

        $fromCustomer = Get-PcCustomer -CustomerId $script:example | Get-PcCustomerAgreement
        $fromCheck = Test-McaAcceptance -AccountId 1000016 | Get-PcCustomerAgreement

        $fromCustomer.Email | Should -Be 'john@example.com'
        $fromCheck.CustomerId | Should -Be ([guid]$script:wingtip)
    }

    It 'reads the retired cloud agreement only when asked for it' {
        (Get-PcCustomerAgreement -CustomerId $script:seed002) | Should -BeNullOrEmpty
        (Get-PcCustomerAgreement -CustomerId $script:seed002 -AgreementType MicrosoftCloudAgreement).AgreementType | Should -Be 'MicrosoftCloudAgreement'
    }

    It 'writes CustomerNotFound for an unknown customer and goes on with the next' {
        $agreements = Get-PcCustomerAgreement -CustomerId '00000000-1111-2222-3333-444444444444', $script:example -ErrorVariable failures -ErrorAction SilentlyContinue

        $agreements.Email | Should -Be 'john@example.com'
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'CustomerNotFound,*'
    }

    It 'refuses an app-only connection with AppUserConnectionRequired and sends nothing' {
        $app = Connect-TestApp
        Clear-TestEmulatorRequest -Emulator $script:emulator

        { Get-PcCustomerAgreement -CustomerId $script:example -Connection $app -ErrorAction Stop } | Should -Throw -ErrorId 'AppUserConnectionRequired,*'
        Get-TestEmulatorRequest -Emulator $script:emulator -PathLike '/v1/*' | Should -BeNullOrEmpty
    }

    It 'refuses a connection outside the global cloud with AgreementsNotAvailableInCloud' {
        $china = Connect-TestUser -Environment AzureChinaCloud

        $failure = { Get-PcCustomerAgreement -CustomerId $script:example -Connection $china } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'AgreementsNotAvailableInCloud,*'
    }

    It 'fits an 80-column table with the date first and the customer id last' {
        $lines = Get-PcCustomerAgreement -CustomerId $script:example -Connection $script:user | Out-String -Width 80 -Stream | Where-Object { $_.Trim() }

        $lines | Where-Object { $_.Length -gt 80 } | Should -BeNullOrEmpty
        $lines[0] | Should -Match '^DateAgreed .* CustomerId$'
        $lines | Should -Contain ($lines | Where-Object { $_ -match '^2024-03-15 +MCA attested +John +Smith +john@example.com' })
    }
}

Describe 'Get-PcRefreshToken' {
    It 'returns the rotated refresh token, which connects the next run' {
        $first = Connect-PcService -ApplicationId $script:emulator.PartnerApplicationId -Credential $script:emulator.PartnerCredential -TenantId $script:tenantId -RefreshToken (ConvertTo-SecureString $script:emulator.PartnerRefreshToken -AsPlainText -Force) -ApiUri $script:emulator.Uri -Authority $script:emulator.Uri -PassThru

        $rotated = Get-PcRefreshToken -Connection $first

        $rotated | Should -BeOfType ([securestring])
        [pscredential]::new('x', $rotated).GetNetworkCredential().Password | Should -Not -Be $script:emulator.PartnerRefreshToken
        $next = Connect-PcService -ApplicationId $script:emulator.PartnerApplicationId -Credential $script:emulator.PartnerCredential -TenantId $script:tenantId -RefreshToken $rotated -ApiUri $script:emulator.Uri -Authority $script:emulator.Uri -PassThru
        (Get-PcCustomerAgreement -CustomerId $script:example -Connection $next).Email | Should -Be 'john@example.com'
    }

    It 'gives a device-code sign-in its refresh token for unattended runs' {
        $user = Connect-TestUser

        $token = Get-PcRefreshToken -Connection $user

        $again = Connect-PcService -ApplicationId 04b07795-8ddb-461a-bbee-02f9e1bf7b46 -TenantId $script:tenantId -RefreshToken $token -ApiUri $script:emulator.Uri -Authority $script:emulator.Uri -PassThru
        $again.IsAppOnly | Should -BeFalse
    }

    It 'refuses an app-only connection with RefreshTokenUnavailable' {
        $app = Connect-TestApp

        $failure = { Get-PcRefreshToken -Connection $app } | Should -Throw -PassThru
        $failure.FullyQualifiedErrorId | Should -BeLike 'RefreshTokenUnavailable,*'
        $failure.Exception.Message | Should -Match 'app-only'
    }

    It 'refuses an access-token connection with RefreshTokenUnavailable' {
        Connect-PcService -AccessToken (ConvertTo-SecureString 'eyJhbGciOiJub25lIn0.eyJhdWQiOiJodHRwczovL2FwaS5wYXJ0bmVyY2VudGVyLm1pY3Jvc29mdC5jb20iLCJleHAiOjQxMDI0NDQ4MDAsInNjcCI6InVzZXJfaW1wZXJzb25hdGlvbiIsInVwbiI6ImFAYi5jIn0.' -AsPlainText -Force) -ApiUri $script:emulator.Uri

        { Get-PcRefreshToken -ErrorAction Stop } | Should -Throw -ErrorId 'RefreshTokenUnavailable,*'
    }
}
