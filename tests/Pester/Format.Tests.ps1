#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# What an admin sees: every output type the module declares ([OutputType] of every cmdlet, so the
# types of new cmdlets are covered as soon as they exist) has a default table view that fits an
# 80-column console with no dropped column and no wrapped header, and shows its key column.
# Objects come from the cmdlets against the emulator where a recipe below says how; any other
# type is filled by reflection with values as wide as real ones.

BeforeDiscovery {
    Import-Module (Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) 'out/CloudBlueMca/CloudBlueMca.psd1') -Force
    # By name: on PowerShell 7 the types live in the module's own load context. Array properties of
    # an output type (MsAccount.Tenants) are shown as tables too, so their element types count.
    $assemblies = [AppDomain]::CurrentDomain.GetAssemblies()
    $declared = @(Get-Command -Module CloudBlueMca | ForEach-Object OutputType | ForEach-Object Name | Where-Object { $_ -like 'CloudBlueMca.*' } | Sort-Object -Unique)
    $nested = foreach ($name in $declared) {
        $type = $assemblies | ForEach-Object { $_.GetType($name) } | Where-Object { $_ } | Select-Object -First 1
        $type.GetProperties() | ForEach-Object PropertyType | Where-Object { $_.IsArray -and $_.GetElementType().Namespace -eq 'CloudBlueMca' } | ForEach-Object { $_.GetElementType().FullName }
    }
    $outputTypes = @($declared + $nested | Sort-Object -Unique | ForEach-Object { @{ TypeName = $_ } })
}

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $root 'out/CloudBlueMca/CloudBlueMca.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
    $script:emulator = Start-TestEmulator
    $script:cloudBlue = Connect-CloudBlue -Uri $emulator.Uri.AbsoluteUri -Credential $emulator.Credential -PassThru
    $script:partnerCenter = Connect-PcService -Credential $emulator.PartnerCredential -TenantId $emulator.PartnerTenantId -ApiUri $emulator.Uri -Authority $emulator.Uri -PassThru

    # How to get a real object of each known type; the seed's recorded contact makes
    # Confirm-McaAcceptance answer AlreadyConfirmed without changing anything.
    $script:recipes = @{
        'CloudBlueMca.CloudBlueConnection' = { $script:cloudBlue }
        'CloudBlueMca.PcConnection'        = { $script:partnerCenter }
        'CloudBlueMca.MsAccount'           = { Get-MsAccountInternalId example, contoso }
        'CloudBlueMca.TenantResource'      = { (Get-MsAccountInternalId contoso).Tenants }
        'CloudBlueMca.McaAcceptanceStatus' = { Test-McaAcceptance -AccountId 1000011 }
        'CloudBlueMca.McaConfirmation'     = { Get-MsAccountInternalId contoso | Confirm-McaAcceptance -FirstName John -LastName Smith -Email johnsmith@example.com -PhoneNumber +1234567 -DateAgreed 2020-02-19 }
        'CloudBlueMca.PcCustomer'          = { Get-PcCustomer }
    }

    # An instance of a type without a recipe: every settable property gets a value as wide as a
    # real one would be (a GUID, a date, a word), so the view is checked with realistic widths.
    function New-SampleObject([type] $Type) {
        $sample = [System.Runtime.Serialization.FormatterServices]::GetUninitializedObject($Type)
        foreach ($property in $Type.GetProperties()) {
            if (-not $property.CanWrite) { continue }
            $propertyType = [Nullable]::GetUnderlyingType($property.PropertyType)
            if (-not $propertyType) { $propertyType = $property.PropertyType }
            $value = switch ($propertyType) {
                ([string]) { if ($property.Name -like '*Id') { [guid]::NewGuid().ToString() } else { 'sample-' + $property.Name.ToLowerInvariant() } }
                ([guid]) { [guid]::NewGuid() }
                ([datetime]) { [datetime]'2024-05-01' }
                ([datetimeoffset]) { [datetimeoffset]'2024-05-01T10:00:00Z' }
                ([bool]) { $true }
                ([int]) { 1000011 }
                ([long]) { 1070 }
                default { if ($propertyType.IsEnum) { [enum]::GetValues($propertyType)[0] } }
            }
            if ($null -ne $value) { $property.SetValue($sample, $value) }
        }
        $sample
    }

    function Get-TableView([string] $TypeName) {
        Get-FormatData -TypeName $TypeName -PowerShellVersion $PSVersionTable.PSVersion |
            ForEach-Object FormatViewDefinition |
            Where-Object { $_.Control -is [System.Management.Automation.TableControl] } |
            Select-Object -First 1
    }

    # The text the table shows in one column for one object.
    function Get-CellText($Object, $Column) {
        $entry = $Column.DisplayEntry
        $value = if ($entry.ValueType -eq 'ScriptBlock') {
            [scriptblock]::Create($entry.Value).InvokeWithContext($null, [psvariable]::new('_', $Object), @()) | Select-Object -First 1
        }
        else {
            $Object.($entry.Value)
        }
        "$value"
    }
}

