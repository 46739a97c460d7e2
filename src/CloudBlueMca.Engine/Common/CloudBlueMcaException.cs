using System;

namespace CloudBlueMca.Engine
{
    /// <summary>
    /// Every failure the engine reports to the cmdlet layer: a stable <see cref="ErrorId"/>
    /// (part of the public contract, documented in about_CloudBlueMca), a category, and the
    /// input item it concerns. Messages say what happened and what to do next, and never carry
    /// a secret.
    /// </summary>
    public class CloudBlueMcaException : Exception
    {
        public CloudBlueMcaException(string errorId, ErrorKind kind, string message, object? target = null, Exception? innerException = null)
            : base(message, innerException)
        {
            ErrorId = errorId;
            Kind = kind;
            Target = target;
        }

        public string ErrorId { get; }

        public ErrorKind Kind { get; }

        public object? Target { get; }
    }
}
