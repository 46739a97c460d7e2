#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# How the built help reads in Get-Help -Full: every error id of a NOTES section starts its own line
# (platyPS 0.14 runs hard-wrapped bullet items into one paragraph), and the about topic's
# parallel example works as written after the README's import by path.

BeforeDiscovery {
    Import-Module (Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) 'out/CloudBlueMca/CloudBlueMca.psd1') -Force
    $commands = @(Get-Command -Module CloudBlueMca -CommandType Cmdlet | ForEach-Object { @{ Name = $_.Name } })
}

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    $script:manifestPath = Join-Path $root 'out/CloudBlueMca/CloudBlueMca.psd1'
    Import-Module $manifestPath -Force
    $source = Get-Content -Raw (Join-Path $root 'src/CloudBlueMca.Engine/Common/ErrorIds.cs')
    $script:errorIds = @([regex]::Matches($source, 'const string (\w+) = "(\w+)"') | ForEach-Object { $_.Groups[2].Value })
}

Describe 'NOTES of <Name> in Get-Help -Full' -ForEach $commands {
    BeforeAll {
        $script:paragraphs = @((Get-Help $Name -Full).alertSet.alert | ForEach-Object { $_.Text -split "`r?`n\s*`r?`n" } | Where-Object { $_.Trim() })
    }

    It 'has notes' {
        $paragraphs | Should -Not -BeNullOrEmpty
    }

    It 'starts a line with each error id it lists, never runs two into one paragraph' {
        foreach ($paragraph in $paragraphs) {
            $bullets = [regex]::Matches($paragraph, '(^|\s)- `')
            $bullets.Count | Should -BeLessOrEqual 1 -Because "one error id per line: '$paragraph'"
            if ($bullets.Count -eq 1) { $bullets[0].Index | Should -Be 0 }
        }
        $listed = @($paragraphs | Where-Object { $_ -match '^- `(\w+)`' } | ForEach-Object { $Matches[1] } | Where-Object { $_ -in $errorIds })
        if ($Name -notlike 'Disconnect-*') { $listed | Should -Not -BeNullOrEmpty }
    }

    It 'never splits a sentence over two paragraphs' {
        foreach ($paragraph in $paragraphs) {
            $paragraph.Trim() | Should -Match '^[-A-Z`(]' -Because "a paragraph that starts in lower case continues a split sentence: '$paragraph'"
            $paragraph.Trim() | Should -Match '[.:!?)`]$' -Because "a paragraph ends a sentence: '$paragraph'"
        }
    }
}

Describe 'The about topic parallel example' {
    BeforeAll {
        Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
        $script:emulator = Start-TestEmulator
        $about = Get-Content -Raw (Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) 'docs/en-US/about_CloudBlueMca.help.txt')
        $script:example = [regex]::Match($about, '(?ms)^        \$cb = Connect-CloudBlue.*?\} -ThrottleLimit 4$').Value -replace '(?m)^        ', ''
    }

    AfterAll {
        if ($script:emulator) { Stop-TestEmulator $script:emulator }
    }

    It 'says what a runspace needs' {
        $example | Should -Match 'Import-Module \$using:manifest'
        $about | Should -Match 'is not\s+recognized'
    }

    It 'runs as written in ForEach-Object -Parallel after an import by path' {
        $script = $example -replace 'cb\.example\.net', $emulator.Uri.AbsoluteUri
        $cred = $emulator.Credential
        $labels = 'example', 'contoso'
        # A fresh process, as an admin's session: the module imported by path, not installed.
        $results = & ([scriptblock]::Create($script))

        ($results | Sort-Object InitialSubdomain).MsAccountId | Should -Be @('4188e387-a418-40f0-9166-54295cab3fcc', '0ec8e245-2509-44b9-a184-a313345db839')
    }

    It 'needs the import: without it the runspace does not know the cmdlets' {
        $cb = Connect-CloudBlue -Uri $emulator.Uri.AbsoluteUri -Credential $emulator.Credential -PassThru
        # build.ps1 runs Pester with ErrorActionPreference Stop; the runspace's error is what is looked at here.
        $ErrorActionPreference = 'Continue'
        $output = 'example' | ForEach-Object -Parallel { Get-MsAccountInternalId $_ -Connection $using:cb } 2>&1

        @($output).Count | Should -Be 1
        $output.FullyQualifiedErrorId | Should -BeLike 'CommandNotFoundException*'
    }

    It 'works the same way with Start-ThreadJob' -Skip:(-not (Get-Command Start-ThreadJob -ErrorAction SilentlyContinue)) {
        $cb = Connect-CloudBlue -Uri $emulator.Uri.AbsoluteUri -Credential $emulator.Credential -PassThru
        $manifest = Join-Path (Get-Module CloudBlueMca).ModuleBase CloudBlueMca.psd1

        $job = Start-ThreadJob -ScriptBlock { Import-Module $using:manifest; Get-MsAccountInternalId contoso -Connection $using:cb }
        $result = $job | Wait-Job -Timeout 60 | Receive-Job
        $job | Remove-Job -Force

        $result.MsAccountId | Should -Be '4188e387-a418-40f0-9166-54295cab3fcc'
    }
}
