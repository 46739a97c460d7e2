namespace CloudBlueMca.Engine
{
    /// <summary>
    /// The NotConnected errors of both services, worded alike so an admin sees the same advice
    /// whichever side is missing or closed.
    /// </summary>
    public static class NotConnectedErrors
    {
        /// <summary>No CloudBlue connection was passed and this runspace has no default one.</summary>
        public static CloudBlueMcaException CloudBlueMissing() =>
            Missing("CloudBlue", "Connect-CloudBlue -Uri <brand endpoint> -Credential <consumer key and secret>");

        /// <summary>No Partner Center connection was passed and this runspace has no default one.</summary>
        public static CloudBlueMcaException PartnerCenterMissing() =>
            Missing("Partner Center", "Connect-PcService (as a user, which every cmdlet accepts: Connect-PcService -UseDeviceAuthentication -TenantId <partner tenant>; an app-only connection, -Credential $app, serves Get-PcCustomer but not the agreement cmdlets)");

        /// <summary>The CloudBlue connection to <paramref name="endpoint"/> was closed by Disconnect-CloudBlue.</summary>
        public static CloudBlueMcaException CloudBlueClosed(string endpoint) =>
            Closed("CloudBlue", endpoint, "Connect-CloudBlue", "Disconnect-CloudBlue");

        /// <summary>The Partner Center connection to <paramref name="endpoint"/> was closed by Disconnect-PcService.</summary>
        public static CloudBlueMcaException PartnerCenterClosed(string endpoint) =>
            Closed("Partner Center", endpoint, "Connect-PcService", "Disconnect-PcService");

        private static CloudBlueMcaException Missing(string service, string connectExample) =>
            new CloudBlueMcaException(
                ErrorIds.NotConnected,
                ErrorKind.InvalidOperation,
                $"Not connected to {service}. Run {connectExample} first, or pass -Connection (in ForEach-Object -Parallel, -Connection $using:connection).");

        private static CloudBlueMcaException Closed(string service, string endpoint, string connectCommand, string disconnectCommand) =>
            new CloudBlueMcaException(
                ErrorIds.NotConnected,
                ErrorKind.InvalidOperation,
                $"The {service} connection to {endpoint} was closed by {disconnectCommand}. Run {connectCommand} again, and pass the new connection if you use -Connection.",
                endpoint);
    }
}
