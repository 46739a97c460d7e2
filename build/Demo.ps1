<#
.SYNOPSIS
    The walk-through of ./build.ps1 -Task Demo: the MCA flow against a started emulator, told in
    an admin's words, including the two errors it shows on purpose.
.DESCRIPTION
    Imports the built module, starts the emulator, connects, and then looks up a customer's
    Microsoft account, checks whether the MCA must still be accepted, confirms it (first with
    -WhatIf), and runs a small CSV bulk file. Everything it prints goes through Write-Host, so a
    test can read it (6>&1). Stops the emulator at the end.
#>
[CmdletBinding()]
param(
    # The built module's manifest (out/CloudBlueMca/CloudBlueMca.psd1).
    [Parameter(Mandatory = $true)]
    [string] $ModuleManifest
)

$ErrorActionPreference = 'Stop'
Import-Module (Join-Path $PSScriptRoot '../tests/Pester/Emulator.psm1') -Force
Import-Module $ModuleManifest -Force

function Write-Step([string] $Text) { Write-Host "`n# $Text" -ForegroundColor Yellow }
function Write-Command([string] $Text) { Write-Host "> $Text" -ForegroundColor Cyan }
function Write-Note([string] $Text) { Write-Host $Text -ForegroundColor DarkGray }
function Show([object[]] $InputObject, [switch] $List) {
    $text = if ($List) { $InputObject | Format-List | Out-String -Width 80 } else { $InputObject | Format-Table | Out-String -Width 80 }
    Write-Host $text.TrimEnd()
}

