#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Agreement dates in real PowerShell (DESIGN.md, "Behaviour every cmdlet shares", Dates): ISO 8601
# text read the same in every culture and calendar, anything else refused per row, [datetime] at
# midnight = the date typed, with a time = its UTC date, the future refused before sending, daily
# re-runs without dates, and Export-Csv / Import-Csv round trips in any culture.

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $root 'out/CloudBlueMca/CloudBlueMca.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force

    $script:emulator = Start-TestEmulator -Accounts 60
    $secret = ConvertTo-SecureString $script:emulator.ConsumerSecret -AsPlainText -Force
    Connect-CloudBlue -Uri $script:emulator.Uri.AbsoluteUri -Credential ([pscredential]::new($script:emulator.ConsumerKey, $secret))

    # Each test takes accounts of its own from the 60 generated ones (generated000001, ...), none of
    # which has a contact yet, so no test depends on another's confirmations.
    $script:nextAccount = 0
    function New-TestSubdomain {
        $script:nextAccount++
        'generated{0:D6}' -f $script:nextAccount
    }

    function New-Row([string] $Subdomain, $DateAgreed, [string] $Email = 'john@example.com') {
        $row = [ordered]@{ InitialSubdomain = $Subdomain; FirstName = 'John'; LastName = 'Smith'; Email = $Email; PhoneNumber = '+1234567' }
        if ($PSBoundParameters.ContainsKey('DateAgreed')) {
            $row.DateAgreed = $DateAgreed
        }

        [pscustomobject] $row
    }

    # The date on record for a subdomain, as the platform holds it (null when nothing is recorded).
    function Get-RecordedDate([string] $Subdomain) {
        (Get-MsAccountInternalId $Subdomain).Tenants.CloudAgreementContact | Where-Object { $_ } | ForEach-Object DateAgreed
    }

    function Use-Culture([string] $Name, [scriptblock] $Script) {
        $before = [cultureinfo]::CurrentCulture
        try {
            [cultureinfo]::CurrentCulture = $Name
            & $Script
        }
        finally {
            [cultureinfo]::CurrentCulture = $before
        }
    }

    function Use-TimeZone([string] $Id, [scriptblock] $Script) {
        $before = $env:TZ
        try {
            $env:TZ = $Id
            [TimeZoneInfo]::ClearCachedData()
            & $Script
        }
        finally {
            $env:TZ = $before
            [TimeZoneInfo]::ClearCachedData()
        }
    }
}

AfterAll {
    Disconnect-CloudBlue
    Stop-TestEmulator $script:emulator
}

Describe 'DateAgreed text in every culture' {
    It 'in <_> reads 2024-05-01 as 1 May 2024 and writes it back as 2024-05-01' -ForEach 'de-DE', 'en-US', 'th-TH', 'ja-JP', 'ar-SA' {
        $subdomain = New-TestSubdomain
        $result = Use-Culture $_ { New-Row $subdomain '2024-05-01' | Confirm-McaAcceptance }

        $result.Result | Should -Be 'Confirmed'
        $result.DateAgreed | Should -Be '2024-05-01'
        Get-RecordedDate $subdomain | Should -Be '2024-05-01'
    }

    It 'in <Culture> refuses <Text> as InvalidContact naming yyyy-MM-dd, sends nothing and goes on' -ForEach @(
        @{ Culture = 'de-DE'; Text = '01.02.2024' }
        @{ Culture = 'de-DE'; Text = '1.5.2024' }
        @{ Culture = 'de-DE'; Text = '31.12.2024' }
        @{ Culture = 'en-US'; Text = '05/01/2024' }
        @{ Culture = 'th-TH'; Text = '1/5/2567' }
        @{ Culture = 'ja-JP'; Text = '2024/05/01' }
        @{ Culture = 'ar-SA'; Text = '22/10/1445' }
        @{ Culture = 'en-US'; Text = 'not a date' }
    ) {
        $bad = New-TestSubdomain
        $good = New-TestSubdomain
        $rows = (New-Row $bad $Text), (New-Row $good '2024-05-01')

        $all = Use-Culture $Culture { $rows | Confirm-McaAcceptance -ErrorAction Continue 2>&1 }
        $results = $all | Where-Object { $_ -isnot [System.Management.Automation.ErrorRecord] }
        $failures = @($all | Where-Object { $_ -is [System.Management.Automation.ErrorRecord] })

        $results.InitialSubdomain | Should -Be $good
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'InvalidContact,*'
        $failures[0].TargetObject | Should -Be $bad
        $failures[0].Exception.Message | Should -BeLike "*DateAgreed '$Text' is not an ISO 8601 date, yyyy-MM-dd*"
        Get-RecordedDate $bad | Should -BeNullOrEmpty
    }

    It 'reads an ISO date with a time and an offset as the UTC date of that moment' {
        $subdomain = New-TestSubdomain
        (New-Row $subdomain '2024-05-01T00:20:00+02:00' | Confirm-McaAcceptance).DateAgreed | Should -Be '2024-04-30'
    }

    It 'treats a blank DateAgreed cell as no date' {
        $subdomain = New-TestSubdomain
        (New-Row $subdomain '  ' | Confirm-McaAcceptance).DateAgreed | Should -Be ([datetime]::UtcNow.ToString('yyyy-MM-dd'))
    }
}

