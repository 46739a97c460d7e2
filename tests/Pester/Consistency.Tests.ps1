#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The two sides of the module behave alike: connections show the same state, Disconnect-* close a
# -PassThru connection, a closed connection gives the same NotConnected wording, parameters line
# up (-ThrottleLimit wherever requests run concurrently, plain strings by value), and the help
# says which pipe reaches Partner Center from an MsAccount.

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $root 'out/CloudBlueMca/CloudBlueMca.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
    $script:emulator = Start-TestEmulator
    $script:uri = $emulator.Uri.AbsoluteUri

    function script:Connect-Both {
        $script:cloudBlue = Connect-CloudBlue -Uri $uri -Credential $emulator.Credential -PassThru
        $script:partnerCenter = Connect-PcService -Credential $emulator.PartnerCredential -TenantId $emulator.PartnerTenantId -ApiUri $uri -Authority $uri -PassThru
    }

    function script:Get-ThrownError([scriptblock] $Command) {
        try { & $Command; $null } catch { $_ }
    }
}

AfterAll {
    Disconnect-CloudBlue
    Disconnect-PcService
    if ($script:emulator) { Stop-TestEmulator $script:emulator }
}

Describe 'CloudBlueConnection and PcConnection' {
    BeforeAll { Connect-Both }

    It 'expose the same state: <_>' -ForEach 'IsConnected', 'Endpoint', 'AuthenticationKind', 'ConnectedAt', 'TimeoutSec' {
        $cloudBlue.PSObject.Properties.Name | Should -Contain $_
        $partnerCenter.PSObject.Properties.Name | Should -Contain $_
    }

    It 'have values for it' {
        $cloudBlue.IsConnected | Should -BeTrue
        $partnerCenter.IsConnected | Should -BeTrue
        $cloudBlue.Endpoint | Should -Be $emulator.Uri
        $partnerCenter.Endpoint | Should -Be $emulator.Uri
        $cloudBlue.AuthenticationKind | Should -Be 'OAuthConsumerKey'
        $partnerCenter.AuthenticationKind | Should -Be 'ClientSecret'
        $cloudBlue.ConnectedAt | Should -BeGreaterThan ([datetimeoffset]::UtcNow.AddMinutes(-5))
        $partnerCenter.ConnectedAt | Should -BeGreaterThan ([datetimeoffset]::UtcNow.AddMinutes(-5))
    }
}

Describe 'Disconnect-* -Connection' {
    BeforeEach { Connect-Both }

    It 'closes a -PassThru connection, which then fails with the same NotConnected wording on both sides' {
        $otherCloudBlue = Connect-CloudBlue -Uri $uri -Credential $emulator.Credential -PassThru
        $otherPartnerCenter = Connect-PcService -Credential $emulator.PartnerCredential -TenantId $emulator.PartnerTenantId -ApiUri $uri -Authority $uri -PassThru

        Disconnect-CloudBlue -Connection $cloudBlue
        $partnerCenter | Disconnect-PcService

        $cloudBlue.IsConnected | Should -BeFalse
        $partnerCenter.IsConnected | Should -BeFalse
        $cloudBlueError = Get-ThrownError { Get-MsAccountInternalId example -Connection $cloudBlue }
        $partnerCenterError = Get-ThrownError { Get-PcCustomer -Connection $partnerCenter }
        $cloudBlueError.FullyQualifiedErrorId | Should -BeLike 'NotConnected,*'
        $partnerCenterError.FullyQualifiedErrorId | Should -BeLike 'NotConnected,*'
        $cloudBlueWording = $cloudBlueError.Exception.Message -replace 'CloudBlue', 'SERVICE' -replace [regex]::Escape($uri), 'ENDPOINT'
        $partnerCenterWording = $partnerCenterError.Exception.Message -replace 'PcService', 'SERVICE' -replace 'Partner Center', 'SERVICE' -replace [regex]::Escape($uri), 'ENDPOINT'
        $partnerCenterWording | Should -Be $cloudBlueWording

        # The runspace defaults were other connections and stay usable.
        (Get-MsAccountInternalId contoso).MsAccountId | Should -Be '4188e387-a418-40f0-9166-54295cab3fcc'
        (Get-PcCustomer -CustomerId 9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19).CompanyName | Should -Be 'Contoso Ltd'
        $otherCloudBlue.IsConnected | Should -BeTrue
        $otherPartnerCenter.IsConnected | Should -BeTrue
    }

    It 'without -Connection closes and forgets the runspace default' {
        Disconnect-CloudBlue
        Disconnect-PcService

        $cloudBlue.IsConnected | Should -BeFalse
        (Get-ThrownError { Get-MsAccountInternalId example }).Exception.Message | Should -Match '^Not connected to CloudBlue\. Run Connect-CloudBlue'
        (Get-ThrownError { Get-PcCustomer }).Exception.Message | Should -Match '^Not connected to Partner Center\. Run Connect-PcService'
    }
}

