#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Connect-CloudBlue and Disconnect-CloudBlue in real PowerShell, against a started emulator.
# Run with ./build.ps1 -Task Pester after a build (out/CloudBlueMca must exist).

BeforeAll {
    Import-Module (Join-Path $PSScriptRoot 'TestSession.psm1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
    Import-Module (Get-ModuleManifestPath) -Force

    $script:emulator = Start-TestEmulator
    $script:credential = $emulator.Credential

    function script:Get-ClosedLoopbackPort {
        $listener = New-Object System.Net.Sockets.TcpListener([System.Net.IPAddress]::Loopback, 0)
        $listener.Start()
        $port = $listener.LocalEndpoint.Port
        $listener.Stop()
        $port
    }
}

AfterAll {
    try {
        Disconnect-CloudBlue
    }
    finally {
        if ($emulator) {
            $emulator | Stop-TestEmulator
        }
    }
}

Describe 'Connect-CloudBlue' {
    AfterEach {
        Disconnect-CloudBlue
    }

    It 'connects and returns the connection with -PassThru' {
        $connection = Connect-CloudBlue -Uri $emulator.Uri -Credential $credential -PassThru

        $connection.GetType().FullName | Should -Be 'CloudBlueMca.CloudBlueConnection'
        $connection.Uri.AbsoluteUri | Should -Be $emulator.Uri.AbsoluteUri
        $connection.ConsumerKey | Should -Be $emulator.ConsumerKey
        $connection.ApplicationInstanceId | Should -Be $emulator.ApplicationInstanceId
        $connection.TenantTypeId | Should -Be 'http://www.parallels.com/Office365/Tenant/2.8'
        $connection.SkipCertificateCheck | Should -BeFalse
    }

    It 'writes nothing without -PassThru and takes -Uri by position' {
        $output = Connect-CloudBlue $emulator.Uri -Credential $credential

        $output | Should -BeNullOrEmpty
    }

    It 'uses -ApplicationInstanceId and -TenantTypeId as given' {
        $connection = Connect-CloudBlue -Uri $emulator.Uri -Credential $credential -ApplicationInstanceId $emulator.ApplicationInstanceId -TenantTypeId 'http://www.parallels.com/Office365/Tenant/2.9' -PassThru

        $connection.ApplicationInstanceId | Should -Be $emulator.ApplicationInstanceId
        $connection.TenantTypeId | Should -Be 'http://www.parallels.com/Office365/Tenant/2.9'
    }

    It 'never shows the secret, in the object, its table view or the verbose stream' {
        $verbose = Connect-CloudBlue -Uri $emulator.Uri -Credential $credential -PassThru -Verbose 4>&1
        $text = ($verbose | Out-String) + ($verbose | Format-List * | Out-String)

        $text | Should -Not -BeLike "*$($emulator.ConsumerSecret)*"
        $text | Should -Not -BeLike '*oauth_signature*'
        $text | Should -Not -BeLike '*Authorization*'
    }

    It 'logs each HTTP call as method, URL, status, duration and attempt' {
        $verbose = Connect-CloudBlue -Uri $emulator.Uri -Credential $credential -Verbose 4>&1 |
            Where-Object { $_ -is [System.Management.Automation.VerboseRecord] } |
            ForEach-Object Message

        $verbose | Where-Object { $_ -match '^GET http://127\.0\.0\.1:\d+/aps -> 200 \(\d+ ms, attempt 1\)$' } | Should -HaveCount 1
        $verbose | Where-Object { $_ -like 'GET *aps/2/resources/?implementing(http://www.parallels.com/Office365/Office365app)* -> 200 (*' } | Should -HaveCount 1
    }

    It 'has a table view' {
        $table = Connect-CloudBlue -Uri $emulator.Uri -Credential $credential -PassThru | Format-Table | Out-String

        $table | Should -BeLike '*ConsumerKey*'
        $table | Should -BeLike "*$($emulator.ConsumerKey)*"
    }

    It 'fails with AuthenticationFailed for a wrong secret, naming the endpoint and key but not the secret' {
        $wrong = New-Object System.Management.Automation.PSCredential($emulator.ConsumerKey, (ConvertTo-SecureString 'wrong-secret-value' -AsPlainText -Force))

        $thrown = Get-ThrownError { Connect-CloudBlue -Uri $emulator.Uri -Credential $wrong }

        $thrown | Should -Not -BeNullOrEmpty
        $thrown.FullyQualifiedErrorId | Should -Be 'AuthenticationFailed,CloudBlueMca.Cmdlets.CloudBlue.ConnectCloudBlueCommand'
        $thrown.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $thrown.Exception.Message | Should -BeLike "*$($emulator.Uri.AbsoluteUri)*"
        $thrown.Exception.Message | Should -BeLike "*'$($emulator.ConsumerKey)'*"
        $thrown.Exception.Message | Should -Not -BeLike '*wrong-secret-value*'
    }

    It 'fails with AuthenticationFailed for an unknown key' {
        $unknown = New-Object System.Management.Automation.PSCredential('no-such-key', (ConvertTo-SecureString $emulator.ConsumerSecret -AsPlainText -Force))

        (Get-ThrownError { Connect-CloudBlue -Uri $emulator.Uri -Credential $unknown }).FullyQualifiedErrorId |
            Should -Be 'AuthenticationFailed,CloudBlueMca.Cmdlets.CloudBlue.ConnectCloudBlueCommand'
    }

    It 'refuses plain http to a host that is not loopback' {
        $thrown = Get-ThrownError { Connect-CloudBlue -Uri 'http://cb.example.com' -Credential $credential }

        $thrown.FullyQualifiedErrorId | Should -Be 'InsecureEndpoint,CloudBlueMca.Cmdlets.CloudBlue.ConnectCloudBlueCommand'
        $thrown.CategoryInfo.Category | Should -Be 'SecurityError'
    }

    It 'reports an endpoint that does not answer' {
        $port = Get-ClosedLoopbackPort

        $thrown = Get-ThrownError { Connect-CloudBlue -Uri "http://127.0.0.1:$port" -Credential $credential }

        $thrown.FullyQualifiedErrorId | Should -Be 'EndpointUnreachable,CloudBlueMca.Cmdlets.CloudBlue.ConnectCloudBlueCommand'
        $thrown.CategoryInfo.Category | Should -Be 'ConnectionError'
    }

    It 'assumes https:// when -Uri has no scheme' {
        $port = Get-ClosedLoopbackPort

        $thrown = Get-ThrownError { Connect-CloudBlue -Uri "127.0.0.1:$port" -Credential $credential }

        $thrown.FullyQualifiedErrorId | Should -Be 'EndpointUnreachable,CloudBlueMca.Cmdlets.CloudBlue.ConnectCloudBlueCommand'
        $thrown.Exception.Message | Should -BeLike "*https://127.0.0.1:$port/*"
    }

    It 'refuses <Case> with InvalidEndpoint before sending anything, never repeating a password' -ForEach @(
        @{ Case = 'an empty address'; Uri = ' ' }
        @{ Case = 'another scheme'; Uri = 'ftp://cb.example.com/' }
        @{ Case = 'user information'; Uri = 'https://admin:hunter2@cb.example.com/' }
        @{ Case = 'a query'; Uri = 'https://cb.example.com/?password=hunter2' }
    ) {
        $thrown = Get-ThrownError { Connect-CloudBlue -Uri $Uri -Credential $credential }

        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidEndpoint,*'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        $thrown.Exception.Message | Should -Not -BeLike '*hunter2*'
    }

    It 'refuses a credential without <Case> with InvalidCredential' -ForEach @(
        @{ Case = 'a consumer key'; UserName = ' '; Secret = 'x' }
        @{ Case = 'a consumer secret'; UserName = 'demo-key'; Secret = '' }
    ) {
        $password = New-Object System.Security.SecureString
        foreach ($character in $Secret.ToCharArray()) { $password.AppendChar($character) }
        $incomplete = New-Object System.Management.Automation.PSCredential($UserName, $password)
        Clear-TestEmulatorRequest -Emulator $emulator

        $thrown = Get-ThrownError { Connect-CloudBlue -Uri $emulator.Uri -Credential $incomplete }

        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidCredential,*'
        $thrown.CategoryInfo.Category | Should -Be 'InvalidArgument'
        @(Get-TestEmulatorRequest -Emulator $emulator) | Should -HaveCount 0
    }

    It 'refuses a -TenantTypeId that is not an APS type id with InvalidTypeId' {
        $thrown = Get-ThrownError { Connect-CloudBlue -Uri $emulator.Uri -Credential $credential -TenantTypeId 'Tenant 2.8' }

        $thrown.FullyQualifiedErrorId | Should -BeLike 'InvalidTypeId,*'
        $thrown.Exception.Message | Should -BeLike '*http://www.parallels.com/Office365/Tenant/2.8*'
    }

    It 'warns when the application instance cannot be looked up, and checkAccount then fails with ApplicationInstanceRequired' {
        Add-TestEmulatorFault -Emulator $emulator -Kind Status -StatusCode 500 -Method GET -QueryContains 'Office365app' -Count 1
        try {
            $warnings = Connect-CloudBlue -Uri $emulator.Uri -Credential $credential 3>&1
        }
        finally {
            Clear-TestEmulatorFault -Emulator $emulator
        }

        $warnings | Should -HaveCount 1
        $warnings[0] | Should -BeOfType ([System.Management.Automation.WarningRecord])
        $warnings[0].Message | Should -BeLike '*-ApplicationInstanceId*'
        Get-MsAccountInternalId example | Should -HaveCount 1 -Because 'look-ups need no application instance'

        $thrown = Get-ThrownError { Test-McaAcceptance -AccountId 1000011 -ErrorAction Stop }
        $thrown.FullyQualifiedErrorId | Should -BeLike 'ApplicationInstanceRequired,*'
        $thrown.Exception.Message | Should -BeLike '*Connect-CloudBlue*-ApplicationInstanceId*'
    }

    It 'rejects an application instance id that is not an APS ID' {
        (Get-ThrownError { Connect-CloudBlue -Uri $emulator.Uri -Credential $credential -ApplicationInstanceId 'x),eq(a,b' }).FullyQualifiedErrorId |
            Should -Be 'InvalidApplicationInstanceId,CloudBlueMca.Cmdlets.CloudBlue.ConnectCloudBlueCommand'
    }

    It 'keeps the default connection per runspace' {
        Connect-CloudBlue -Uri $emulator.Uri -Credential $credential

        # Another runspace starts without a connection, and its own connection (for a Tenant type
        # version the emulator does not have) does not replace this runspace's default.
        $other = (Invoke-InTestRunspace -ArgumentList $emulator.Uri.AbsoluteUri, $credential -Script {
            param($Uri, $Credential)
            try {
                Get-MsAccountInternalId example -ErrorAction Stop
            }
            catch {
                $_.FullyQualifiedErrorId
            }

            Connect-CloudBlue -Uri $Uri -Credential $Credential -TenantTypeId 'http://www.parallels.com/Office365/Tenant/2.9'
            (Test-McaAcceptance -AccountId 1000011).MsAccountId
        }).Output

        $other | Should -Be @('NotConnected,CloudBlueMca.Cmdlets.Mca.GetMsAccountInternalIdCommand', '0ec8e245-2509-44b9-a184-a313345db839')
        (Get-MsAccountInternalId example -ErrorAction Stop).MsAccountId | Should -Be '0ec8e245-2509-44b9-a184-a313345db839'
    }

    It 'declares its contract' {
        $command = Get-Command Connect-CloudBlue

        $command.OutputType.Name | Should -Contain 'CloudBlueMca.CloudBlueConnection'
        $command.Parameters['Uri'].Attributes.Where({ $_ -is [System.Management.Automation.ParameterAttribute] }).Position | Should -Be 0
        $command.Parameters['Credential'].ParameterType | Should -Be ([System.Management.Automation.PSCredential])
    }
}

Describe 'Disconnect-CloudBlue' {
    It 'clears the default connection and can be called again' {
        Connect-CloudBlue -Uri $emulator.Uri -Credential $credential

        { Disconnect-CloudBlue } | Should -Not -Throw
        { Disconnect-CloudBlue } | Should -Not -Throw
        (Get-ThrownError { Get-MsAccountInternalId example }).FullyQualifiedErrorId |
            Should -Be 'NotConnected,CloudBlueMca.Cmdlets.Mca.GetMsAccountInternalIdCommand'
    }

    It 'leaves a connection kept from another Connect-CloudBlue usable with -Connection' {
        $kept = Connect-CloudBlue -Uri $emulator.Uri -Credential $credential -PassThru
        Connect-CloudBlue -Uri $emulator.Uri -Credential $credential

        Disconnect-CloudBlue

        (Get-MsAccountInternalId example -Connection $kept).MsAccountId | Should -Be '0ec8e245-2509-44b9-a184-a313345db839'
    }

    It 'writes nothing' {
        Connect-CloudBlue -Uri $emulator.Uri -Credential $credential

        Disconnect-CloudBlue | Should -BeNullOrEmpty
    }
}
