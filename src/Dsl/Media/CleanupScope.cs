using System.Diagnostics;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// The part of <see cref="CleanupRegistry"/> that one piece of work started (the ffmpeg processes and temporary outputs
/// tracked on its flow of execution while the scope is in use), so that work can be cleaned up alone when it is given up
/// on while the process goes on: a render from the <c>sc watch</c> page whose thread is blocked in the script's code, which
/// can neither be killed nor reach the code that would kill its ffmpeg and delete its partial output.
/// </summary>
public sealed class CleanupScope
{
    private static readonly AsyncLocal<CleanupScope?> Ambient = new();

    // Guarded by CleanupRegistry's lock: the registry adds to them as it tracks, and CleanUp takes them.
    internal readonly List<string> Paths = [];
    internal readonly List<Process> Processes = [];

    /// <summary>Whether <see cref="CleanUp"/> ran: whatever is tracked in the scope after it is killed or deleted at once.</summary>
    internal bool Ended { get; set; }

    /// <summary>The scope in use on this flow of execution, if any.</summary>
    internal static CleanupScope? Current => Ambient.Value;

    /// <summary>Makes <paramref name="scope"/> the one in use on this thread (and the tasks it starts) until disposed.</summary>
    public static IDisposable Use(CleanupScope scope)
    {
        ArgumentNullException.ThrowIfNull(scope);
        var previous = Ambient.Value;
        Ambient.Value = scope;
        return new Restore(previous);
    }

    /// <summary>
    /// Kills the scope's processes still running and deletes its temporary outputs still there; returns how many of each
    /// there were. Whatever the scope's work tracks after this is killed or deleted at once, and its caller stopped.
    /// </summary>
    public (int Processes, int Paths) CleanUp() => CleanupRegistry.CleanUpScope(this);

    private sealed class Restore(CleanupScope? previous) : IDisposable
    {
        public void Dispose() => Ambient.Value = previous;
    }
}