Describe 'Parameters that line up' {
    BeforeAll { Connect-Both }

    It '<Command> takes -ThrottleLimit, because it runs requests concurrently' -ForEach @(
        @{ Command = 'Get-MsAccountInternalId' }
        @{ Command = 'Confirm-McaAcceptance' }
    ) {
        (Get-Command $Command).Parameters.Keys | Should -Contain 'ThrottleLimit'
    }

    It 'Get-MsAccountInternalId -ThrottleLimit 1 sends one look-up at a time' {
        $many = 1..400 | ForEach-Object { 'unknown{0:000}-{1}' -f $_, ('x' * 40) }
        Clear-TestEmulatorRequest -Emulator $emulator
        Set-TestEmulatorLatency -Emulator $emulator -Milliseconds 50
        try {
            $null = $many | Get-MsAccountInternalId -ThrottleLimit 1 -ErrorAction SilentlyContinue
        }
        finally {
            Set-TestEmulatorLatency -Emulator $emulator -Milliseconds 0
        }

        $statistic = Get-TestEmulatorStatistic -Emulator $emulator
        $statistic.Count | Should -BeGreaterThan 1
        $statistic.PeakInFlight | Should -Be 1
    }

    It 'Confirm-McaAcceptance takes plain subdomain strings by value' {
        $results = 'contoso' | Confirm-McaAcceptance -FirstName John -LastName Smith -Email johnsmith@example.com -PhoneNumber +1234567 -DateAgreed 2020-02-19

        $results.InitialSubdomain | Should -Be 'contoso'
        $results.Result | Should -Be 'AlreadyConfirmed'
    }

    It 'Confirm-McaAcceptance never takes a CSV row with only MsAccountId for a subdomain' {
        $row = [pscustomobject]@{ MsAccountId = '4188e387-a418-40f0-9166-54295cab3fcc'; FirstName = 'John'; LastName = 'Smith'; Email = 'johnsmith@example.com'; PhoneNumber = '+1234567'; DateAgreed = '2020-02-19' }

        $result = $row | Confirm-McaAcceptance -ErrorVariable failed

        $failed | Should -BeNullOrEmpty
        $result.Result | Should -Be 'AlreadyConfirmed'
        $result.InitialSubdomain | Should -Be 'contoso'
    }
}

Describe 'From an MsAccount to Partner Center' {
    BeforeAll { Connect-Both }

    It 'goes through Test-McaAcceptance, as the help of both cmdlets says' {
        $customer = Get-MsAccountInternalId example | Test-McaAcceptance | Get-PcCustomer

        $customer.Id | Should -Be '3f8a1aff-6a93-4b2c-b734-93b66497af4c'
        foreach ($command in 'Get-MsAccountInternalId', 'Get-PcCustomer') {
            (Get-Help $command -Full | Out-String -Width 500) | Should -Match ([regex]::Escape('Get-MsAccountInternalId example | Test-McaAcceptance | Get-PcCustomer'))
        }
    }
}
