using System;
using System.Management.Automation;
using System.Security;
using System.Security.Cryptography.X509Certificates;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.PartnerCenter;
using CloudBlueMca.Infrastructure;

namespace CloudBlueMca.Cmdlets.PartnerCenter
{
    /// <summary>
    /// Signs in to Partner Center with one credential kind per parameter set and makes the
    /// connection the default of this runspace. Secrets are taken only as SecureString or
    /// PSCredential.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "PcService", DefaultParameterSetName = InteractiveSet)]
    [OutputType(typeof(PcConnection))]
    public sealed class ConnectPcServiceCommand : CloudBlueMcaCmdlet
    {
        internal const string InteractiveSet = "Interactive";
        internal const string DeviceCodeSet = "DeviceCode";
        internal const string ClientSecretSet = "ClientSecret";
        internal const string CertificateSet = "Certificate";
        internal const string CertificateThumbprintSet = "CertificateThumbprint";
        internal const string RefreshTokenSet = "RefreshToken";
        internal const string AccessTokenSet = "AccessToken";

        /// <summary>Sign in on another device with a code instead of a browser.</summary>
        [Parameter(Mandatory = true, ParameterSetName = DeviceCodeSet)]
        [Alias("DeviceCode", "DeviceAuth", "Device")]
        public SwitchParameter UseDeviceAuthentication { get; set; }

        /// <summary>User name = application (client) id, password = client secret. With -RefreshToken: the confidential app's secret.</summary>
        [Parameter(Mandatory = true, ParameterSetName = ClientSecretSet)]
        [Parameter(ParameterSetName = RefreshTokenSet)]
        [Credential]
        [ValidateNotNull]
        public PSCredential? Credential { get; set; }

        /// <summary>Entra application (client) id. Interactive and device code default to a public client (see about_CloudBlueMca).</summary>
        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
        [Parameter(Mandatory = true, ParameterSetName = RefreshTokenSet)]
        [ValidateNotNullOrEmpty]
        [Alias("ClientId", "AppId")]
        public string? ApplicationId { get; set; }

        /// <summary>
        /// The partner's tenant id or .onmicrosoft.com domain. Required by the client secret,
        /// certificate and refresh token sign-ins, which check it themselves (InvalidCredential):
        /// marked mandatory, PowerShell could not choose between the sets that take -Credential
        /// and would answer AmbiguousParameterSet, or prompt in a runbook.
        /// </summary>
        [Parameter(ParameterSetName = InteractiveSet)]
        [Parameter(ParameterSetName = DeviceCodeSet)]
        [Parameter(ParameterSetName = ClientSecretSet)]
        [Parameter(ParameterSetName = CertificateSet)]
        [Parameter(ParameterSetName = CertificateThumbprintSet)]
        [Parameter(ParameterSetName = RefreshTokenSet)]
        [Parameter(ParameterSetName = AccessTokenSet)]
        [ValidateNotNullOrEmpty]
        [Alias("Tenant")]
        public string? TenantId { get; set; }

        /// <summary>The application's certificate, with its private key.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CertificateSet)]
        [Parameter(ParameterSetName = RefreshTokenSet)]
        [ValidateNotNull]
        public X509Certificate2? Certificate { get; set; }

        /// <summary>Thumbprint of the application's certificate in Cert:\CurrentUser\My or Cert:\LocalMachine\My.</summary>
        [Parameter(Mandatory = true, ParameterSetName = CertificateThumbprintSet)]
        [Parameter(ParameterSetName = RefreshTokenSet)]
        [ValidateNotNullOrEmpty]
        public string? CertificateThumbprint { get; set; }

        /// <summary>Refresh token from the secure application model's consent step.</summary>
        [Parameter(Mandatory = true, ParameterSetName = RefreshTokenSet)]
        [ValidateNotNull]
        public SecureString? RefreshToken { get; set; }

        /// <summary>An access token for the Partner Center API, used as is until it expires.</summary>
        [Parameter(Mandatory = true, ParameterSetName = AccessTokenSet)]
        [ValidateNotNull]
        public SecureString? AccessToken { get; set; }

        /// <summary>The Partner Center cloud.</summary>
        [Parameter]
        [ValidateSet(PcEnvironment.AzureCloud, PcEnvironment.AzureChinaCloud, PcEnvironment.AzureUSGovernment)]
        public string Environment { get; set; } = PcEnvironment.AzureCloud;

        /// <summary>Overrides the environment's REST base URL (https; http only on loopback, e.g. the emulator).</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? ApiUri { get; set; }

        /// <summary>Overrides the environment's authority host (https://host; or http://127.0.0.1:port/[host] for the emulator).</summary>
        [Parameter]
        [ValidateNotNull]
        public Uri? Authority { get; set; }

        /// <summary>Seconds one request may take (default 100; connecting waits at most 20 unless this is given). Kept on the connection.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; }

        /// <summary>Also write the connection to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            var request = CreateRequest();
            PcConnection connection;
            try
            {
                connection = Run(ctx => PartnerCenterConnector.ConnectAsync(request, ctx));
            }
            catch (CloudBlueMcaException ex)
            {
                ThrowEngineError(ex);
                return;
            }

            PcCmdlet.DefaultConnections.Current = connection;

            if (PassThru.IsPresent)
            {
                WriteObject(connection);
            }
        }

        private PcConnectRequest CreateRequest()
        {
            var request = new PcConnectRequest
            {
                Kind = KindOf(ParameterSetName),
                Environment = Environment,
                ApiUri = ApiUri,
                Authority = Authority,
                TenantId = TenantId,
                ApplicationId = ApplicationId,
                Certificate = Certificate,
                CertificateThumbprint = CertificateThumbprint,
                RefreshToken = RefreshToken,
                AccessToken = AccessToken,
                Timeout = MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)) ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null,
            };
            if (Credential != null)
            {
                if (ApplicationId != null && !string.Equals(ApplicationId, Credential.UserName, StringComparison.OrdinalIgnoreCase))
                {
                    ThrowEngineError(
                        ErrorIds.InvalidCredential,
                        ErrorKind.InvalidArgument,
                        $"-ApplicationId '{ApplicationId}' and the user name of -Credential '{Credential.UserName}' name different applications; the credential must hold the secret of -ApplicationId.");
                }

                request.ApplicationId = Credential.UserName;
                request.ClientSecret = Credential.Password;
            }

            return request;
        }

        private static PcAuthenticationKind KindOf(string parameterSet)
        {
            switch (parameterSet)
            {
                case DeviceCodeSet:
                    return PcAuthenticationKind.DeviceCode;
                case ClientSecretSet:
                    return PcAuthenticationKind.ClientSecret;
                case CertificateSet:
                case CertificateThumbprintSet:
                    return PcAuthenticationKind.Certificate;
                case RefreshTokenSet:
                    return PcAuthenticationKind.RefreshToken;
                case AccessTokenSet:
                    return PcAuthenticationKind.AccessToken;
                default:
                    return PcAuthenticationKind.Interactive;
            }
        }
    }
}
