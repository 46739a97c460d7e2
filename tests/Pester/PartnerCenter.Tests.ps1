#Requires -Modules @{ ModuleName = 'Pester'; ModuleVersion = '5.0' }
# Connect-PcService and Get-PcCustomer in real PowerShell against a started emulator: the
# emulator's token endpoint issues the tokens (client secret, or an access token fetched here the
# way another tool would), and its Partner Center API serves seed 002 and the two seeded tenants.

BeforeDiscovery {
    Import-Module (Join-Path (Split-Path -Parent (Split-Path -Parent $PSScriptRoot)) 'out/CloudBlueMca/CloudBlueMca.psd1') -Force
    $hasMca = [bool](Get-Command -Name Test-McaAcceptance -Module CloudBlueMca -ErrorAction SilentlyContinue)
}

BeforeAll {
    $root = Split-Path -Parent (Split-Path -Parent $PSScriptRoot)
    Import-Module (Join-Path $root 'out/CloudBlueMca/CloudBlueMca.psd1') -Force
    Import-Module (Join-Path $PSScriptRoot 'Emulator.psm1') -Force
    $script:emulator = Start-TestEmulator

    # The emulator's demo partner tenant and confidential app, as it printed them at start-up.
    $script:tenantId = $script:emulator.PartnerTenantId
    $script:appId = $script:emulator.PartnerApplicationId
    $script:appSecret = $script:emulator.PartnerAppSecret

    $script:seed002 = 'aaaabbbb-0000-cccc-1111-dddd2222eeee'
    $script:example = '3f8a1aff-6a93-4b2c-b734-93b66497af4c'
    $script:contoso = '9c2f8e4a-1b7d-4c3e-8f5a-6d0b2e4c7a19'

    function New-AppCredential([string] $Secret) {
        [pscredential]::new($script:appId, (ConvertTo-SecureString $Secret -AsPlainText -Force))
    }

    # An unsigned JWT with these claims: Connect-PcService reads a token's audience and expiry
    # before its first call (only Partner Center can check the signature).
    function New-TestJwt([hashtable] $Claims) {
        $encode = { param($Text) [Convert]::ToBase64String([Text.Encoding]::UTF8.GetBytes($Text)).TrimEnd('=').Replace('+', '-').Replace('/', '_') }
        '{0}.{1}.{2}' -f (& $encode '{"alg":"RS256","typ":"JWT"}'), (& $encode (ConvertTo-Json $Claims -Compress)), (& $encode 'signature')
    }

    function Connect-TestPartnerCenter {
        Connect-PcService -Credential $script:emulator.PartnerCredential -TenantId $script:tenantId -ApiUri $script:emulator.Uri -Authority $script:emulator.Uri -PassThru
    }
}

AfterAll {
    Disconnect-PcService
    Disconnect-CloudBlue
    if ($script:emulator) {
        Stop-TestEmulator $script:emulator
    }
}

