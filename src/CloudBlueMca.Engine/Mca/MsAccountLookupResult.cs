using System.Collections.Generic;

namespace CloudBlueMca.Engine.Mca
{
    /// <summary>The answer for one input of Get-MsAccountInternalId: its Microsoft accounts, or why there are none.</summary>
    public sealed class MsAccountLookupResult
    {
        internal MsAccountLookupResult(string input, IReadOnlyList<MsAccount> accounts, CloudBlueMcaException? error)
        {
            Input = input;
            Accounts = accounts;
            Error = error;
        }

        public string Input { get; }

        public IReadOnlyList<MsAccount> Accounts { get; }

        public CloudBlueMcaException? Error { get; }
    }
}
