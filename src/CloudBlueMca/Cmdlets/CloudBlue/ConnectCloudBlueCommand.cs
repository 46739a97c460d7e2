using System;
using System.Management.Automation;
using CloudBlueMca.Engine;
using CloudBlueMca.Engine.CloudBlue;
using CloudBlueMca.Infrastructure;

namespace CloudBlueMca.Cmdlets.CloudBlue
{
    /// <summary>
    /// Connects to a CloudBlue Commerce brand endpoint with an OAuth consumer key and secret and
    /// makes the connection the default of this runspace.
    /// </summary>
    [Cmdlet(VerbsCommunications.Connect, "CloudBlue")]
    [OutputType(typeof(CloudBlueConnection))]
    public sealed class ConnectCloudBlueCommand : CloudBlueMcaCmdlet
    {
        /// <summary>Brand endpoint, e.g. cb.example.com; https:// is assumed when no scheme is given.</summary>
        [Parameter(Mandatory = true, Position = 0)]
        [ValidateNotNullOrEmpty]
        public string Uri { get; set; } = string.Empty;

        /// <summary>User name = OAuth consumer key, password = consumer secret (APS Bus Access tab).</summary>
        [Parameter(Mandatory = true)]
        [Credential]
        [ValidateNotNull]
        public PSCredential Credential { get; set; } = PSCredential.Empty;

        /// <summary>APS ID of the Microsoft 365 application instance; discovered when omitted and unique.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string? ApplicationInstanceId { get; set; }

        /// <summary>APS type id of Tenant resources, which depends on the application version.</summary>
        [Parameter]
        [ValidateNotNullOrEmpty]
        public string TenantTypeId { get; set; } = CloudBlueConnectRequest.DefaultTenantTypeId;

        /// <summary>Accept any server certificate (lab endpoints with self-signed certificates only).</summary>
        [Parameter]
        public SwitchParameter SkipCertificateCheck { get; set; }

        /// <summary>Seconds one request may take (default 100; connecting waits at most 20 unless this is given). Kept on the connection.</summary>
        [Parameter]
        [ValidateRange(1, 3600)]
        public int TimeoutSec { get; set; }

        /// <summary>Also write the connection to the pipeline.</summary>
        [Parameter]
        public SwitchParameter PassThru { get; set; }

        protected override void EndProcessing()
        {
            // The secret is handed over as the SecureString PowerShell keeps it in; the engine reads
            // its plain text only once, to build the request signer.
            var request = new CloudBlueConnectRequest(Uri, Credential.UserName, Credential.Password)
            {
                ApplicationInstanceId = ApplicationInstanceId,
                TenantTypeId = TenantTypeId,
                SkipCertificateCheck = SkipCertificateCheck.IsPresent,
                Timeout = MyInvocation.BoundParameters.ContainsKey(nameof(TimeoutSec)) ? TimeSpan.FromSeconds(TimeoutSec) : (TimeSpan?)null,
            };

            CloudBlueConnection connection;
            try
            {
                connection = Run(ctx => CloudBlueConnector.ConnectAsync(request, ctx));
            }
            catch (CloudBlueMcaException ex)
            {
                ThrowEngineError(ex);
                return;
            }

            CloudBlueCmdlet.DefaultConnections.Current = connection;
            if (PassThru.IsPresent)
            {
                WriteObject(connection);
            }
        }
    }
}
