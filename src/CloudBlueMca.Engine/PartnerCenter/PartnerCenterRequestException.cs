using System;
using System.Net;

namespace CloudBlueMca.Engine.PartnerCenter
{
    /// <summary>A Partner Center call that got an error answer, with what support needs to trace it.</summary>
    public sealed class PartnerCenterRequestException : CloudBlueMcaException
    {
        internal PartnerCenterRequestException(string errorId, ErrorKind kind, string message, object? target, HttpStatusCode statusCode, string? errorCode, Guid correlationId, Guid requestId)
            : base(errorId, kind, message, target)
        {
            StatusCode = statusCode;
            ErrorCode = errorCode;
            CorrelationId = correlationId;
            RequestId = requestId;
        }

        public HttpStatusCode StatusCode { get; }

        /// <summary>The service's own error code (e.g. 900420), when the body carried one.</summary>
        public string? ErrorCode { get; }

        public Guid CorrelationId { get; }

        public Guid RequestId { get; }
    }
}
