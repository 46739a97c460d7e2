namespace CloudBlueMca.Engine
{
    /// <summary>
    /// Where the engine reports what a user may want to see. Implementations must be thread-safe:
    /// the engine calls them from worker threads, and the cmdlet layer forwards them to the
    /// pipeline thread. Messages never contain secrets, signatures or tokens.
    /// </summary>
    public interface IEngineLog
    {
        void Verbose(string message);

        void Warning(string message);

        void Progress(EngineProgress progress);
    }
}
