#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Import-Csv rows binding to Confirm-McaAcceptance by property name, as admins feed it files:
# a missing column, an extra column, empty values, a UTF-8 file with a byte order mark, a file
# separated by ';', and how a DateAgreed cell reaches the module (the AgreementDateArgument
# transformation). Which date forms are accepted is McaDates.Tests.ps1's subject.
# Each test uses its own generated accounts (none has a contact), so tests do not interfere.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSession.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force

    $script:emulator = Start-TestEmulator -Accounts 20
    Connect-CloudBlue -Uri $emulator.Uri.AbsoluteUri -Credential $emulator.Credential

    # Writes CSV lines to a file in the test drive and returns its path.
    function New-CsvFile([string[]] $Line, [string] $Encoding = 'utf8NoBOM') {
        $path = Join-Path $TestDrive ('{0}.csv' -f [guid]::NewGuid())
        Set-Content -LiteralPath $path -Value $Line -Encoding $Encoding
        $path
    }

    # The contacts the emulator received in PUT requests, keyed by nothing: in arrival order.
    function Get-SentContact {
        foreach ($put in @(Get-TestEmulatorRequest -Emulator $emulator -Method PUT)) {
            (ConvertFrom-Json $put.Body).cloud_agreement_contact
        }
    }

    $script:header = 'InitialSubdomain,FirstName,LastName,Email,PhoneNumber,DateAgreed'
}

AfterAll {
    Disconnect-CloudBlue
    Stop-TestEmulator $script:emulator
}

Describe 'Import-Csv | Confirm-McaAcceptance' {
    BeforeEach { Clear-TestEmulatorRequest -Emulator $emulator }

    It 'a file without a FirstName column fails each row at binding, naming the column, and sends nothing' {
        $csv = New-CsvFile 'InitialSubdomain,LastName,Email,PhoneNumber', 'generated000001,Smith,john@example.com,+1234567', 'generated000002,Doe,jane@example.com,+1234567'

        $results = Import-Csv $csv | Confirm-McaAcceptance -ErrorVariable failures -ErrorAction SilentlyContinue

        $results | Should -HaveCount 0
        $failures | Should -HaveCount 2
        $failures | ForEach-Object { $_.Exception | Should -BeOfType ([System.Management.Automation.ParameterBindingException]) }
        $failures[0].Exception.Message | Should -BeLike '*FirstName*'
        Get-TestEmulatorRequest -Emulator $emulator | Should -HaveCount 0
    }

    It 'ignores columns it has no parameter for' {
        $csv = New-CsvFile "Company,$header,Notes", 'Example Ltd,generated000003,John,Smith,john@example.com,+1234567,2020-03-10,signed on paper'

        $results = Import-Csv $csv | Confirm-McaAcceptance

        $results.Result | Should -Be 'Confirmed'
        $results.InitialSubdomain | Should -Be 'generated000003'
        (Get-SentContact).email | Should -Be 'john@example.com'
    }

    It 'an empty Email or PhoneNumber is InvalidContact for that row only; the next row is sent' {
        $csv = New-CsvFile $header, 'generated000004,John,Smith,,+1234567,2020-03-10', 'generated000005,John,Smith,john@example.com,,2020-03-10', 'generated000006,John,Smith,john@example.com,+1234567,2020-03-10'

        $results = Import-Csv $csv | Confirm-McaAcceptance -ErrorVariable failures -ErrorAction SilentlyContinue

        $results.InitialSubdomain | Should -Be 'generated000006'
        $failures | Should -HaveCount 2
        $failures | ForEach-Object { $_.FullyQualifiedErrorId | Should -BeLike 'InvalidContact,*' }
        $failures[0].Exception.Message | Should -BeLike '*mail*'
        $failures[1].Exception.Message | Should -BeLike '*phone*'
        @(Get-TestEmulatorRequest -Emulator $emulator -Method PUT) | Should -HaveCount 1
    }

    It 'an empty InitialSubdomain and MsAccountId is MsAccountOrSubdomainRequired' {
        $csv = New-CsvFile 'MsAccountId,InitialSubdomain,FirstName,LastName,Email,PhoneNumber', ',,John,Smith,john@example.com,+1234567'

        $null = Import-Csv $csv | Confirm-McaAcceptance -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'MsAccountOrSubdomainRequired,*'
        Get-TestEmulatorRequest -Emulator $emulator | Should -HaveCount 0
    }

    It 'an MsAccountId column wins over an empty InitialSubdomain' {
        $msAccountId = (Get-MsAccountInternalId generated000007).MsAccountId
        $csv = New-CsvFile 'MsAccountId,InitialSubdomain,FirstName,LastName,Email,PhoneNumber,DateAgreed', "$msAccountId,,John,Smith,john@example.com,+1234567,2020-03-10"

        $results = Import-Csv $csv | Confirm-McaAcceptance

        $results.Result | Should -Be 'Confirmed'
        $results.MsAccountId | Should -Be $msAccountId
    }

    It 'reads a UTF-8 file with a byte order mark, its first column and non-ASCII names intact' {
        $csv = New-CsvFile $header, 'generated000008,Zoë,Müller-Łukasiewicz,zoe@example.com,+1234567,2020-03-10' -Encoding utf8BOM
        [System.IO.File]::ReadAllBytes($csv)[0..2] | Should -Be 0xEF, 0xBB, 0xBF

        $results = Import-Csv $csv | Confirm-McaAcceptance

        $results.InitialSubdomain | Should -Be 'generated000008'
        $sent = Get-SentContact
        $sent.first_name | Should -Be 'Zoë'
        $sent.last_name | Should -Be 'Müller-Łukasiewicz'
    }

    It "reads a file separated by ';' with Import-Csv -Delimiter ';'" {
        $csv = New-CsvFile ($header -replace ',', ';'), 'generated000009;John;Smith;john@example.com;+1234567;2020-03-10'

        $results = Import-Csv $csv -Delimiter ';' | Confirm-McaAcceptance

        $results.Result | Should -Be 'Confirmed'
        (Get-SentContact).phone | Should -Be '+1234567'
    }

    It "fails every row at binding, and sends nothing, when a ';' file is read without -Delimiter" {
        $csv = New-CsvFile ($header -replace ',', ';'), 'generated000010;John;Smith;john@example.com;+1234567;2020-03-10'

        $results = Import-Csv $csv | Confirm-McaAcceptance -ErrorVariable failures -ErrorAction SilentlyContinue

        $results | Should -HaveCount 0
        $failures | Should -HaveCount 1
        $failures[0].Exception | Should -BeOfType ([System.Management.Automation.ParameterBindingException])
        Get-TestEmulatorRequest -Emulator $emulator | Should -HaveCount 0
    }
}

