#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Get-Help in real PowerShell for every exported cmdlet, from the MAML that './build.ps1 -Task Docs'
# builds out of docs/en-US. The xunit drift tests keep the markdown true to the code; this checks
# that the built help reaches Get-Help. './build.ps1 -Task Test' always builds the help first, so a
# module without it fails here instead of skipping.

BeforeDiscovery {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $moduleFolder = Join-Path $root 'out/CloudBlueMca'
    $script:commands = @((Import-PowerShellDataFile (Join-Path $moduleFolder 'CloudBlueMca.psd1')).CmdletsToExport)
}

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $root 'out/CloudBlueMca/CloudBlueMca.psd1') -Force
}

Describe 'Module folder' {
    It 'ships the cmdlet help built from docs/en-US' {
        $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
        Join-Path $root 'out/CloudBlueMca/en-US/CloudBlueMca.dll-Help.xml' | Should -Exist -Because "'./build.ps1 -Task Docs' builds it with platyPS 0.14"
    }

    It 'ships the about_CloudBlueMca topic' {
        $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
        $about = Join-Path $root 'out/CloudBlueMca/en-US/about_CloudBlueMca.help.txt'
        $about | Should -Exist
        Get-Content -Path $about -Raw | Should -Match 'ERROR IDS'
    }
}

Describe 'Get-Help <_>' -ForEach $commands {
    BeforeAll {
        $script:help = Get-Help -Name $_ -Full
    }

    It 'has a written synopsis, not the generated syntax' {
        $help.Synopsis | Should -Not -BeNullOrEmpty
        $help.Synopsis | Should -Not -Match "^\s*$([regex]::Escape($_))\s"
    }

    It 'has a description' {
        ($help.description | Out-String).Trim() | Should -Not -BeNullOrEmpty
    }

    It 'has at least two examples' {
        @($help.examples.example).Count | Should -BeGreaterOrEqual 2
    }

    It 'describes every parameter' {
        # A cmdlet without parameters of its own has no 'parameter' member at all.
        $parameterMember = $help.parameters.PSObject.Properties['parameter']
        $parameters = @(if ($parameterMember) { $parameterMember.Value | Where-Object { $_.name -notin @('WhatIf', 'Confirm') } })
        foreach ($parameter in $parameters) {
            ($parameter.description | Out-String).Trim() | Should -Not -BeNullOrEmpty -Because "-$($parameter.name) needs a description"
        }
    }
}