$emulator = Start-TestEmulator
try {
    Write-Note "The emulator plays a CloudBlue brand endpoint at $($emulator.Uri) with these customers, among others:"
    Write-Note "  Example Corp (customer 1000011, subdomain 'example'): nobody has accepted the MCA yet."
    Write-Note "  Contoso Ltd (customer 1000012, subdomain 'contoso'): John Smith's acceptance of 2020-02-19 is on record."
    Write-Note "It also plays Partner Center, whose records of the same customers the end of the demo compares."

    Write-Step "Connect with the APS consumer key and secret of a staff member"
    Write-Command "Connect-CloudBlue -Uri $($emulator.Uri) -Credential `$apsKey"
    Connect-CloudBlue -Uri $emulator.Uri.AbsoluteUri -Credential $emulator.Credential
    # The person and date Partner Center also holds for 'example', so the sync at the end finds both
    # sides in step (another date would be a Conflict: the date is the evidence).
    $contact = @{ FirstName = 'John'; LastName = 'Smith'; Email = 'john@example.com'; PhoneNumber = '+1234567'; DateAgreed = '2024-03-15' }

    Write-Step "Which Microsoft account is behind the subdomain 'example', and what is on record?"
    Write-Command 'Get-MsAccountInternalId example'
    $account = Get-MsAccountInternalId example
    Show $account
    Write-Note "MsAccountId is CloudBlue's internal ID of the Microsoft account (not the Microsoft tenant ID); its five subscriptions (Tenant resources):"
    Show $account.Tenants

    Write-Step "Does customer 1000011 still have to accept the MCA?"
    Write-Command 'Get-MsAccountInternalId example | Test-McaAcceptance'
    Show ($account | Test-McaAcceptance) -List

    Write-Step "Record that John Smith accepted it: first see what would happen"
    Write-Command "`$contact = @{ FirstName = 'John'; LastName = 'Smith'; Email = 'john@example.com'; PhoneNumber = '+1234567'; DateAgreed = '2024-03-15' }"
    Write-Command 'Get-MsAccountInternalId example | Confirm-McaAcceptance @contact -WhatIf'
    $account | Confirm-McaAcceptance @contact -WhatIf 6>&1 | ForEach-Object { Write-Host $_ }

    Write-Step "Then do it (DateAgreed is the day John accepted, yyyy-MM-dd; without it, today's UTC date is recorded)"
    Write-Command 'Get-MsAccountInternalId example | Confirm-McaAcceptance @contact'
    Show ($account | Confirm-McaAcceptance @contact)

    Write-Command 'Test-McaAcceptance -AccountId 1000011 -Quiet'
    Write-Host (Test-McaAcceptance -AccountId 1000011 -Quiet)
    Write-Note 'True: no Tenant of the account requires acceptance any more.'

    Write-Step "A bulk run from a CSV file, with two rows that go wrong on purpose"
    $csv = Join-Path ([System.IO.Path]::GetTempPath()) "cloudbluemca-demo-contacts-$PID.csv"
    @(
        [pscustomobject]@{ InitialSubdomain = 'example'; FirstName = 'John'; LastName = 'Smith'; Email = 'john@example.com'; PhoneNumber = '+1234567'; DateAgreed = [datetime]::UtcNow.ToString('yyyy-MM-dd') }
        [pscustomobject]@{ InitialSubdomain = 'contoso'; FirstName = 'Mary'; LastName = 'Jones'; Email = 'mary@contoso.com'; PhoneNumber = '+4420700000'; DateAgreed = '2024-05-02' }
        [pscustomobject]@{ InitialSubdomain = 'adatum'; FirstName = 'Jane'; LastName = 'Doe'; Email = 'jane@fabrikam.com'; PhoneNumber = '+1234567'; DateAgreed = '2024-05-03' }
    ) | Export-Csv -Path $csv -NoTypeInformation
    Write-Host (Get-Content $csv -Raw).TrimEnd()
    Write-Note "What to expect:"
    Write-Note "  example  - AlreadyConfirmed: the same contact was recorded a moment ago, so nothing is sent again."
    Write-Note "  contoso  - an error, ContactAlreadyRecorded: John Smith's acceptance is already on record, and the module never"
    Write-Note "             replaces a recorded contact unless you add -Force after checking who really accepted."
    Write-Note "  adatum   - an error, MsAccountNotFound: no customer has this subdomain, as with a typo in a real file."
    Write-Note "The errors name their row; the other rows go on."
    Write-Command "Import-Csv $csv | Confirm-McaAcceptance -ErrorVariable failed"
    $results = Import-Csv $csv | Confirm-McaAcceptance -ErrorAction SilentlyContinue -ErrorVariable failed
    Show $results
    foreach ($failure in $failed) {
        Write-Host ("ERROR {0} ({1}): {2}" -f $failure.TargetObject, ($failure.FullyQualifiedErrorId -split ',')[0], $failure.Exception.Message) -ForegroundColor Red
    }
    Remove-Item $csv
    Write-Note "`nFix the rows that failed and run the same file again: rows already on record send nothing."

    Write-Step "Partner Center keeps its own MCA records: sign in as a partner user"
    Write-Note "(The emulator completes the device-code sign-in by itself.)"
    Write-Command "Connect-PcService -UseDeviceAuthentication -TenantId <partner tenant> -ApiUri $($emulator.Uri) -Authority $($emulator.Uri)"
    Connect-PcService -UseDeviceAuthentication -TenantId $emulator.PartnerTenantId -ApiUri $emulator.Uri -Authority $emulator.Uri -WarningAction SilentlyContinue
    Write-Command 'Get-PcCustomer | Get-PcCustomerAgreement'
    Show (Get-PcCustomer | Get-PcCustomerAgreement)

    Write-Step "Keep CloudBlue and Partner Center in step: first see what would happen"
    Write-Command 'Sync-McaAcceptance -Direction Both -WhatIf'
    # The module's types live in their own load context, so results are told apart by type name.
    $preview = Sync-McaAcceptance -Direction Both -WhatIf 6>&1
    $preview | Where-Object { $_.PSObject.TypeNames -notcontains 'CloudBlueMca.McaSyncResult' } | ForEach-Object { Write-Host $_ }
    Show ($preview | Where-Object { $_.PSObject.TypeNames -contains 'CloudBlueMca.McaSyncResult' })
    Write-Step "Then do it; a second run writes nothing"
    Write-Command 'Sync-McaAcceptance -Direction Both'
    Show (Sync-McaAcceptance -Direction Both)
    Write-Command 'Sync-McaAcceptance -Direction Both'
    Show (Sync-McaAcceptance -Direction Both)
    Write-Note "Conflict and NeedsContact rows need a person: Format-List shows both contacts and the Reason."
}
finally {
    Disconnect-PcService
    Disconnect-CloudBlue
    Stop-TestEmulator $emulator
}
