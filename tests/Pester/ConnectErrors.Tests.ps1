#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Errors that mean one thing, as an admin meets them in real PowerShell against the emulator: each
# fault gets the error id the README's table gives for it, is found before anything is sent where
# it can be, names what was actually called, and does not keep the admin waiting.

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $root 'out/CloudBlueMca/CloudBlueMca.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
    $script:emulator = Start-TestEmulator
    $script:uri = $emulator.Uri.AbsoluteUri

    function script:Get-ThrownError([scriptblock] $Command) {
        try { & $Command; $null } catch { $_ }
    }

    function script:Get-ClosedLoopbackPort {
        $listener = [System.Net.Sockets.TcpListener]::new([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $port
    }

    function script:Connect-TestPartnerCenter([hashtable] $Extra = @{}) {
        Connect-PcService -Credential $emulator.PartnerCredential -TenantId $emulator.PartnerTenantId -ApiUri $uri -Authority $uri -PassThru @Extra
    }
}

AfterAll {
    Disconnect-CloudBlue
    Disconnect-PcService
    if ($script:emulator) { Stop-TestEmulator $script:emulator }
}

Describe 'Connect-CloudBlue -ApplicationInstanceId' {
    BeforeEach { Clear-TestEmulatorRequest -Emulator $emulator }

    It 'refuses a well-formed id of no instance at connect, with one GET, naming the id' {
        $wrong = '11111111-2222-3333-4444-555555555555'

        $thrown = Get-ThrownError { Connect-CloudBlue -Uri $uri -Credential $emulator.Credential -ApplicationInstanceId $wrong }

        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidApplicationInstanceId,*'
        $thrown.Exception.Message | Should -Match $wrong
        @(Get-TestEmulatorRequest -Emulator $emulator -PathLike "/aps/2/resources/$wrong").Count | Should -Be 1
    }

    It 'refuses the id of a resource that is not a Microsoft 365 application instance' {
        $account = '0f6e3b1c-7a2d-4c59-9e84-000001000011'

        $thrown = Get-ThrownError { Connect-CloudBlue -Uri $uri -Credential $emulator.Credential -ApplicationInstanceId $account }

        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidApplicationInstanceId,*'
        $thrown.Exception.Message | Should -Match 'not an instance of the Microsoft 365 application'
    }

    It 'accepts the right id after checking it' {
        $connection = Connect-CloudBlue -Uri $uri -Credential $emulator.Credential -ApplicationInstanceId $emulator.ApplicationInstanceId -PassThru

        $connection.ApplicationInstanceId | Should -Be $emulator.ApplicationInstanceId
        (Test-McaAcceptance -AccountId 1000011 -Connection $connection).AcceptanceRequired | Should -BeTrue
    }
}

Describe 'A key refused after connecting' {
    It 'is AuthenticationFailed, as at connect, not ApsRequestFailed' {
        $connection = Connect-CloudBlue -Uri $uri -Credential $emulator.Credential -PassThru
        Add-TestEmulatorFault -Emulator $emulator -Kind Status -StatusCode 401 -PathPrefix '/aps/2/resources' -Count 1
        try {
            $null = Get-MsAccountInternalId example -Connection $connection -ErrorVariable failed -ErrorAction SilentlyContinue
        }
        finally {
            Clear-TestEmulatorFault -Emulator $emulator
        }

        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'AuthenticationFailed,*'
        $failed[0].CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failed[0].Exception.Message | Should -Match 'Connect-CloudBlue again'
    }
}

Describe 'Connect-PcService errors' {
    It 'reports a 500 from the token endpoint as AuthorityUnavailable, not AuthenticationFailed' {
        Add-TestEmulatorFault -Emulator $emulator -Kind Status -StatusCode 500 -PathPrefix '/login.microsoftonline.com'
        try {
            $thrown = Get-ThrownError { Connect-TestPartnerCenter }
        }
        finally {
            Clear-TestEmulatorFault -Emulator $emulator
        }

        $thrown.FullyQualifiedErrorId | Should -BeLike 'AuthorityUnavailable,*'
        $thrown.CategoryInfo.Category | Should -Be 'ResourceUnavailable'
        $thrown.Exception.Message | Should -Match 'not the credential'
    }

    It 'gives InvalidCredential for -Credential without -TenantId, not AmbiguousParameterSet' {
        $thrown = Get-ThrownError { Connect-PcService -Credential $emulator.PartnerCredential -ApiUri $uri -Authority $uri }

        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidCredential,*'
        $thrown.Exception.Message | Should -Match '-TenantId'
    }

    It 'refuses an -AccessToken that is not a JWT at connect with InvalidAccessToken, sending nothing' {
        Clear-TestEmulatorRequest -Emulator $emulator

        $thrown = Get-ThrownError { Connect-PcService -AccessToken (ConvertTo-SecureString 'opaque-token-value' -AsPlainText -Force) -ApiUri $uri }

        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidAccessToken,*'
        $thrown.Exception.Message | Should -Not -Match 'opaque-token-value'
        Get-TestEmulatorRequest -Emulator $emulator | Should -BeNullOrEmpty
    }

    It 'names the authority actually called in verbose output and errors' {
        $port = Get-ClosedLoopbackPort

        $records = [System.Collections.Generic.List[object]]::new()
        $thrown = Get-ThrownError {
            Connect-PcService -Credential $emulator.PartnerCredential -TenantId $emulator.PartnerTenantId -ApiUri $uri -Authority "http://127.0.0.1:$port" -Verbose 4>&1 |
                ForEach-Object { $records.Add($_) }
        }

        $thrown.FullyQualifiedErrorId | Should -BeLike 'EndpointUnreachable,*'
        $thrown.Exception.Message | Should -Match "http://127\.0\.0\.1:$port/"
        $thrown.Exception.Message | Should -Not -Match 'port 443|https://login'
        ($records | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | Select-Object -First 1).Message | Should -Match "at http://127\.0\.0\.1:$port/"
    }

    It 'keeps -TimeoutSec on the connection' {
        (Connect-TestPartnerCenter @{ TimeoutSec = 7 }).TimeoutSec | Should -Be 7
        (Connect-TestPartnerCenter).TimeoutSec | Should -Be 100
    }
}

Describe 'Confirm-McaAcceptance -MsAccountId that is not one' {
    It 'is refused before anything is sent, without repeating the value as its own subdomain' {
        Connect-CloudBlue -Uri $uri -Credential $emulator.Credential
        Clear-TestEmulatorRequest -Emulator $emulator

        Confirm-McaAcceptance -MsAccountId xyz -FirstName John -LastName Smith -Email john@example.com -PhoneNumber +1234567 -ErrorVariable failed -ErrorAction SilentlyContinue

        $failed | Should -HaveCount 1
        $failed[0].FullyQualifiedErrorId | Should -BeLike 'InvalidMsAccountId,*'
        $failed[0].Exception.Message | Should -Not -Match "'xyz' of 'xyz'"
        Get-TestEmulatorRequest -Emulator $emulator | Should -BeNullOrEmpty
    }
}

Describe 'An endpoint that does not answer' {
    It 'retries a refused connection once and joins the message as sentences' {
        $port = Get-ClosedLoopbackPort
        $watch = [System.Diagnostics.Stopwatch]::StartNew()

        $thrown = Get-ThrownError { Connect-CloudBlue -Uri "http://127.0.0.1:$port" -Credential $emulator.Credential }

        $watch.Elapsed.TotalSeconds | Should -BeLessThan 4
        $thrown.FullyQualifiedErrorId | Should -BeLike 'EndpointUnreachable,*'
        $thrown.Exception.Message | Should -Match 'after 2 attempt\(s\)'
        $thrown.Exception.Message | Should -Not -Match '[^.!?:] Check the'
    }

    It 'stops after -TimeoutSec and keeps it on the connection' {
        Set-TestEmulatorLatency -Emulator $emulator -Milliseconds 3000
        try {
            $watch = [System.Diagnostics.Stopwatch]::StartNew()
            $thrown = Get-ThrownError { Connect-CloudBlue -Uri $uri -Credential $emulator.Credential -TimeoutSec 1 }
            $watch.Elapsed.TotalSeconds | Should -BeLessThan 2.5
        }
        finally {
            Set-TestEmulatorLatency -Emulator $emulator -Milliseconds 0
        }

        $thrown.FullyQualifiedErrorId | Should -BeLike 'RequestTimedOut,*'
        $thrown.Exception.Message | Should -Match '-TimeoutSec'
        (Connect-CloudBlue -Uri $uri -Credential $emulator.Credential -TimeoutSec 9 -PassThru).TimeoutSec | Should -Be 9
        (Connect-CloudBlue -Uri $uri -Credential $emulator.Credential -PassThru).TimeoutSec | Should -Be 100
    }

    It 'gives the connect probe a shorter timeout than later requests when -TimeoutSec is not given' {
        $verbose = Connect-CloudBlue -Uri $uri -Credential $emulator.Credential -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message

        @($verbose -match 'connect requests time out after 20 s, later requests after 100 s') | Should -HaveCount 1
    }
}

Describe 'Endpoints as users copy them' {
    It 'Connect-CloudBlue -Uri <_> requests /aps/2/resources, never /aps/aps' -ForEach @('{0}', '{0}aps', '{0}aps/', '{0}aps/2', '{0}aps/2/') {
        $given = $_ -f $uri
        if ($_ -eq '{0}') { $given = $uri.TrimEnd('/') }
        Connect-CloudBlue -Uri $given -Credential $emulator.Credential
        Clear-TestEmulatorRequest -Emulator $emulator

        (Get-MsAccountInternalId contoso).MsAccountId | Should -Be '4188e387-a418-40f0-9166-54295cab3fcc'

        $paths = @(Get-TestEmulatorRequest -Emulator $emulator | ForEach-Object Path)
        $paths | Should -Not -BeNullOrEmpty
        $paths | ForEach-Object { $_ | Should -BeLike '/aps/2/resources*' }
    }

    It 'Connect-PcService -ApiUri <_> requests /v1/customers, never /v1/v1' -ForEach @('{0}v1', '{0}v1/', '{0}') {
        Connect-PcService -Credential $emulator.PartnerCredential -TenantId $emulator.PartnerTenantId -ApiUri ($_ -f $uri) -Authority $uri
        Clear-TestEmulatorRequest -Emulator $emulator

        (Get-PcCustomer -CustomerId 9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19).CompanyName | Should -Be 'Contoso Ltd'

        (Get-TestEmulatorRequest -Emulator $emulator).Path | Should -Be '/v1/customers/9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19'
    }
}

Describe 'The troubleshooting table' {
    BeforeAll {
        $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
        $source = Get-Content -Raw (Join-Path $root 'src/CloudBlueMca.Engine/Common/ErrorIds.cs')
        $script:codeIds = @([regex]::Matches($source, 'const string (\w+) = "(\w+)"') | ForEach-Object { $_.Groups[2].Value } | Sort-Object)
        $readme = Get-Content -Raw (Join-Path $root 'README.md')
        $table = ($readme -split '## Troubleshooting by error ID')[1] -split "`n## " | Select-Object -First 1
        $script:readmeIds = @([regex]::Matches(($table -split "`n" | Where-Object { $_ -match '^\| `' } | ForEach-Object { ($_ -split '\|')[1] }) -join ' ', '`(\w+)`') | ForEach-Object { $_.Groups[1].Value } | Sort-Object -Unique)
        $about = Get-Content (Join-Path $root 'docs/en-US/about_CloudBlueMca.help.txt')
        $start = [array]::IndexOf($about, 'ERROR IDS')
        $end = $start + 1
        while ($end -lt $about.Count -and $about[$end] -notmatch '^[A-Z]') { $end++ }
        $script:aboutIds = @($about[$start..($end - 1)] | Select-String -Pattern '^    (\w+)$' | ForEach-Object { $_.Matches[0].Groups[1].Value } | Sort-Object -Unique)
        $script:sources = Get-ChildItem (Join-Path $root 'src') -Recurse -Filter *.cs | Where-Object { $_.FullName -notmatch '[\\/](obj|bin)[\\/]' -and $_.Name -ne 'ErrorIds.cs' } | Get-Content -Raw
    }

    It 'lists exactly the error ids of the code' {
        $readmeIds | Should -Be $codeIds
    }

    It 'matches the ERROR IDS of about_CloudBlueMca' {
        $aboutIds | Should -Be $codeIds
    }

    It 'lists only ids the code can raise' {
        foreach ($id in $codeIds) {
            ($sources -match "ErrorIds\.$id\b") | Should -Not -BeNullOrEmpty -Because "ErrorIds.$id must be raised somewhere"
        }
    }
}
