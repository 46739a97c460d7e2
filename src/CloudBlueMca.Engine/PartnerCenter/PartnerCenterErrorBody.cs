using System.Text.Json;
using System.Text.Json.Nodes;

namespace CloudBlueMca.Engine.PartnerCenter
{
    /// <summary>
    /// The code and text of a Partner Center error answer, whichever of its three shapes it has
    /// (reference §6.1): the classic ApiFault <c>{code, description, data, source}</c>, the
    /// commerce shape <c>{code, message, description, errorName, …}</c> and the gateway shape
    /// <c>{statusCode, message}</c>. Anything else is kept as raw text.
    /// </summary>
    internal sealed class PartnerCenterErrorBody
    {
        private const int MaxRawLength = 500;

        private PartnerCenterErrorBody(string? code, string? name, string text)
        {
            Code = code;
            Name = name;
            Text = text;
        }

        /// <summary>e.g. <c>900420</c>; null for the gateway shape and raw bodies.</summary>
        public string? Code { get; }

        /// <summary>The commerce shape's <c>errorName</c>, e.g. <c>PartnerConfirmedAgreementAlreadyExists</c>.</summary>
        public string? Name { get; }

        public string Text { get; }

        public static PartnerCenterErrorBody Parse(string body)
        {
            var json = PcJson.ParseObject(body);
            if (json == null)
            {
                return new PartnerCenterErrorBody(null, null, Raw(body));
            }

            // The code is a string in the docs and a number in real answers; both are read as text.
            var code = PcJson.Text(json["code"]);
            var text = PcJson.Text(json["description"]) ?? PcJson.Text(json["message"]);
            var message = PcJson.Text(json["message"]);
            if (text != null && message != null && message != text)
            {
                text = message + " " + text;
            }

            return new PartnerCenterErrorBody(code, PcJson.Text(json["errorName"]), text ?? Raw(body));
        }

        public override string ToString() =>
            (Code == null ? string.Empty : "code " + Code + (Name == null ? string.Empty : " " + Name) + ": ") + Text;

        private static string Raw(string body)
        {
            var trimmed = body.Trim();
            if (trimmed.Length == 0)
            {
                return "(empty body)";
            }

            return trimmed.Length <= MaxRawLength ? trimmed : trimmed.Substring(0, MaxRawLength) + "…";
        }
    }
}
