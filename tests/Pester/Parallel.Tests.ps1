#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Connections across runspaces, as scripts use them: ForEach-Object -Parallel and thread jobs
# start runspaces without the caller's default connection, so they pass the connection from
# Connect-CloudBlue -PassThru with $using: or -ArgumentList.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSession.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force

    $script:emulator = Start-TestEmulator -Accounts 6
    $script:manifestPath = Get-ModuleManifestPath
    $script:connection = Connect-CloudBlue -Uri $emulator.Uri.AbsoluteUri -Credential $emulator.Credential -PassThru
    $script:pcConnection = Connect-PcService -Credential $emulator.PartnerCredential -TenantId $emulator.PartnerTenantId -ApiUri $emulator.Uri -Authority $emulator.Uri -PassThru
}

AfterAll {
    Disconnect-CloudBlue
    Disconnect-PcService
    Stop-TestEmulator $script:emulator
}

Describe 'ForEach-Object -Parallel' {
    It 'works with -Connection $using:c in every runspace' {
        $c = $connection
        $manifest = $manifestPath

        $accounts = 1..6 | ForEach-Object -ThrottleLimit 3 -Parallel {
            Import-Module $using:manifest
            Get-MsAccountInternalId ('generated{0:D6}' -f $_) -Connection $using:c
        }

        $accounts | Should -HaveCount 6
        ($accounts.InitialSubdomain | Sort-Object) | Should -Be (1..6 | ForEach-Object { 'generated{0:D6}' -f $_ })
    }

    It 'confirms in parallel runspaces with one shared connection, each account once' {
        $c = $connection
        $manifest = $manifestPath
        Clear-TestEmulatorRequest -Emulator $emulator

        $results = 1..4 | ForEach-Object -ThrottleLimit 4 -Parallel {
            Import-Module $using:manifest
            Confirm-McaAcceptance -InitialSubdomain ('generated{0:D6}' -f $_) -FirstName John -LastName Smith -Email john@example.com -PhoneNumber +1234567 -DateAgreed 2020-03-10 -Connection $using:c
        }

        $results.Result | Should -Be (@('Confirmed') * 4)
        @(Get-TestEmulatorRequest -Emulator $emulator -Method PUT) | Should -HaveCount 4
    }

    It 'without -Connection fails with NotConnected, naming the fix' {
        $manifest = $manifestPath

        $failures = 1..2 | ForEach-Object -Parallel {
            Import-Module $using:manifest
            try {
                Get-MsAccountInternalId example -ErrorAction Stop
            }
            catch {
                $_
            }
        }

        $failures | Should -HaveCount 2
        $failures | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'NotConnected,*' }
        $failures[0].Exception.Message | Should -BeLike '*-Connection*'
    }

    It 'uses a Partner Center connection with -Connection $using:pc' {
        $pc = $pcConnection
        $manifest = $manifestPath

        $customers = '3f8a1aff-6a93-4b2c-b734-93b66497af4c', '9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19' | ForEach-Object -Parallel {
            Import-Module $using:manifest
            Get-PcCustomer -CustomerId $_ -Connection $using:pc
        }

        ($customers.InitialSubdomain | Sort-Object) | Should -Be 'contoso', 'example'
    }
}

Describe 'Start-ThreadJob' {
    It 'runs the cmdlets with the connection passed in -ArgumentList' {
        $job = Start-ThreadJob -ArgumentList $manifestPath, $connection -ScriptBlock {
            param($ManifestPath, $Connection)
            Import-Module $ManifestPath
            Test-McaAcceptance -AccountId 1000011 -Connection $Connection
        }

        $status = $job | Wait-Job -Timeout 60 | Receive-Job
        $job | Remove-Job -Force

        $status.MsAccountId | Should -Be '0ec8e245-2509-44b9-a184-a313345db839'
    }

    It 'runs with $using: and writes its errors to the job' {
        $c = $connection
        $manifest = $manifestPath
        $job = Start-ThreadJob -ScriptBlock {
            Import-Module $using:manifest
            Get-MsAccountInternalId nosuchaccount, contoso -Connection $using:c
        }

        $accounts = $job | Wait-Job -Timeout 60 | Receive-Job -ErrorVariable failures -ErrorAction SilentlyContinue
        $job | Remove-Job -Force

        $accounts.InitialSubdomain | Should -Be 'contoso'
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MsAccountNotFound,*'
    }
}
