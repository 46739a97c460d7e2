namespace CloudBlueMca.Infrastructure
{
    /// <summary>What the cmdlet base needs of a <see cref="BulkPipeline{TRow}"/> whatever its row type.</summary>
    internal interface IBulkPipeline
    {
        /// <summary>Called from the thread that runs StopProcessing.</summary>
        void OnStopRequested();

        /// <summary>Writes every row that is ready now, without waiting; on the pipeline thread.</summary>
        void WriteReady();

        void Dispose();
    }
}
