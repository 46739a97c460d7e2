using System;
using System.Linq;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>Finds an application certificate by thumbprint: CurrentUser\My first, then LocalMachine\My.</summary>
    internal static class CertificateLocator
    {
        private static readonly StoreLocation[] Locations = { StoreLocation.CurrentUser, StoreLocation.LocalMachine };

        public static X509Certificate2 Find(string thumbprint)
        {
            var normalized = new string(thumbprint.Where(c => !char.IsWhiteSpace(c) && c != ':').ToArray()).ToUpperInvariant();
            if (normalized.Length != 40 || !normalized.All(Uri.IsHexDigit))
            {
                throw new CloudBlueMcaException(
                    ErrorIds.InvalidCredential,
                    ErrorKind.InvalidArgument,
                    $"'{thumbprint}' is not a certificate thumbprint: expected 40 hexadecimal characters (SHA-1).",
                    thumbprint);
            }

            foreach (var location in Locations)
            {
                var found = FindIn(location, normalized);
                if (found != null)
                {
                    return RequirePrivateKey(found);
                }
            }

            throw new CloudBlueMcaException(
                ErrorIds.CertificateNotFound,
                ErrorKind.ObjectNotFound,
                $"No certificate with thumbprint {normalized} was found in Cert:\\CurrentUser\\My or Cert:\\LocalMachine\\My. Import the application's certificate with its private key, or pass it with -Certificate.",
                thumbprint);
        }

        public static X509Certificate2 RequirePrivateKey(X509Certificate2 certificate)
        {
            if (!certificate.HasPrivateKey)
            {
                throw new CloudBlueMcaException(
                    ErrorIds.CertificateNotFound,
                    ErrorKind.InvalidArgument,
                    $"The certificate {certificate.Thumbprint} ({certificate.Subject}) has no private key here, so it cannot sign in as the application. Import it with its private key (a .pfx).",
                    certificate.Thumbprint);
            }

            return certificate;
        }

        private static X509Certificate2? FindIn(StoreLocation location, string thumbprint)
        {
            try
            {
                using (var store = new X509Store(StoreName.My, location))
                {
                    store.Open(OpenFlags.ReadOnly | OpenFlags.OpenExistingOnly);
                    var matches = store.Certificates.Find(X509FindType.FindByThumbprint, thumbprint, validOnly: false);
                    return matches.Count > 0 ? matches[0] : null;
                }
            }
            catch (CryptographicException)
            {
                // The store does not exist here (for example LocalMachine\My on Linux): nothing to find in it.
                return null;
            }
        }
    }
}
