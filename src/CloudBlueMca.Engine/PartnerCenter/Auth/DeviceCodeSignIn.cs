using System.Threading.Tasks;
using Microsoft.Identity.Client;

namespace CloudBlueMca.Engine.PartnerCenter.Auth
{
    /// <summary>
    /// Device-code sign-in. MSAL calls back on a worker thread with the message the user needs
    /// (URL and code); it goes to the log as a warning, which the cmdlet writes on the pipeline
    /// thread while MSAL keeps polling.
    /// </summary>
    internal static class DeviceCodeSignIn
    {
        public static Task<AuthenticationResult> SignInAsync(IPublicClientApplication application, string scope, OperationContext context) =>
            application.AcquireTokenWithDeviceCode(
                    new[] { scope },
                    code =>
                    {
                        context.Log.Warning(code.Message);
                        return Task.CompletedTask;
                    })
                .ExecuteAsync(context.Cancellation);
    }
}
