using System;
using System.Net.Http;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>
    /// Turns MSAL's exceptions into the module's errors. Entra's AADSTS text is kept: it names the
    /// cause (wrong secret, unknown tenant, consent missing) and never contains a credential.
    /// </summary>
    internal static class MsalFailures
    {
        /// <summary>Runs one MSAL acquisition and turns its failures into the module's errors; cancellation passes through.</summary>
        public static async Task<AuthenticationResult> AcquireAsync(Func<Task<AuthenticationResult>> acquire, string action, string authority)
        {
            try
            {
                return await acquire().ConfigureAwait(false);
            }
            catch (Exception ex) when (!(ex is OperationCanceledException) && !(ex is CloudBlueMcaException))
            {
                throw Translate(ex, action, authority);
            }
        }

        private static Exception Translate(Exception exception, string action, string authority)
        {
            switch (exception)
            {
                case MsalUiRequiredException ui:
                    return new CloudBlueMcaException(
                        ErrorIds.AuthenticationFailed,
                        ErrorKind.AuthenticationError,
                        $"{action} needs a new sign-in ({ui.ErrorCode}): {FirstLine(ui.Message)} Run Connect-PcService again.",
                        authority,
                        ui);
                case MsalServiceException service when service.InnerException is HttpRequestException:
                case HttpRequestException _:
                    return new CloudBlueMcaException(
                        ErrorIds.EndpointUnreachable,
                        ErrorKind.ConnectionError,
                        $"{action} failed: the authority {authority} could not be reached ({FirstLine(exception.Message)}). Check the network and -Authority/-Environment.",
                        authority,
                        exception);
                case MsalServiceException service:
                    return new CloudBlueMcaException(
                        ErrorIds.AuthenticationFailed,
                        ErrorKind.AuthenticationError,
                        $"{action} failed at {authority} (HTTP {service.StatusCode}, {service.ErrorCode}): {FirstLine(service.Message)}",
                        authority,
                        service);
                case MsalException msal:
                    return new CloudBlueMcaException(
                        ErrorIds.AuthenticationFailed,
                        ErrorKind.AuthenticationError,
                        $"{action} failed ({msal.ErrorCode}): {FirstLine(msal.Message)}",
                        authority,
                        msal);
                default:
                    return exception;
            }
        }

        private static string FirstLine(string message)
        {
            var end = message.IndexOfAny(new[] { '\r', '\n' });
            return end < 0 ? message : message.Substring(0, end);
        }
    }
}
