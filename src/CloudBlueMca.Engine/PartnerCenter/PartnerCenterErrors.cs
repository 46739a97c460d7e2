using System;
using System.Net;

namespace CloudBlueMca.Engine.PartnerCenter
{
    /// <summary>
    /// Turns a Partner Center error answer into the module's error: a stable id, a category, and
    /// a message with the status, the service's code and text, the URL, the correlation and
    /// request ids, and what to do next.
    /// </summary>
    internal static class PartnerCenterErrors
    {
        public static PartnerCenterRequestException FromResponse(PartnerCenterCall call, HttpStatusCode status, PartnerCenterErrorBody body, Guid requestId, Guid correlationId, PcConnection connection)
        {
            var code = (int)status;
            var trace = $"(HTTP {code} {body}; {call.Method} {call.Url}; MS-CorrelationId {correlationId}, MS-RequestId {requestId})";
            string errorId;
            ErrorKind kind;
            string message;
            if (status == HttpStatusCode.NotFound && call.NotFoundId != null)
            {
                errorId = ErrorIds.CustomerNotFound;
                kind = ErrorKind.ObjectNotFound;
                message = $"Partner Center has no customer {call.NotFoundId} related to this partner {trace}. Check the id (the customer's Microsoft tenant id) and that the customer belongs to this partner tenant.";
            }
            else if (status == HttpStatusCode.Unauthorized || status == HttpStatusCode.Forbidden)
            {
                errorId = ErrorIds.PartnerCenterAuthorizationFailed;
                kind = status == HttpStatusCode.Unauthorized ? ErrorKind.AuthenticationError : ErrorKind.PermissionDenied;
                message = $"Partner Center refused {call.Description} {trace}. {call.Credentials} This connection is {Describe(connection)}. {Explain(body.Code)}";
            }
            else
            {
                errorId = ErrorIds.PartnerCenterRequestFailed;
                kind = KindOf(status);
                message = $"Partner Center could not {call.Description} {trace}. {Advice(status)}";
            }

            return new PartnerCenterRequestException(errorId, kind, message.TrimEnd(), call.NotFoundId ?? (object)call.Url, status, body.Code, correlationId, requestId);
        }

        private static string Describe(PcConnection connection) =>
            $"{(connection.IsAppOnly ? "app-only" : "app+user")} ({connection.AuthenticationKind})";

        /// <summary>What the documented codes mean (reference §2.2, §2.3, §6.3) and how to fix each.</summary>
        private static string Explain(string? code)
        {
            switch (code)
            {
                case "900420":
                    return "Code 900420 means the token is not valid for Partner Center: a wrong audience (tokens for Azure AD Graph, https://graph.windows.net, are no longer accepted), an expired token, or one from another cloud. Connect again with Connect-PcService, which requests the Partner Center scope.";
                case "900421":
                    return "Code 900421 means the app+user token was issued without multi-factor authentication. Sign in again with MFA (Connect-PcService interactively or with -UseDeviceAuthentication), or redo the secure application model consent with MFA to get a new refresh token.";
                case "900150":
                    return "Code 900150 means the signed-in user's Partner Center role lacks the rights for this operation. Use an account with the Admin agent role (or the role the operation requires).";
                case "800001":
                    return "Code 800001 means no partner token reached Partner Center. Connect again with Connect-PcService.";
                case "20002":
                    return "Code 20002 means this partner has no commerce relationship with the customer.";
                case "2032":
                case "400":
                    return "Access was denied: check that the application is registered in Partner Center (Account settings > App management) and consented in the partner tenant.";
                default:
                    return "Check that the application is registered in Partner Center (Account settings > App management), consented, and that the signed-in user has the Admin agent role.";
            }
        }

        private static ErrorKind KindOf(HttpStatusCode status)
        {
            var code = (int)status;
            if (code == 429)
            {
                return ErrorKind.LimitsExceeded;
            }

            if (code == 408 || code == 504)
            {
                return ErrorKind.OperationTimeout;
            }

            return code >= 500 ? ErrorKind.ResourceUnavailable : ErrorKind.InvalidOperation;
        }

        private static string Advice(HttpStatusCode status) =>
            (int)status == 429
                ? "Partner Center kept throttling after the retries (the Customer resource allows 500 requests per minute per tenant): wait and try again, with fewer requests in parallel."
                : (int)status >= 500
                    ? "The service failed; try again later."
                    : string.Empty;
    }
}
