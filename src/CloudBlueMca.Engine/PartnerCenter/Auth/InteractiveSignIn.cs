using System;
using System.ComponentModel;
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

        /// <summary>
        /// MSAL's ways of saying "no browser here", as opposed to a failed or cancelled sign-in. On
        /// Windows MSAL starts the browser with Process.Start, whose failure (no default browser, as
        /// on Server Core) surfaces as a Win32Exception.
        /// </summary>
        internal static bool IsBrowserUnavailable(Exception exception) =>
            exception is PlatformNotSupportedException
            || exception is Win32Exception
            || (exception is MsalClientException client
                && (client.ErrorCode == MsalError.LinuxXdgOpen
                    || client.ErrorCode == MsalError.WebviewUnavailable
                    || client.ErrorCode == MsalError.PlatformNotSupported));

        public static bool CanOpenSystemBrowser(IPublicClientApplication application) =>
            application.IsSystemWebViewAvailable
            && HasVisibleDesktop(CurrentPlatform(), Environment.UserInteractive, Environment.GetEnvironmentVariable);

        /// <summary>
        /// Whether a browser MSAL starts would appear in front of the user running the command.
        /// Azure Automation (cloud sandbox and hybrid worker) sets AUTOMATION_ASSET_ACCOUNTID for
        /// every job and has no user session at all. Linux needs an X11 or Wayland display (over
        /// SSH with X forwarding that display is the user's own). Windows needs an interactive
        /// session (services are not). On Windows and macOS a command run over SSH would open the
        /// browser on the machine's console, out of the user's sight.
        /// </summary>
        internal static bool HasVisibleDesktop(HostPlatform platform, bool userInteractive, Func<string, string?> variable)
        {
            bool IsSet(string name) => !string.IsNullOrEmpty(variable(name));

            if (IsSet("AUTOMATION_ASSET_ACCOUNTID"))
            {
                return false;
            }

            var overSsh = IsSet("SSH_CONNECTION") || IsSet("SSH_TTY");
            switch (platform)
            {
                case HostPlatform.Windows:
                    return userInteractive && !overSsh;
                case HostPlatform.MacOS:
                    return !overSsh;
                default:
                    return IsSet("DISPLAY") || IsSet("WAYLAND_DISPLAY");
            }
        }

        private static HostPlatform CurrentPlatform() =>
            RuntimeInformation.IsOSPlatform(OSPlatform.Windows) ? HostPlatform.Windows
            : RuntimeInformation.IsOSPlatform(OSPlatform.OSX) ? HostPlatform.MacOS
            : HostPlatform.Unix;

        /// <summary>The desktop families that decide how a browser reaches the user.</summary>
        internal enum HostPlatform
        {
            Windows,
            MacOS,

            /// <summary>Linux and other Unix systems, whose browsers need an X11 or Wayland display.</summary>
            Unix,
        }
    }
}
