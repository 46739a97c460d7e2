namespace CloudBlueMca.Engine.PartnerCenter
{
    /// <summary>What one Partner Center call is, for its verbose line and its error messages.</summary>
    internal sealed class PartnerCenterCall
    {
        public PartnerCenterCall(string description, string url, string credentials, string? notFoundId, string method = "GET")
        {
            Method = method;
            Description = description;
            Url = url;
            Credentials = credentials;
            NotFoundId = notFoundId;
        }

        /// <summary>GET or POST.</summary>
        public string Method { get; }

        /// <summary>What the call does, e.g. "get customer 3f8a…".</summary>
        public string Description { get; }

        /// <summary>The request URL with secrets removed.</summary>
        public string Url { get; }

        /// <summary>Which credential kinds the operation accepts, from its documentation.</summary>
        public string Credentials { get; }

        /// <summary>The id a 404 means is missing; null when a 404 is not about a missing item.</summary>
        public string? NotFoundId { get; }
    }
}
