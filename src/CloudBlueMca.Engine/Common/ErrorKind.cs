namespace CloudBlueMca.Engine
{
    /// <summary>
    /// The engine's error categories. Each member has the name of a
    /// System.Management.Automation.ErrorCategory member, so the cmdlet layer maps them by name
    /// without the engine referencing PowerShell.
    /// </summary>
    public enum ErrorKind
    {
        NotSpecified,
        InvalidArgument,
        InvalidData,
        InvalidOperation,
        ObjectNotFound,
        ResourceExists,
        AuthenticationError,
        PermissionDenied,
        ConnectionError,
        ResourceUnavailable,
        OperationTimeout,
        OperationStopped,
        SecurityError,
        LimitsExceeded,
        ProtocolError,
        InvalidResult,
    }
}
