namespace CloudBlueMca.Engine
{
    public sealed class NullEngineLog : IEngineLog
    {
        public static readonly NullEngineLog Instance = new NullEngineLog();

        private NullEngineLog()
        {
        }

        public void Verbose(string message)
        {
        }

        public void Warning(string message)
        {
        }

        public void Progress(EngineProgress progress)
        {
        }
    }
}
