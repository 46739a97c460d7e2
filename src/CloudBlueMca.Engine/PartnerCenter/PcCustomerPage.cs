using System.Collections.Generic;

namespace CloudBlueMca.Engine.PartnerCenter
{
    /// <summary>One page of the customer list and the request that fetches the next one, if any.</summary>
    internal sealed class PcCustomerPage
    {
        public PcCustomerPage(IReadOnlyList<PcCustomer> items, PcNextLink? next)
        {
            Items = items;
            Next = next;
        }

        public IReadOnlyList<PcCustomer> Items { get; }

        public PcNextLink? Next { get; }
    }

    /// <summary>
    /// A collection's <c>links.next</c>: a relative URI and the headers to send with it
    /// (<c>MS-ContinuationToken</c> for seek-based collections such as customers).
    /// </summary>
    internal sealed class PcNextLink
    {
        public PcNextLink(string uri, IReadOnlyList<KeyValuePair<string, string>> headers)
        {
            Uri = uri;
            Headers = headers;
        }

        public string Uri { get; }

        public IReadOnlyList<KeyValuePair<string, string>> Headers { get; }
    }
}
