using System;
using System.Net.Http;
using System.Threading;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>
    /// Turns MSAL's exceptions into the module's errors, one id per kind of fault: the credential
    /// was refused (AuthenticationFailed), the authority failed (AuthorityUnavailable), could not be
    /// reached (EndpointUnreachable) or did not answer in time (RequestTimedOut). Entra's AADSTS
    /// text is kept: it names the cause (wrong secret, unknown tenant, consent missing) and never
    /// contains a credential.
    /// </summary>
    internal static class MsalFailures
    {
        /// <summary>
        /// Runs one MSAL acquisition and turns its failures into the module's errors; the caller's
        /// cancellation passes through. <paramref name="authority"/> is the address actually called
        /// (<see cref="PcEndpoints.CalledAuthority"/>), named in every message.
        /// </summary>
        public static async Task<AuthenticationResult> AcquireAsync(Func<Task<AuthenticationResult>> acquire, string action, string authority, CancellationToken cancellation)
        {
            try
            {
                return await acquire().ConfigureAwait(false);
            }
            catch (OperationCanceledException ex) when (!cancellation.IsCancellationRequested)
            {
                throw TimedOut(action, authority, ex);
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
                        Sentences.Join($"{action} needs a new sign-in ({ui.ErrorCode}): {FirstLine(ui.Message)}", "Run Connect-PcService again."),
                        authority,
                        ui);
                case MsalServiceException service when service.InnerException is OperationCanceledException || service.ErrorCode == MsalError.RequestTimeout:
                    return TimedOut(action, authority, service);
                case MsalServiceException service when service.InnerException is HttpRequestException:
                case HttpRequestException _:
                    return new CloudBlueMcaException(
                        ErrorIds.EndpointUnreachable,
                        ErrorKind.ConnectionError,
                        Sentences.Join($"{action} failed: the authority {authority} could not be reached ({FirstLine((exception.InnerException ?? exception).GetBaseException().Message)})", "Check the network, -Authority and -Environment."),
                        authority,
                        exception);
                case MsalServiceException service when service.StatusCode >= 500 || service.ErrorCode == MsalError.ServiceNotAvailable:
                    // An outage is not a wrong credential: the admin should wait, not rotate secrets.
                    return new CloudBlueMcaException(
                        ErrorIds.AuthorityUnavailable,
                        ErrorKind.ResourceUnavailable,
                        Sentences.Join($"{action} failed: the authority {authority} answered HTTP {service.StatusCode} ({service.ErrorCode})", "The sign-in service failed, not the credential. Try again later; check the Azure status page if it persists."),
                        authority,
                        service);
                case MsalServiceException service:
                    return new CloudBlueMcaException(
                        ErrorIds.AuthenticationFailed,
                        ErrorKind.AuthenticationError,
                        Sentences.Join($"{action} failed at {authority} (HTTP {service.StatusCode}, {service.ErrorCode}): {FirstLine(service.Message)}"),
                        authority,
                        service);
                case MsalException msal:
                    return new CloudBlueMcaException(
                        ErrorIds.AuthenticationFailed,
                        ErrorKind.AuthenticationError,
                        Sentences.Join($"{action} failed at {authority} ({msal.ErrorCode}): {FirstLine(msal.Message)}"),
                        authority,
                        msal);
                default:
                    return exception;
            }
        }

        private static CloudBlueMcaException TimedOut(string action, string authority, Exception ex) =>
            new CloudBlueMcaException(
                ErrorIds.RequestTimedOut,
                ErrorKind.OperationTimeout,
                Sentences.Join($"{action} got no answer from the authority {authority} in time", "Check the network and -Authority, or give more time with -TimeoutSec."),
                authority,
                ex);

        private static string FirstLine(string message)
        {
            var end = message.IndexOfAny(new[] { '\r', '\n' });
            return end < 0 ? message : message.Substring(0, end);
        }
    }
}
