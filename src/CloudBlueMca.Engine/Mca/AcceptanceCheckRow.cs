using System.Globalization;
using CloudBlueMca.Engine.Bulk;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>One input of Test-McaAcceptance in a bulk run; settles with its <see cref="McaAcceptanceStatus"/> objects or its error.</summary>
    public sealed class AcceptanceCheckRow : BulkRow
    {
        public AcceptanceCheckRow(AcceptanceCheckRequest request)
        {
            Request = request;
        }

        public AcceptanceCheckRequest Request { get; }

        public override string Name => Request.AccountId.ToString(CultureInfo.InvariantCulture);

        /// <summary>The customer account id, as the input gave it.</summary>
        public override object Target => Request.AccountId;
    }
}
