#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# -Verbose shows every HTTP call a cmdlet makes, as method, URL, status (and duration, attempt),
# and never a secret, signature or token. The emulator's request log is the list of calls made
# and holds the real Authorization headers, so the test knows exactly what must not appear.

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSession.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force

    $script:emulator = Start-TestEmulator
    $script:connection = Connect-CloudBlue -Uri $emulator.Uri.AbsoluteUri -Credential $emulator.Credential -PassThru
    $script:pcConnection = Connect-PcService -Credential $emulator.PartnerCredential -TenantId $emulator.PartnerTenantId -ApiUri $emulator.Uri -Authority $emulator.Uri -PassThru

    # Runs a command with -Verbose and returns its verbose messages and the requests it made.
    function Invoke-Verbose([scriptblock] $Command) {
        Clear-TestEmulatorRequest -Emulator $emulator
        $messages = @(& $Command 4>&1 | Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } | ForEach-Object Message)
        [pscustomobject]@{ Messages = $messages; Requests = @(Get-TestEmulatorRequest -Emulator $emulator) }
    }

    # The secret material of the requests: OAuth signatures and nonces, bearer tokens, and the
    # Authorization header values whole.
    function Get-SecretPart([object[]] $Requests) {
        foreach ($request in $Requests) {
            $authorization = $request.Headers['Authorization']
            if (-not $authorization) { continue }
            $authorization
            foreach ($match in [regex]::Matches($authorization, 'oauth_(?:signature|nonce)="([^"]+)"')) {
                $match.Groups[1].Value
                [Uri]::UnescapeDataString($match.Groups[1].Value)
            }
            if ($authorization -match '^Bearer (.+)$') {
                $Matches[1]
                $Matches[1].Split('.')[-1]
            }
        }
    }

    function Assert-EachRequestShown($Run) {
        $Run.Requests.Count | Should -BeGreaterThan 0
        foreach ($request in $Run.Requests) {
            $url = [Uri]::new($emulator.Uri, $request.PathAndQuery).AbsoluteUri
            $line = "$($request.Method) $url -> $($request.StatusCode) ("
            $pattern = [WildcardPattern]::Escape($line) + '*'
            @($Run.Messages | Where-Object { $_ -like $pattern }).Count | Should -BeGreaterOrEqual 1 -Because "the request '$line' was made"
        }
    }

    function Assert-NoSecret($Run, [string[]] $Secret) {
        $text = $Run.Messages -join "`n"
        $sent = @(Get-SecretPart $Run.Requests)
        $sent.Count | Should -BeGreaterThan 0 -Because 'the requests carried signatures or tokens'
        foreach ($part in @($Secret) + $sent) {
            $text.Contains($part) | Should -BeFalse -Because "-Verbose must not show '$part'"
        }
        $text | Should -Not -Match 'oauth_signature|Authorization|Bearer '
    }
}

AfterAll {
    Disconnect-PcService
    Stop-TestEmulator $script:emulator
}

Describe '-Verbose' {
    It 'Get-MsAccountInternalId shows each call and no secret' {
        $run = Invoke-Verbose { Get-MsAccountInternalId example, contoso -Connection $connection -Verbose }

        Assert-EachRequestShown $run
        Assert-NoSecret $run $emulator.ConsumerSecret
    }

    It 'Test-McaAcceptance shows each call and no secret' {
        $run = Invoke-Verbose { Test-McaAcceptance -AccountId 1000011 -Connection $connection -Verbose }

        $run.Requests.Path | Should -Contain "/aps/2/resources/$($emulator.ApplicationInstanceId)/checkAccount"
        Assert-EachRequestShown $run
        Assert-NoSecret $run $emulator.ConsumerSecret
    }

    It 'Confirm-McaAcceptance shows the PUT and no secret' {
        $run = Invoke-Verbose { Confirm-McaAcceptance -InitialSubdomain example -FirstName John -LastName Smith -Email john@example.com -PhoneNumber +1234567 -DateAgreed 2020-03-10 -Connection $connection -Verbose }

        $run.Requests.Method | Should -Contain 'PUT'
        Assert-EachRequestShown $run
        Assert-NoSecret $run $emulator.ConsumerSecret
    }

    It 'Connect-CloudBlue shows each call and no secret' {
        $run = Invoke-Verbose { Connect-CloudBlue -Uri $emulator.Uri.AbsoluteUri -Credential $emulator.Credential -PassThru -Verbose }

        Assert-EachRequestShown $run
        Assert-NoSecret $run $emulator.ConsumerSecret
    }

    It 'shows a failed call with its status' {
        Add-TestEmulatorFault -Emulator $emulator -Kind Status -StatusCode 500 -Method GET -PathPrefix '/aps/2/resources' -Count 1
        try {
            $run = Invoke-Verbose { Get-MsAccountInternalId example -Connection $connection -Verbose -ErrorAction SilentlyContinue }
        }
        finally {
            Clear-TestEmulatorFault -Emulator $emulator
        }

        $run.Requests[0].StatusCode | Should -Be 500
        Assert-EachRequestShown $run
    }

    It 'Get-PcCustomer and Connect-PcService show each call and no secret or token' {
        $run = Invoke-Verbose {
            Connect-PcService -Credential $emulator.PartnerCredential -TenantId $emulator.PartnerTenantId -ApiUri $emulator.Uri -Authority $emulator.Uri -Verbose
            Get-PcCustomer -Verbose
        }

        $run.Requests.Path | Should -Contain '/v1/customers'
        Assert-EachRequestShown ([pscustomobject]@{ Messages = $run.Messages; Requests = @($run.Requests | Where-Object Path -Like '/v1/*') })
        Assert-NoSecret $run $emulator.PartnerAppSecret
    }
}
