using System;

namespace CloudBlueMca.Engine.Aps
{
    /// <summary>
    /// The APS REST API answered with an error. Carries what the platform said, so scripts can
    /// branch on <see cref="StatusCode"/> or <see cref="ErrorClass"/> (e.g. APS::Util::AccessViolation).
    /// </summary>
    public sealed class ApsRequestException : CloudBlueMcaException
    {
        public ApsRequestException(string errorId, ErrorKind kind, string message, int statusCode, string? errorClass, string? serverMessage, string method, string requestUrl)
            : base(errorId, kind, message, requestUrl)
        {
            StatusCode = statusCode;
            ErrorClass = errorClass;
            ServerMessage = serverMessage;
            Method = method;
            RequestUrl = requestUrl;
        }

        public int StatusCode { get; }

        /// <summary>The APS error class (<c>error</c>) or the application's exception type (<c>type</c>), when the body had one.</summary>
        public string? ErrorClass { get; }

        /// <summary>The server's own text: the body's <c>message</c>, or the plain-text body.</summary>
        public string? ServerMessage { get; }

        public string Method { get; }

        /// <summary>The request URL with secret query values removed.</summary>
        public string RequestUrl { get; }
    }
}
