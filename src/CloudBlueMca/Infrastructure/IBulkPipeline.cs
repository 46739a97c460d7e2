using System;

namespace CloudBlueMca.Infrastructure
{
    /// <summary>What the cmdlet base needs of a <see cref="BulkPipeline{TRow}"/> whatever its row type.</summary>
    internal interface IBulkPipeline
    {
        /// <summary>Called from the thread that runs StopProcessing.</summary>
        void OnStopRequested();

        /// <summary>Writes every row that is ready now, without waiting; on the pipeline thread.</summary>
        void WriteReady();

        /// <summary>True when, given the pipeline thread back now, it would write or offer a row (its own or its follower's).</summary>
        bool HasStepReady { get; }

        /// <summary>
        /// Also calls <paramref name="wake"/> (null: nothing more) whenever this pipeline's run
        /// may have become ready, so that a pump running inside one of its writes can wait
        /// for both.
        /// </summary>
        void AlsoWake(Action? wake);

        void Dispose();
    }
}
