#
# Module manifest for CloudBlueMca. This file is a template: the build writes a copy into
# out/CloudBlueMca/ with the version placeholder replaced from Directory.Build.props and the release
# notes placeholder replaced by that version's section of CHANGELOG.md (see ModuleLayout.targets).
#
@{
    RootModule             = 'CloudBlueMca.dll'
    # Registers the engine's resolver before PowerShell reads the cmdlets in the RootModule.
    NestedModules          = @('CloudBlueMca.Bootstrap.dll')
    ModuleVersion          = '{{ModuleVersion}}'
    CompatiblePSEditions   = @('Desktop', 'Core')
    GUID                   = '5b0f6b0e-8f7d-4c55-9d7e-2a1c3f6e9b41'
    Author                 = 'CloudBlueMca contributors'
    CompanyName            = 'CloudBlueMca'
    Copyright              = '(c) CloudBlueMca contributors. MIT License.'
    Description            = 'Find a Microsoft account''s internal identifier in CloudBlue Commerce, check and confirm Microsoft Customer Agreement (MCA) acceptance through the APS REST API, and read customers from Microsoft Partner Center - one account or thousands at a time.'
    PowerShellVersion      = '5.1'
    DotNetFrameworkVersion = '4.7.2'
    FormatsToProcess       = @('CloudBlueMca.format.ps1xml')
    CmdletsToExport        = @(
        'Connect-CloudBlue'
        'Disconnect-CloudBlue'
        'Get-MsAccountInternalId'
        'Test-McaAcceptance'
        'Confirm-McaAcceptance'
        'Connect-PcService'
        'Disconnect-PcService'
        'Get-PcCustomer'
        'Get-PcCustomerAgreement'
        'Get-PcRefreshToken'
        'New-PcCustomerAgreement'
        'Sync-McaAcceptance'
    )
    FunctionsToExport      = @()
    AliasesToExport        = @()
    VariablesToExport      = @()
    PrivateData            = @{
        PSData = @{
            Tags         = @('CloudBlue', 'APS', 'Microsoft365', 'MCA', 'CustomerAgreement', 'PartnerCenter', 'CSP', 'PSEdition_Desktop', 'PSEdition_Core', 'Windows', 'Linux', 'MacOS')
            # A single-quoted here-string: the notes need no escaping (only a line starting with '@ would end it).
            ReleaseNotes = @'
{{ReleaseNotes}}
'@
        }
    }
}
