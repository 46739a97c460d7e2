#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# The error ids users read about are the ids the code raises, and every one of them is reached by
# a real Pester test. The README's "Troubleshooting by error ID" table is the list users see; the
# constants of src/CloudBlueMca.Engine/Common/ErrorIds.cs are the ids the code can raise. A test
# reaches an id when it asserts it as the text '<Id>, (the start of FullyQualifiedErrorId), for
# example: $failure.FullyQualifiedErrorId | Should -BeLike 'NotConnected,*'.

BeforeDiscovery {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $PSScriptRoot 'TestSession.psm1') -Force
    $script:tableIds = @(Get-TroubleshootingErrorId -ReadmePath (Join-Path $root 'README.md'))
    $script:codeIds = @(Get-CodeErrorId -Path (Join-Path $root 'src/CloudBlueMca.Engine/Common/ErrorIds.cs'))
}

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $PSScriptRoot 'TestSession.psm1') -Force
    $script:tableIds = @(Get-TroubleshootingErrorId -ReadmePath (Join-Path $root 'README.md'))
    $script:codeIds = @(Get-CodeErrorId -Path (Join-Path $root 'src/CloudBlueMca.Engine/Common/ErrorIds.cs'))
    $otherFiles = Get-ChildItem -Path $PSScriptRoot -Filter '*.Tests.ps1' | Where-Object Name -NE (Split-Path -Leaf $PSCommandPath)
    $script:testText = ($otherFiles | ForEach-Object { Get-Content -LiteralPath $_.FullName -Raw }) -join "`n"

}

Describe 'The README troubleshooting table' {
    It 'is found and lists the error ids' {
        $tableIds.Count | Should -BeGreaterThan 10 -Because 'the table "Troubleshooting by error ID" lists every id in backticks in its first column'
        $tableIds | Should -Contain 'NotConnected'
    }

    It 'lists <_>, which the code can raise' -ForEach $codeIds {
        $tableIds | Should -Contain $_ -Because "ErrorIds.cs declares '$_', so a user can meet it and the README must say what to do"
    }

    It 'lists <_> only if the code can raise it' -ForEach $tableIds {
        $codeIds | Should -Contain $_ -Because "an id in the table that ErrorIds.cs does not declare can never be met"
    }
}

Describe 'Pester coverage of the error ids' {
    It '<_> is asserted by a test in another tests/Pester file' -ForEach $tableIds {
        $assertion = "'$_,"
        $testText.Contains($assertion) | Should -BeTrue -Because "a test must provoke $_ and assert it as $assertion (e.g. `$failure.FullyQualifiedErrorId | Should -BeLike '$_,*')"
    }
}
