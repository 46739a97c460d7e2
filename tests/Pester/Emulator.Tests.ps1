#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The emulator's control functions in Emulator.psm1, which the other Pester files use to read the
# request log and inject latency and faults into a standalone emulator.

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $root 'out/CloudBlueMca/CloudBlueMca.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
    $script:emulator = Start-TestEmulator
    Connect-CloudBlue -Uri $emulator.Uri.AbsoluteUri -Credential $emulator.Credential
}

AfterAll {
    Disconnect-CloudBlue
    Stop-TestEmulator $script:emulator
}

Describe 'Emulator control' {
    BeforeEach {
        Clear-TestEmulatorFault -Emulator $emulator
        Set-TestEmulatorLatency -Emulator $emulator -Milliseconds 0
        Clear-TestEmulatorRequest -Emulator $emulator
    }

    It 'logs each request with its decoded path, raw query, status and headers, and not its own control requests' {
        Get-MsAccountInternalId example | Out-Null

        $requests = @(Get-TestEmulatorRequest -Emulator $emulator)
        $requests.Count | Should -BeGreaterOrEqual 1
        $requests[0].Method | Should -Be 'GET'
        $requests[0].Path | Should -Be '/aps/2/resources/'
        $requests[0].Query | Should -BeLike '?implementing(*initial_subdomain*example*'
        $requests[0].StatusCode | Should -Be 200
        $requests[0].Fault | Should -BeNullOrEmpty
        $requests[0].Headers['Authorization'] | Should -BeLike 'OAuth *'
        (Get-TestEmulatorStatistic -Emulator $emulator).Count | Should -Be $requests.Count
    }

    It 'filters the log by method and path pattern' {
        Get-MsAccountInternalId example | Out-Null
        Test-McaAcceptance -AccountId 1000011 | Out-Null

        @(Get-TestEmulatorRequest -Emulator $emulator -Method POST) | Should -HaveCount 0
        @(Get-TestEmulatorRequest -Emulator $emulator -PathLike '*checkAccount*').Count | Should -BeGreaterOrEqual 1
        $all = @(Get-TestEmulatorRequest -Emulator $emulator)
        $lookups = @(Get-TestEmulatorRequest -Emulator $emulator -PathLike '/aps/2/resources/')
        $lookups.Count | Should -BeGreaterOrEqual 1
        $lookups.Count | Should -BeLessThan $all.Count
    }

    It 'injects a status fault for the given count and logs it as a fault' {
        Add-TestEmulatorFault -Emulator $emulator -Kind Status -StatusCode 500 -Method GET -PathPrefix '/aps/2/resources' -Count 1

        $failed = $null
        Get-MsAccountInternalId example -ErrorVariable failed -ErrorAction SilentlyContinue | Out-Null
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'ApsRequestFailed,*'
        (Get-TestEmulatorRequest -Emulator $emulator)[0].Fault | Should -Be 'status 500'

        (Get-MsAccountInternalId example).MsAccountId | Should -Be '0ec8e245-2509-44b9-a184-a313345db839'
    }

    It 'adds base latency to every request and removes it again' {
        Set-TestEmulatorLatency -Emulator $emulator -Milliseconds 400
        $slow = Measure-Command { Get-MsAccountInternalId example | Out-Null }
        Set-TestEmulatorLatency -Emulator $emulator -Milliseconds 0
        $slow.TotalMilliseconds | Should -BeGreaterOrEqual 400
    }

    It 'changes an APS resource without a request-log entry, and says when the id is unknown' {
        $updated = Set-TestEmulatorResource -Emulator $emulator -ApsId 'd4cf0ea9-8f44-41c7-80da-1766174a4b12' -Property @{ initial_subdomain = 'contoso2' }

        $updated.initial_subdomain | Should -Be 'contoso2'
        (Get-MsAccountInternalId contoso2).Tenants.ApsId | Should -Contain 'd4cf0ea9-8f44-41c7-80da-1766174a4b12'
        @(Get-TestEmulatorRequest -Emulator $emulator -Method PUT) | Should -HaveCount 0
        $null = Set-TestEmulatorResource -Emulator $emulator -ApsId 'd4cf0ea9-8f44-41c7-80da-1766174a4b12' -Property @{ initial_subdomain = 'contoso' }

        $missing = { Set-TestEmulatorResource -Emulator $emulator -ApsId '00000000-0000-0000-0000-000000000000' -Property @{ a = 1 } } | Should -Throw -PassThru
        $missing.ErrorDetails.Message | Should -BeLike '*No resource has the APS id*'
    }

    It 'refuses a fault of an unknown kind' {
        $refusal = { Invoke-RestMethod -Method Post -Uri ([Uri]::new($emulator.Uri, '_emulator/faults')) -Body '{"kind":"Meteor"}' -ContentType 'application/json' } |
            Should -Throw -PassThru
        $refusal.ErrorDetails.Message | Should -BeLike '*kind must be one of*'
    }
}