Describe 'DateAgreed binding (AgreementDateArgument)' {
    BeforeEach { Clear-TestEmulatorRequest -Emulator $emulator }

    It 'binds a yyyy-MM-dd cell and sends that calendar date' {
        $csv = New-CsvFile $header, 'generated000011,John,Smith,john@example.com,+1234567,2020-02-19'

        $null = Import-Csv $csv | Confirm-McaAcceptance

        (Get-SentContact).date_agreed | Should -Be '2020-02-19'
    }

    It 'binds a yyyy-MM-dd cell the same way when the culture is de-DE' {
        $run = Invoke-InTestRunspace -ArgumentList $emulator, (New-CsvFile $header, 'generated000012,John,Smith,john@example.com,+1234567,2020-02-19') -Script {
            param($Emulator, $Csv)
            [System.Globalization.CultureInfo]::CurrentCulture = 'de-DE'
            Connect-CloudBlue -Uri $Emulator.Uri.AbsoluteUri -Credential $Emulator.Credential
            Import-Csv $Csv | Confirm-McaAcceptance
        }

        $run.Error | Should -HaveCount 0
        $run.Output.Result | Should -Be 'Confirmed'
        (Get-SentContact).date_agreed | Should -Be '2020-02-19'
    }

    It 'treats an empty cell as not given: today (UTC) is sent' {
        $csv = New-CsvFile $header, 'generated000013,John,Smith,john@example.com,+1234567,'

        $results = Import-Csv $csv | Confirm-McaAcceptance

        $results.Result | Should -Be 'Confirmed'
        (Get-SentContact).date_agreed | Should -Be ([datetime]::UtcNow.ToString('yyyy-MM-dd'))
    }

    It 'binds a cell that is not a date, so that row ends as its own InvalidContact, in input order; the other rows go on' {
        # A binding error would be written before earlier rows are settled and name no row; the
        # module reads the text itself and refuses it for that row only.
        $csv = New-CsvFile $header, 'generated000017,John,Smith,john@example.com,+1234567,2020-02-18', 'generated000014,John,Smith,john@example.com,+1234567,last tuesday', 'generated000015,John,Smith,john@example.com,+1234567,2020-02-19'

        $results = Import-Csv $csv | Confirm-McaAcceptance -ErrorVariable failures -ErrorAction SilentlyContinue

        $results.InitialSubdomain | Should -Be 'generated000017', 'generated000015'
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidContact,*'
        $failures[0].TargetObject | Should -Be 'generated000014'
        $failures[0].Exception.Message | Should -BeLike "*'last tuesday'*"
        @(Get-SentContact).date_agreed | Should -Be '2020-02-18', '2020-02-19'
        (Test-McaAcceptance -AccountId 2000014).AcceptanceRequired | Should -BeTrue
    }

    It 'passes a [datetime] through unchanged' {
        $row = [pscustomobject]@{ InitialSubdomain = 'generated000016'; FirstName = 'John'; LastName = 'Smith'; Email = 'john@example.com'; PhoneNumber = '+1234567'; DateAgreed = [datetime]::new(2019, 12, 31) }

        $null = $row | Confirm-McaAcceptance

        (Get-SentContact).date_agreed | Should -Be '2019-12-31'
    }
}
