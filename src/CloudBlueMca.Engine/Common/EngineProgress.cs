namespace CloudBlueMca.Engine
{
    /// <summary>How far a long-running engine operation has got.</summary>
    public sealed class EngineProgress
    {
        public EngineProgress(string activity, string status, int completed, int? total)
        {
            Activity = activity;
            Status = status;
            Completed = completed;
            Total = total;
        }

        public string Activity { get; }

        public string Status { get; }

        public int Completed { get; }

        /// <summary>Null when the total is not known yet (for example while paging).</summary>
        public int? Total { get; }
    }
}
