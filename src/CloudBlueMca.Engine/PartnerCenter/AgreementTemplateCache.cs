using System;
using System.Threading;
using System.Threading.Tasks;

namespace CloudBlueMca.Engine.PartnerCenter
{
    /// <summary>
    /// The MCA template id of one connection. Microsoft asks clients to read it from
    /// <c>GET /v1/agreements</c> rather than hard-code it (reference §5.1); it is read once per
    /// connection, and a failed read is not kept, so the next call tries again.
    /// </summary>
    internal sealed class AgreementTemplateCache
    {
        private readonly SemaphoreSlim _gate = new SemaphoreSlim(1, 1);
        private string? _templateId;

        public async Task<string> GetAsync(Func<Task<string>> read, CancellationToken cancellation)
        {
            var known = Volatile.Read(ref _templateId);
            if (known != null)
            {
                return known;
            }

            await _gate.WaitAsync(cancellation).ConfigureAwait(false);
            try
            {
                if (_templateId == null)
                {
                    Volatile.Write(ref _templateId, await read().ConfigureAwait(false));
                }

                return _templateId!;
            }
            finally
            {
                _gate.Release();
            }
        }
    }
}
