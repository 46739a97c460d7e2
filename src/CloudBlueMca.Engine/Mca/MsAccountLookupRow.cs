using CloudBlueMca.Engine.Bulk;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>One input of Get-MsAccountInternalId in a bulk run; settles with its <see cref="MsAccount"/> objects or its error.</summary>
    public sealed class MsAccountLookupRow : BulkRow
    {
        public MsAccountLookupRow(string input)
        {
            Input = input;
        }

        /// <summary>The subdomain as the input gave it.</summary>
        public string Input { get; }

        public override string Name => Input;

        public override object Target => Input;
    }
}
