using System;
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
        private readonly ConditionalWeakTable<object, Slot> _slots = new ConditionalWeakTable<object, Slot>();
        private readonly Func<object?> _currentRunspace;

        public RunspaceConnections()
            : this(() => Runspace.DefaultRunspace)
        {
        }

        /// <summary>With a stand-in for the current runspace: tests have no PowerShell engine.</summary>
        internal RunspaceConnections(Func<object?> currentRunspace) => _currentRunspace = currentRunspace;

        public TConnection? Current
        {
            get
            {
                var runspace = _currentRunspace();
                return runspace != null && _slots.TryGetValue(runspace, out var slot) ? slot.Connection : null;
            }

            set
            {
                var runspace = _currentRunspace();
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