Describe 'Connect-PcService' {
    It 'connects app-only with a client secret' {
        $connection = Connect-TestPartnerCenter

        $connection.IsAppOnly | Should -BeTrue
        $connection.AuthenticationKind | Should -Be 'ClientSecret'
        $connection.Environment | Should -Be 'AzureCloud'
        $connection.TenantId | Should -Be $script:tenantId
        $connection.ExpiresOn | Should -BeGreaterThan ([datetimeoffset]::UtcNow)
    }

    It 'connects with an access token obtained elsewhere' {
        $tokenUri = '{0}login.microsoftonline.com/{1}/oauth2/v2.0/token' -f $script:emulator.Uri.AbsoluteUri, $script:tenantId
        $body = @{
            grant_type    = 'client_credentials'
            client_id     = $script:appId
            client_secret = $script:appSecret
            scope         = 'https://api.partnercenter.microsoft.com/.default'
        }
        $token = (Invoke-RestMethod -Method Post -Uri $tokenUri -Body $body).access_token

        $connection = Connect-PcService -AccessToken (ConvertTo-SecureString $token -AsPlainText -Force) -ApiUri $script:emulator.Uri -PassThru

        $connection.AuthenticationKind | Should -Be 'AccessToken'
        $connection.IsAppOnly | Should -BeTrue
        (Get-PcCustomer -CustomerId $script:contoso).CompanyName | Should -Be 'Contoso Ltd'
    }

    It 'refuses a wrong secret with AuthenticationFailed and does not echo it' {
        $failure = { Connect-PcService -Credential (New-AppCredential 'not-the-secret') -TenantId $script:tenantId -ApiUri $script:emulator.Uri -Authority $script:emulator.Uri } |
            Should -Throw -ErrorId 'AuthenticationFailed*' -PassThru

        $failure.Exception.Message | Should -Match 'AADSTS7000215'
        $failure.Exception.Message | Should -Not -Match 'not-the-secret'
    }

    It 'refuses plain http to a host that is not loopback' {
        { Connect-PcService -Credential $script:emulator.PartnerCredential -TenantId $script:tenantId -ApiUri 'http://pc.example.com/' } |
            Should -Throw -ErrorId 'InsecureEndpoint*'
    }

    It 'refuses an access token for <Case> with InvalidAccessToken before any call' -ForEach @(
        @{ Case = 'Azure AD Graph'; Claims = @{ aud = 'https://graph.windows.net'; exp = [DateTimeOffset]::UtcNow.AddHours(1).ToUnixTimeSeconds() }; Expected = '*graph.windows.net*' }
        @{ Case = 'Partner Center that expired'; Claims = @{ aud = 'https://api.partnercenter.microsoft.com'; exp = [DateTimeOffset]::UtcNow.AddHours(-1).ToUnixTimeSeconds() }; Expected = '*expired*' }
    ) {
        Clear-TestEmulatorRequest -Emulator $script:emulator
        $token = ConvertTo-SecureString (New-TestJwt $Claims) -AsPlainText -Force

        $failure = { Connect-PcService -AccessToken $token -ApiUri $script:emulator.Uri } | Should -Throw -PassThru

        $failure.FullyQualifiedErrorId | Should -BeLike 'InvalidAccessToken,*'
        $failure.CategoryInfo.Category | Should -Be 'AuthenticationError'
        $failure.Exception.Message | Should -BeLike $Expected
        Get-TestEmulatorRequest -Emulator $script:emulator | Should -HaveCount 0
    }

    It 'reports a certificate thumbprint found in no store as CertificateNotFound' {
        $failure = { Connect-PcService -ApplicationId $script:appId -CertificateThumbprint ('AB' * 20) -TenantId $script:tenantId -ApiUri $script:emulator.Uri -Authority $script:emulator.Uri } |
            Should -Throw -PassThru

        $failure.FullyQualifiedErrorId | Should -BeLike 'CertificateNotFound,*'
        $failure.Exception.Message | Should -BeLike '*ABABABAB*Cert:\CurrentUser\My*'
    }

    It 'reports a -Certificate without its private key as CertificateNotFound' {
        $key = [System.Security.Cryptography.RSA]::Create(2048)
        $request = [System.Security.Cryptography.X509Certificates.CertificateRequest]::new('CN=CloudBlueMca test', $key, [System.Security.Cryptography.HashAlgorithmName]::SHA256, [System.Security.Cryptography.RSASignaturePadding]::Pkcs1)
        $withKey = $request.CreateSelfSigned([DateTimeOffset]::UtcNow.AddDays(-1), [DateTimeOffset]::UtcNow.AddDays(1))
        $publicOnly = [System.Security.Cryptography.X509Certificates.X509Certificate2]::new($withKey.Export([System.Security.Cryptography.X509Certificates.X509ContentType]::Cert))

        $failure = { Connect-PcService -ApplicationId $script:appId -Certificate $publicOnly -TenantId $script:tenantId -ApiUri $script:emulator.Uri -Authority $script:emulator.Uri } |
            Should -Throw -PassThru

        $failure.FullyQualifiedErrorId | Should -BeLike 'CertificateNotFound,*'
        $failure.Exception.Message | Should -BeLike '*private key*'
    }

    It 'writes no secret or token to the verbose stream' {
        $verbose = Connect-PcService -Credential $script:emulator.PartnerCredential -TenantId $script:tenantId -ApiUri $script:emulator.Uri -Authority $script:emulator.Uri -Verbose 4>&1 | Out-String
        $verbose += Get-PcCustomer -CustomerId $script:seed002 -Verbose 4>&1 | Out-String

        $verbose | Should -Match 'MS-CorrelationId'
        $verbose | Should -Not -Match ([regex]::Escape($script:appSecret))
        $verbose | Should -Not -Match 'eyJ'
    }
}

