using System.ComponentModel;
using System.Diagnostics;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// The check <c>sc watch</c> writes at the top of every loop body of a script (see <see cref="LoopGuardRewriter"/>), so a
/// script that loops forever can be stopped: once the time limit of the thread running it has passed, the next loop
/// iteration throws <see cref="ScriptTimeoutException"/>. Threads without a limit are never stopped.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class LoopGuard
{
    [ThreadStatic] private static long t_deadline;
    [ThreadStatic] private static TimeSpan t_limit;
    [ThreadStatic] private static uint t_count;

    /// <summary>Called by guarded script code; cheap (a thread-static counter, the clock every 256 calls).</summary>
    public static void Check()
    {
        if (t_deadline == 0 || (++t_count & 0xFF) != 0)
            return;
        if (Stopwatch.GetTimestamp() > t_deadline)
            throw new ScriptTimeoutException(t_limit);
    }

    /// <summary>Limits the script code that runs on this thread until the returned scope is disposed.</summary>
    internal static Scope Limit(TimeSpan limit)
    {
        t_limit = limit;
        t_count = 0;
        t_deadline = Stopwatch.GetTimestamp() + (long)(limit.TotalSeconds * Stopwatch.Frequency);
        return default;
    }

    internal readonly struct Scope : IDisposable
    {
        public void Dispose() => t_deadline = 0;
    }
}
