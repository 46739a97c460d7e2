using System;
using System.Collections.Generic;
using System.Linq;

namespace CloudBlueMca.Engine.PartnerCenter
{
    /// <summary>
    /// A Partner Center cloud: its REST base URL, its Entra authority host and the API's
    /// resource, from which the app-only (<c>/.default</c>) and delegated
    /// (<c>/user_impersonation</c>) scopes derive (reference §1.1–1.2).
    /// </summary>
    public sealed class PcEnvironment
    {
        public const string AzureCloud = "AzureCloud";
        public const string AzureChinaCloud = "AzureChinaCloud";
        public const string AzureUSGovernment = "AzureUSGovernment";

        /// <summary>
        /// The three public clouds. Two values are open questions (reference §8.1–8.2) and come
        /// from the archived PartnerCenter module: the US Government authority host and audience,
        /// and the 21Vianet delegated scope. -Authority and -ApiUri override the endpoints when
        /// Microsoft documents different ones.
        /// </summary>
        public static readonly IReadOnlyList<PcEnvironment> All = new[]
        {
            new PcEnvironment(AzureCloud, "https://api.partnercenter.microsoft.com", "login.microsoftonline.com"),
            new PcEnvironment(AzureChinaCloud, "https://partner.partnercenterapi.microsoftonline.cn", "login.chinacloudapi.cn"),
            new PcEnvironment(AzureUSGovernment, "https://api.partnercenter.microsoft.com", "login.microsoftonline.us"),
        };

        /// <summary>Application id of the "Microsoft Partner Center" resource app; v2 tokens carry it as audience.</summary>
        internal const string PartnerCenterAppId = "fa3d9a0c-3fb0-42cc-9193-47c7ecd2edbd";

        private PcEnvironment(string name, string resource, string authorityHost)
        {
            Name = name;
            Resource = resource;
            ApiUri = new Uri(resource + "/");
            AuthorityHost = authorityHost;
        }

        public string Name { get; }

        /// <summary>Base of every REST call, e.g. <c>https://api.partnercenter.microsoft.com/</c>.</summary>
        public Uri ApiUri { get; }

        /// <summary>Entra host name, e.g. <c>login.microsoftonline.com</c>.</summary>
        public string AuthorityHost { get; }

        /// <summary>The API's application id URI, the audience of its tokens.</summary>
        public string Resource { get; }

        public string AppOnlyScope => Resource + "/.default";

        public string DelegatedScope => Resource + "/user_impersonation";

        public static PcEnvironment Get(string name) =>
            All.FirstOrDefault(e => string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase))
            ?? throw new CloudBlueMcaException(
                ErrorIds.InvalidEndpoint,
                ErrorKind.InvalidArgument,
                $"'{name}' is not a Partner Center environment. Use one of: {string.Join(", ", All.Select(e => e.Name))}.",
                name);

        public override string ToString() => Name;
    }
}