AfterAll {
    Disconnect-CloudBlue
    Disconnect-PcService
    if ($script:emulator) { Stop-TestEmulator $script:emulator }
}

Describe 'The default table view of <TypeName>' -ForEach $outputTypes {
    BeforeAll {
        $script:view = Get-TableView $TypeName
        $recipe = $script:recipes[$TypeName]
        $type = [AppDomain]::CurrentDomain.GetAssemblies() | ForEach-Object { $_.GetType($TypeName) } | Where-Object { $_ } | Select-Object -First 1
        $script:samples = @(if ($recipe) { & $recipe } else { New-SampleObject $type })
    }

    It 'exists, and its columns fit 80 characters with room for the last one' {
        $view | Should -Not -BeNullOrEmpty -Because "every output type needs a table view in CloudBlueMca.format.ps1xml"
        $headers = @($view.Control.Headers)
        $fixed = @($headers | Select-Object -SkipLast 1)
        $fixed | Where-Object Width -LE 0 | Should -BeNullOrEmpty -Because 'only the last column may take the remaining width'
        $last = $headers[-1]
        $used = ($headers | Measure-Object -Property Width -Sum).Sum + $headers.Count - 1
        # A last column without a width keeps room for its header and a GUID's first block.
        if ($last.Width -le 0) { $used += [Math]::Max(8, $last.Label.Length) }
        $used | Should -BeLessOrEqual 80
    }

    It 'has headers no longer than their columns, so none wraps' {
        foreach ($header in $view.Control.Headers) {
            if ($header.Width -gt 0) {
                $header.Label.Length | Should -BeLessOrEqual $header.Width -Because "header '$($header.Label)' must fit its column"
            }
        }
    }

    It 'renders at <_> columns with every header on one line and the key column readable' -ForEach 80, 120 {
        $width = $_
        $samples | Should -Not -BeNullOrEmpty
        $lines = @(($samples | Format-Table | Out-String -Width $width) -split "`r?`n" | Where-Object { $_.Trim() })
        $lines | Where-Object { $_.Length -gt $width } | Should -BeNullOrEmpty
        $labels = @($view.Control.Headers | ForEach-Object Label)
        $headerWords = @($lines[0] -split '\s+' | Where-Object { $_ })
        $headerWords | Should -Be $labels -Because 'no column may be dropped or wrapped'
        $lines[1] | Should -Match '^-' -Because 'the header is one line, followed by its underline'
        $lines.Count | Should -Be ($samples.Count + 2) -Because 'each object is one line'

        $keyColumn = $view.Control.Rows[0].Columns[0]
        $keyWidth = @($view.Control.Headers)[0].Width
        for ($i = 0; $i -lt $samples.Count; $i++) {
            $key = Get-CellText $samples[$i] $keyColumn
            if ($key.Length -gt $keyWidth) { $key = $key.Substring(0, $keyWidth - 1) }
            $lines[$i + 2] | Should -BeLike "$([WildcardPattern]::Escape($key))*"
        }
    }
}

Describe 'MsAccount as a CSV row' {
    It 'exports flat columns: tenant count, the recorded contact e-mail and date as yyyy-MM-dd' {
        $path = Join-Path $TestDrive 'accounts.csv'
        $previous = [cultureinfo]::CurrentCulture
        try {
            # A culture whose own date format differs: the date column must not change with it.
            [cultureinfo]::CurrentCulture = 'de-DE'
            Get-MsAccountInternalId example, contoso | Export-Csv -Path $path -NoTypeInformation
        }
        finally {
            [cultureinfo]::CurrentCulture = $previous
        }

        $rows = Import-Csv $path
        $contoso = $rows | Where-Object InitialSubdomain -EQ 'contoso'
        $contoso.TenantCount | Should -Be 2
        $contoso.ContactEmail | Should -Be 'johnsmith@example.com'
        $contoso.ContactDateAgreed | Should -Be '2020-02-19'
        $example = $rows | Where-Object InitialSubdomain -EQ 'example'
        $example.TenantCount | Should -Be 5
        $example.ContactEmail | Should -BeNullOrEmpty -Because 'seed 001 records no contact'
        $example.ContactDateAgreed | Should -BeNullOrEmpty
    }
}
