using System;
using System.Runtime.InteropServices;
using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>
    /// Interactive sign-in through the system browser with a localhost redirect. Where no browser
    /// can be opened (no display, a service or runbook sandbox, MSAL reports the platform cannot
    /// open one) it signs in with a device code instead, so the same command works everywhere.
    /// </summary>
    internal sealed class InteractiveSignIn
    {
        private readonly Func<IPublicClientApplication, bool> _canOpenBrowser;

        /// <param name="canOpenBrowser">Whether a browser can be shown here; <see cref="CanOpenSystemBrowser"/> outside tests.</param>
        public InteractiveSignIn(Func<IPublicClientApplication, bool> canOpenBrowser)
        {
            _canOpenBrowser = canOpenBrowser;
        }

        public async Task<AuthenticationResult> SignInAsync(IPublicClientApplication application, string scope, OperationContext context)
        {
            if (!_canOpenBrowser(application))
            {
                context.Log.Warning("No browser can be opened in this session, so Connect-PcService signs in with a device code instead.");
                return await DeviceCodeSignIn.SignInAsync(application, scope, context).ConfigureAwait(false);
            }

            Exception failure;
            try
            {
                return await application.AcquireTokenInteractive(new[] { scope })
                    .WithUseEmbeddedWebView(false)
                    .WithPrompt(Prompt.SelectAccount)
                    .ExecuteAsync(context.Cancellation)
                    .ConfigureAwait(false);
            }
            catch (Exception ex) when (IsBrowserUnavailable(ex))
            {
                failure = ex;
            }

            context.Log.Warning($"The browser could not be opened ({failure.Message.Split('\n')[0].Trim()}), so Connect-PcService signs in with a device code instead.");
            return await DeviceCodeSignIn.SignInAsync(application, scope, context).ConfigureAwait(false);
        }

        /// <summary>MSAL's ways of saying "no browser here", as opposed to a failed or cancelled sign-in.</summary>
        internal static bool IsBrowserUnavailable(Exception exception) =>
            exception is PlatformNotSupportedException
            || (exception is MsalClientException client
                && (client.ErrorCode == MsalError.LinuxXdgOpen
                    || client.ErrorCode == MsalError.WebviewUnavailable
                    || client.ErrorCode == MsalError.PlatformNotSupported));

        /// <summary>
        /// A display and an interactive session: Linux needs X11 or Wayland, Windows an interactive
        /// user session (services and Azure Automation are not), and MSAL must support a system
        /// browser on this platform.
        /// </summary>
        public static bool CanOpenSystemBrowser(IPublicClientApplication application)
        {
            if (!application.IsSystemWebViewAvailable)
            {
                return false;
            }

            if (RuntimeInformation.IsOSPlatform(OSPlatform.Linux))
            {
                return !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DISPLAY"))
                    || !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("WAYLAND_DISPLAY"));
            }

            return !RuntimeInformation.IsOSPlatform(OSPlatform.Windows) || Environment.UserInteractive;
        }
    }
}