Describe 'DateAgreed as a [datetime]' {
    It 'at midnight is the calendar date typed: [datetime]''2024-05-01''' {
        $subdomain = New-TestSubdomain
        (Confirm-McaAcceptance -InitialSubdomain $subdomain -FirstName John -LastName Smith -Email john@example.com -PhoneNumber +1234567 -DateAgreed ([datetime]'2024-05-01')).DateAgreed |
            Should -Be '2024-05-01'
    }

    It 'east of UTC, (Get-Date).Date is today''s local date, not yesterday''s' {
        # Local midnight in UTC+14 is 10:00 UTC of the day before, at any time of day: the date
        # the user typed must win over the instant it happens to be.
        $subdomain = New-TestSubdomain
        $today, $result = Use-TimeZone 'Pacific/Kiritimati' {
            (Get-Date).ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture)
            Confirm-McaAcceptance -InitialSubdomain $subdomain -FirstName John -LastName Smith -Email john@example.com -PhoneNumber +1234567 -DateAgreed (Get-Date).Date
        }

        $result.DateAgreed | Should -Be $today
        Get-RecordedDate $subdomain | Should -Be $today
    }

    It 'with a time of day (Get-Date) counts as its UTC date, east and west of UTC' -ForEach 'Pacific/Kiritimati', 'Etc/GMT+12', 'Europe/Berlin' {
        $subdomain = New-TestSubdomain
        $result = Use-TimeZone $_ {
            Confirm-McaAcceptance -InitialSubdomain $subdomain -FirstName John -LastName Smith -Email john@example.com -PhoneNumber +1234567 -DateAgreed (Get-Date)
        }
        $result.DateAgreed | Should -Be ([datetime]::UtcNow.ToString('yyyy-MM-dd'))
    }

    It 'after the local today is InvalidContact in <_>, and nothing is sent' -ForEach 'Pacific/Kiritimati', 'Etc/GMT+12' {
        $subdomain = New-TestSubdomain
        $failures = Use-TimeZone $_ {
            $tomorrow = (Get-Date).Date.AddDays(1)
            $null = Confirm-McaAcceptance -InitialSubdomain $subdomain -FirstName John -LastName Smith -Email john@example.com -PhoneNumber +1234567 -DateAgreed $tomorrow -ErrorVariable asDate -ErrorAction SilentlyContinue
            $null = New-Row $subdomain $tomorrow.ToString('yyyy-MM-dd', [cultureinfo]::InvariantCulture) | Confirm-McaAcceptance -ErrorVariable asText -ErrorAction SilentlyContinue
            $asDate[0]
            $asText[0]
        }

        $failures | Should -HaveCount 2
        foreach ($failure in $failures) {
            $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidContact,*'
            $failure.Exception.Message | Should -Match 'is in the future'
        }
        Get-RecordedDate $subdomain | Should -BeNullOrEmpty
    }
}

Describe 'Daily re-runs of a list without dates' {
    It 'a row without a date is AlreadyConfirmed against the same person recorded on another day, with the recorded date' {
        $subdomain = New-TestSubdomain
        $null = New-Row $subdomain '2019-11-02' | Confirm-McaAcceptance

        $again = New-Row $subdomain | Confirm-McaAcceptance -ErrorVariable failures

        $failures | Should -BeNullOrEmpty
        $again.Result | Should -Be 'AlreadyConfirmed'
        $again.DateAgreed | Should -Be '2019-11-02'
        Get-RecordedDate $subdomain | Should -Be '2019-11-02'
    }

    It 'the seed contact of contoso (2020-02-19) is AlreadyConfirmed without a date' {
        (New-Row contoso -Email johnsmith@example.com | Confirm-McaAcceptance).Result | Should -Be 'AlreadyConfirmed'
    }

    It 'a different person without a date is ContactAlreadyRecorded, and the advice asks for their date before -Force' {
        $subdomain = New-TestSubdomain
        $null = New-Row $subdomain '2019-11-02' | Confirm-McaAcceptance

        $null = New-Row $subdomain -Email jane@example.com | Confirm-McaAcceptance -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures[0].FullyQualifiedErrorId | Should -BeLike 'ContactAlreadyRecorded,*'
        $failures[0].Exception.Message | Should -Match 'give the date they accepted'
        Get-RecordedDate $subdomain | Should -Be '2019-11-02'
    }
}

Describe 'Export-Csv / Import-Csv round trip' {
    It 'in <_> writes DateAgreed as yyyy-MM-dd and reads back as AlreadyConfirmed' -ForEach 'de-DE', 'en-US', 'th-TH', 'ja-JP', 'ar-SA' {
        $rows = (New-TestSubdomain), (New-TestSubdomain) | ForEach-Object { New-Row $_ '2024-05-01' }
        $csv = Join-Path $TestDrive "confirmed-$_.csv"

        $again = Use-Culture $_ {
            $rows | Confirm-McaAcceptance | Export-Csv -Path $csv -NoTypeInformation
            Import-Csv -Path $csv | Confirm-McaAcceptance
        }

        (Import-Csv -Path $csv).DateAgreed | Should -Be @('2024-05-01', '2024-05-01')
        $again.Result | Should -Be @('AlreadyConfirmed', 'AlreadyConfirmed')
        $again.DateAgreed | Should -Be @('2024-05-01', '2024-05-01')
    }
}
