#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Rehearsing failures outside the test suite: the standalone emulator's --latency-ms, --fault and
# --customers flags, as the README documents them, and the demo that explains its own errors.

BeforeAll {
    $script:root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $script:manifestPath = Join-Path $root 'out/CloudBlueMca/CloudBlueMca.psd1'
    Import-Module $manifestPath -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
}

Describe 'The standalone emulator flags' {
    BeforeAll {
        $script:emulator = Start-TestEmulator -ArgumentList '--latency-ms', '300', '--fault', '/aps/2/resources:503:1', '--fault', '/v1/customers/:404', '--customers', '5'
        $script:uri = $emulator.Uri.AbsoluteUri
    }

    AfterAll {
        Disconnect-CloudBlue
        Disconnect-PcService
        if ($script:emulator) { Stop-TestEmulator $script:emulator }
    }

    It '--fault ROUTE:STATUS:COUNT fails that many matching requests, and the module retries' {
        Connect-CloudBlue -Uri $uri -Credential $emulator.Credential -WarningAction SilentlyContinue

        (Get-MsAccountInternalId contoso).MsAccountId | Should -Be '4188e387-a418-40f0-9166-54295cab3fcc'

        $resources = @(Get-TestEmulatorRequest -Emulator $emulator -PathLike '/aps/2/resources*')
        $resources[0].StatusCode | Should -Be 503
        $resources[0].Fault | Should -Not -BeNullOrEmpty
        $resources[1..($resources.Count - 1)].StatusCode | Should -Not -Contain 503
    }

    It '--latency-ms slows every request down' {
        $watch = [System.Diagnostics.Stopwatch]::StartNew()
        $null = Get-MsAccountInternalId example
        $watch.ElapsedMilliseconds | Should -BeGreaterOrEqual 300
    }

    It '--customers N adds Partner Center customers, and --fault without COUNT fails every match' {
        Connect-PcService -Credential $emulator.PartnerCredential -TenantId $emulator.PartnerTenantId -ApiUri $uri -Authority $uri

        # Seed 002 and the six seeded CloudBlue tenants, plus the generated ones.
        @(Get-PcCustomer).Count | Should -Be 12
        $null = Get-PcCustomer -CustomerId 9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19, 3f8a1aff-6a93-4b2c-b734-93b66497af4c -ErrorVariable failed -ErrorAction SilentlyContinue
        $failed | Should -HaveCount 2
        $failed | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'CustomerNotFound,*' }
    }

    It 'refuses a bad flag with its usage' {
        $output = & dotnet (Get-ChildItem (Join-Path $root 'src/CloudBlueMca.Emulator/bin') -Recurse -Filter CloudBlueMca.Emulator.dll | Select-Object -First 1).FullName --fault nonsense 2>&1
        $LASTEXITCODE | Should -Be 2
        ($output -join "`n") | Should -Match '--fault needs ROUTE:STATUS\[:COUNT\]'
    }

    It 'are documented in the README' {
        $readme = Get-Content -Raw (Join-Path $root 'README.md')
        foreach ($flag in '--latency-ms', '--fault ROUTE:STATUS[:COUNT]', '--customers N') {
            $readme | Should -Match ([regex]::Escape($flag))
        }
        $readme | Should -Match "Import-Csv \./contacts\.csv -Delimiter ';'"
        $readme | Should -Match '-UseCulture'
    }
}

Describe 'The demo' {
    BeforeAll {
        $script:output = & (Join-Path $root 'build/Demo.ps1') -ModuleManifest $manifestPath 6>&1 | Out-String -Width 200
    }

    It 'speaks the admin''s language, not seed numbers' {
        $output | Should -Not -Match 'Seed \d'
        $output | Should -Match 'Does customer 1000011 still have to accept the MCA'
    }

    It 'explains the errors it shows on purpose before showing them' {
        $output | Should -Match "contoso  - an error, ContactAlreadyRecorded: John Smith's acceptance is already on record"
        $output | Should -Match 'adatum   - an error, MsAccountNotFound: no customer has this subdomain'
        $output | Should -Match 'ERROR contoso \(ContactAlreadyRecorded\)'
        $output | Should -Match 'ERROR adatum \(MsAccountNotFound\)'
    }

    It 'ends with a sync with Partner Center that a second run leaves alone' {
        $output | Should -Match 'Sync-McaAcceptance -Direction Both -WhatIf'
        $output | Should -Match 'AttestedInPartnerCenter +contoso'
        $output | Should -Match 'InSync +contoso'
        # John Smith was recorded with the date Partner Center holds, so the sides agree.
        $output | Should -Match 'InSync +example'
        $output | Should -Not -Match 'Conflict +example'
    }
}

Describe 'The README runbook' {
    It 'needs only the application id for the certificate variant, no client secret' {
        $readme = Get-Content -Raw (Join-Path $root 'README.md')
        $runbook = [regex]::Match($readme, '(?s)## Azure Automation runbook.*?```powershell(.*?)```').Groups[1].Value
        $certificateLine = $runbook -split "`n" | Where-Object { $_ -match '^Connect-PcService .*-Certificate' }
        $certificateLine | Should -HaveCount 1
        $certificateLine | Should -Not -Match 'Credential|\$app\.'
        $runbook | Should -Match "Get-AutomationVariable -Name 'Partner Center app ID'"
    }
}