Describe 'Get-PcCustomer' {
    BeforeAll { Connect-TestPartnerCenter | Out-Null }

    It 'gets the seed 002 customer by id with its typed profiles' {
        $customer = Get-PcCustomer -CustomerId $script:seed002

        $customer.CompanyName | Should -Be '1kl as kjk'
        $customer.Domain | Should -Be 'abcdefgh1234.onmicrosoft.com'
        $customer.InitialSubdomain | Should -Be 'abcdefgh1234'
        $customer.Tags | Should -Be @('TestCustomer', 'USCustomer')
        $customer.CompanyProfile.Address.City | Should -Be 'redmond'
        $customer.BillingProfile.DefaultAddress.State | Should -Be 'WA'
    }

    It 'takes ids from the pipeline by value' {
        $customers = $script:example, $script:contoso | Get-PcCustomer

        $customers.InitialSubdomain | Should -Be @('example', 'contoso')
    }

    It 'binds MsTenantId by property name' {
        $customer = [pscustomobject]@{ MsTenantId = $script:example } | Get-PcCustomer

        $customer.Id | Should -Be ([guid]$script:example)
    }

    It 'lists every customer when no id is given' {
        $customers = Get-PcCustomer

        $customers | Should -HaveCount 3
        $customers.Id | Should -Contain ([guid]$script:seed002)
    }

    It 'writes CustomerNotFound for an unknown id and goes on with the next' {
        $customers = Get-PcCustomer -CustomerId '00000000-1111-2222-3333-444444444444', $script:example -ErrorVariable failures -ErrorAction SilentlyContinue

        $customers | Should -HaveCount 1
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'CustomerNotFound,*'
        $failures[0].CategoryInfo.Category | Should -Be 'ObjectNotFound'
        $failures[0].Exception.Message | Should -Match 'MS-CorrelationId'
    }

    It 'rejects a value that is not a GUID at parameter binding' {
        # Binding fails before BeginProcessing, so no connection is used and nothing is sent.
        { Get-PcCustomer -CustomerId 'not-a-guid' -ErrorAction Stop } |
            Should -Throw -ErrorId 'CannotConvertArgumentNoMessage*' -ExceptionType ([System.Management.Automation.ParameterBindingException])
    }

    It 'writes a binding error for a piped value that is not a GUID and goes on with the next' {
        $customers = 'not-a-guid', $script:example | Get-PcCustomer -ErrorVariable failures -ErrorAction SilentlyContinue

        $customers.Id | Should -Be ([guid]$script:example)
        $failures | Should -HaveCount 1
        $failures[0].Exception | Should -BeOfType ([System.Management.Automation.ParameterBindingException])
    }

    It 'feeds Get-MsAccountInternalId through InitialSubdomain' {
        (Get-PcCustomer -CustomerId $script:example).InitialSubdomain | Should -Be 'example'
    }

    It 'gets the customer of an account whose acceptance Test-McaAcceptance checked' -Skip:(-not $hasMca) {
        Connect-CloudBlue -Uri $script:emulator.Uri.AbsoluteUri -Credential $script:emulator.Credential

        $customer = Test-McaAcceptance -AccountId 1000011 | Get-PcCustomer

        $customer.Id | Should -Be ([guid]$script:example)
    }
}

Describe 'Partner Center error answers' {
    BeforeAll { Connect-TestPartnerCenter | Out-Null }
    AfterEach { Clear-TestEmulatorFault -Emulator $script:emulator }

    It 'a 403 is PartnerCenterAuthorizationFailed, naming the connection kind and the correlation id' {
        Add-TestEmulatorFault -Emulator $script:emulator -Kind Status -StatusCode 403 -Method GET -PathPrefix '/v1/customers'

        $null = Get-PcCustomer -CustomerId $script:example -ErrorVariable failures -ErrorAction SilentlyContinue

        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PartnerCenterAuthorizationFailed,*'
        $failures[0].CategoryInfo.Category | Should -Be 'PermissionDenied'
        $failures[0].Exception.Message | Should -BeLike '*app-only (ClientSecret)*'
        $failures[0].Exception.Message | Should -BeLike '*MS-CorrelationId*'
    }

    It 'a 500 is PartnerCenterRequestFailed, and the next id goes on' {
        Add-TestEmulatorFault -Emulator $script:emulator -Kind Status -StatusCode 500 -Method GET -PathPrefix "/v1/customers/$($script:example)"

        $customers = Get-PcCustomer -CustomerId $script:example, $script:contoso -ErrorVariable failures -ErrorAction SilentlyContinue

        $customers.InitialSubdomain | Should -Be 'contoso'
        $failures | Should -HaveCount 1
        $failures[0].FullyQualifiedErrorId | Should -BeLike 'PartnerCenterRequestFailed,*'
        $failures[0].Exception.Message | Should -BeLike '*HTTP 500*'
    }
}

Describe 'Disconnect-PcService' {
    It 'leaves Get-PcCustomer with a NotConnected error' {
        Connect-TestPartnerCenter | Out-Null
        Disconnect-PcService

        { Get-PcCustomer -CustomerId $script:example -ErrorAction Stop } | Should -Throw -ErrorId 'NotConnected*'
    }
}
