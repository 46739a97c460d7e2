using System;
using System.Net;
using System.Runtime.InteropServices;

namespace CloudBlueMca.Engine.Http
{
    internal static class TransportSecurity
    {
        // SecurityProtocolType.Tls13 is not in the netstandard2.0 surface; .NET Framework 4.8 defines it with this value.
        private const int Tls13 = 12288;

        private static readonly object Gate = new object();
        private static bool _configured;

        /// <summary>
        /// Windows PowerShell 5.1 runs on .NET Framework, whose ServicePointManager may still offer
        /// only SSL3/TLS 1.0 when the host has no SchUseStrongCrypto registry setting (Azure
        /// Automation sandboxes and older servers). CloudBlue brand endpoints and Partner Center
        /// refuse those protocols, so connections would fail with an obscure "underlying connection
        /// was closed" error. TLS 1.2 (and 1.3 where the framework knows it) are added to whatever the
        /// process already allows; nothing is removed, so other modules in the session are unaffected.
        /// On .NET (PowerShell 7) the operating system chooses the protocol and nothing is changed.
        /// </summary>
        public static void EnableModernTlsOnNetFramework()
        {
            lock (Gate)
            {
                if (_configured)
                {
                    return;
                }

                _configured = true;
                if (!RuntimeInformation.FrameworkDescription.StartsWith(".NET Framework", StringComparison.OrdinalIgnoreCase))
                {
                    return;
                }

                var protocols = ServicePointManager.SecurityProtocol | SecurityProtocolType.Tls12;
                if (Enum.IsDefined(typeof(SecurityProtocolType), Tls13))
                {
                    protocols |= (SecurityProtocolType)Tls13;
                }

                ServicePointManager.SecurityProtocol = protocols;
            }
        }
    }
}
