using System.Collections.Generic;

namespace CloudBlueMca.Infrastructure
{
    /// <summary>
    /// The bulk pumps running on this pipeline thread, outermost first. PowerShell runs every
    /// command of a pipeline on one thread, and a command's ProcessRecord runs inside the
    /// WriteObject of the command before it: in <c>Get-MsAccountInternalId | Test-McaAcceptance</c>,
    /// Test-McaAcceptance pumps inside a write of Get-MsAccountInternalId's pump. A command can
    /// write only while it runs, so a downstream pump that returned while the upstream one will
    /// only wait would leave its own finished rows unwritten until the upstream writes again.
    /// This list lets it see that and keep the thread.
    /// </summary>
    internal static class PipelinePumps
    {
        [System.ThreadStatic]
        private static List<IBulkPipeline>? _running;

        public static void Enter(IBulkPipeline pump) => (_running ??= new List<IBulkPipeline>()).Add(pump);

        public static void Leave(IBulkPipeline pump)
        {
            var index = _running?.LastIndexOf(pump) ?? -1;
            if (index >= 0)
            {
                _running!.RemoveAt(index);
            }
        }

        /// <summary>The pumps that <paramref name="pump"/> runs inside, innermost first.</summary>
        public static IReadOnlyList<IBulkPipeline> Around(IBulkPipeline pump)
        {
            var around = new List<IBulkPipeline>();
            var index = _running?.LastIndexOf(pump) ?? -1;
            for (var i = index - 1; i >= 0; i--)
            {
                around.Add(_running![i]);
            }

            return around;
        }
    }
}
