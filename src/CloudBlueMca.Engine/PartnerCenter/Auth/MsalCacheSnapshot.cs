using System;
using System.Linq;
using System.Text.Json.Nodes;
using Microsoft.Identity.Client;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>
    /// The latest serialized state of one MSAL application's user token cache, kept in memory
    /// only. MSAL never hands out refresh tokens (MSAL.NET issues 690, 1234, 3418; reference
    /// §2.7), yet the secure application model needs the rotated one stored after every run
    /// (§2.4). So, as the archived PartnerCenter module did, the cache is serialized after each
    /// change (MSAL's "v3" JSON, the format shared by every MSAL) and the refresh token is read
    /// from its <c>RefreshToken</c> section.
    /// </summary>
    internal sealed class MsalCacheSnapshot
    {
        private readonly object _gate = new object();
        private byte[]? _latest;

        /// <summary>Follows the cache from now on; call before the first token request.</summary>
        public static MsalCacheSnapshot Follow(ITokenCache cache)
        {
            var snapshot = new MsalCacheSnapshot();
            snapshot.Attach(cache);
            return snapshot;
        }

        private void Attach(ITokenCache cache) =>
            cache.SetAfterAccess(args =>
            {
                if (args.HasStateChanged)
                {
                    var serialized = args.TokenCache.SerializeMsalV3();
                    lock (_gate)
                    {
                        _latest = serialized;
                    }
                }
            });

        /// <summary>
        /// The refresh token MSAL holds for this account and client, or null. When the client is
        /// in a family of client ids, MSAL may keep the token under the family instead; it is
        /// taken when no entry of the client itself exists.
        /// </summary>
        public string? RefreshTokenOf(IAccount account, string clientId)
        {
            byte[]? latest;
            lock (_gate)
            {
                latest = _latest;
            }

            return latest == null ? null : RefreshTokenIn(latest, account.HomeAccountId?.Identifier, clientId);
        }

        internal static string? RefreshTokenIn(byte[] serializedCache, string? homeAccountId, string clientId)
        {
            var section = PcJson.ParseObject(System.Text.Encoding.UTF8.GetString(serializedCache))?["RefreshToken"] as JsonObject;
            var entries = (section ?? new JsonObject())
                .Select(entry => entry.Value as JsonObject)
                .Where(entry => entry != null && string.Equals(PcJson.Text(entry["home_account_id"]), homeAccountId, StringComparison.OrdinalIgnoreCase))
                .ToList();
            var own = entries.FirstOrDefault(entry => string.Equals(PcJson.Text(entry!["client_id"]), clientId, StringComparison.OrdinalIgnoreCase));
            var family = entries.FirstOrDefault(entry => !string.IsNullOrEmpty(PcJson.Text(entry!["family_id"])));
            var secret = PcJson.Text((own ?? family)?["secret"]);
            return string.IsNullOrEmpty(secret) ? null : secret;
        }
    }
}
