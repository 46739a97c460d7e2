namespace CloudBlueMca.Engine
{
    /// <summary>
    /// The stable error ids of the module. They are public contract: scripts match on them
    /// (`$_.FullyQualifiedErrorId -like 'MsAccountNotFound,*'`) and about_CloudBlueMca documents
    /// each one with what to do about it. Add, never rename.
    /// </summary>
    public static class ErrorIds
    {
        // Connections (both services)
        public const string NotConnected = "NotConnected";
        public const string AuthenticationFailed = "AuthenticationFailed";
        public const string EndpointUnreachable = "EndpointUnreachable";
        public const string InsecureEndpoint = "InsecureEndpoint";
        public const string InvalidEndpoint = "InvalidEndpoint";
        public const string ApplicationInstanceRequired = "ApplicationInstanceRequired";
        public const string InvalidCredential = "InvalidCredential";
        public const string InvalidApplicationInstanceId = "InvalidApplicationInstanceId";
        public const string InvalidTypeId = "InvalidTypeId";

        // APS REST API
        public const string ApsRequestFailed = "ApsRequestFailed";
        public const string ApsPermissionDenied = "ApsPermissionDenied";
        public const string RequestTimedOut = "RequestTimedOut";

        // MCA workflow
        public const string InvalidSubdomain = "InvalidSubdomain";
        public const string MsAccountNotFound = "MsAccountNotFound";
        public const string AmbiguousSubdomain = "AmbiguousSubdomain";
        public const string AccountNotFound = "AccountNotFound";
        public const string TenantNotFound = "TenantNotFound";
        public const string TenantResourceNotFound = "TenantResourceNotFound";
        public const string InvalidContact = "InvalidContact";
        public const string ContactAlreadyRecorded = "ContactAlreadyRecorded";
        public const string MsAccountOrSubdomainRequired = "MsAccountOrSubdomainRequired";
        public const string InvalidMsAccountId = "InvalidMsAccountId";

        // Partner Center
        public const string CustomerNotFound = "CustomerNotFound";
        public const string PartnerCenterAuthorizationFailed = "PartnerCenterAuthorizationFailed";
        public const string PartnerCenterRequestFailed = "PartnerCenterRequestFailed";
        public const string InvalidAccessToken = "InvalidAccessToken";
        public const string AuthorityUnavailable = "AuthorityUnavailable";
        public const string CertificateNotFound = "CertificateNotFound";
        public const string AppUserConnectionRequired = "AppUserConnectionRequired";
        public const string AgreementsNotAvailableInCloud = "AgreementsNotAvailableInCloud";
        public const string RefreshTokenUnavailable = "RefreshTokenUnavailable";

        // Bulk runs: raised by the cmdlet layer when the host cannot show a -Confirm prompt.
        public const string ConfirmationPromptFailed = "ConfirmationPromptFailed";

        // Loading (Windows PowerShell 5.1): raised by the cmdlet layer before the engine runs.
        public const string AssemblyConflict = "AssemblyConflict";
    }
}
