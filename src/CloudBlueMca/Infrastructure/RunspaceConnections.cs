using System.Management.Automation.Runspaces;
using System.Runtime.CompilerServices;

namespace CloudBlueMca.Infrastructure
{
    /// <summary>
    /// The default connection of each runspace. Azure Automation runs several jobs in one
    /// process and <c>ForEach-Object -Parallel</c> runs several runspaces, so a process-wide
    /// "current connection" would leak one job's credentials into another.
    /// </summary>
    internal sealed class RunspaceConnections<TConnection>
        where TConnection : class
    {
        private readonly ConditionalWeakTable<Runspace, Slot> _slots = new ConditionalWeakTable<Runspace, Slot>();

        public TConnection? Current
        {
            get
            {
                var runspace = Runspace.DefaultRunspace;
                return runspace != null && _slots.TryGetValue(runspace, out var slot) ? slot.Connection : null;
            }

            set
            {
                var runspace = Runspace.DefaultRunspace;
                if (runspace != null)
                {
                    _slots.GetValue(runspace, _ => new Slot()).Connection = value;
                }
            }
        }

        private sealed class Slot
        {
            public TConnection? Connection { get; set; }
        }
    }
}
