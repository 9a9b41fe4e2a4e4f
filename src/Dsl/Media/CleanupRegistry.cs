using System.Diagnostics;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// What this process would leave behind if it ended now: the temporary outputs being written (files and folders, renamed
/// into place only when whole) and the ffmpeg processes running. Each is tracked while it lives; <see cref="CleanUp"/>
/// (run by <c>sc</c> when the process ends before its command did, as when script code calls <c>Environment.Exit</c>
/// through a library) kills and deletes what is still there.
/// </summary>
/// <remarks>
/// Code still running as the process ends (a script thread sc gave up waiting for) may go on to start an ffmpeg or make a
/// file after <see cref="CleanUp"/>: nothing would remove those, so from then on whatever is tracked is killed or deleted at
/// once, and its caller stopped with an <see cref="OperationCanceledException"/>. A <see cref="CleanupScope"/> does the same
/// for the part of it that one piece of work tracked, when that work is given up on and the process goes on.
/// </remarks>
public static class CleanupRegistry
{
    private static readonly object Gate = new();
    private static readonly HashSet<string> Paths = new(StringComparer.Ordinal);
    private static readonly HashSet<Process> Processes = [];
    private static bool _ending;

    public static void Track(string temporaryPath)
    {
        var scope = CleanupScope.Current;
        lock (Gate)
        {
            if (!_ending && scope is not { Ended: true })
            {
                Paths.Add(temporaryPath);
                scope?.Paths.Add(temporaryPath);
                return;
            }
        }
        TemporaryOwner.Remove(temporaryPath);
        throw Ending(scope);
    }

    public static void Forget(string temporaryPath)
    {
        lock (Gate) Paths.Remove(temporaryPath);
    }

    /// <summary>
    /// Starts a process and tracks it in one step: the end of this process (<see cref="CleanUp"/> on another thread) either
    /// kills it or keeps it from starting, so no child is left untracked between its start and its tracking.
    /// </summary>
    /// <returns>The process, or null when <see cref="Process.Start(ProcessStartInfo)"/> gave none.</returns>
    /// <exception cref="OperationCanceledException">The process is ending.</exception>
    public static Process? Start(ProcessStartInfo info)
    {
        var scope = CleanupScope.Current;
        lock (Gate)
        {
            if (_ending || scope is { Ended: true })
                throw Ending(scope);
            var process = Process.Start(info);
            if (process is not null)
            {
                Processes.Add(process);
                scope?.Processes.Add(process);
            }
            return process;
        }
    }

    public static void Forget(Process process)
    {
        lock (Gate) Processes.Remove(process);
    }

    /// <summary>
    /// Kills every tracked process and deletes every tracked path, as the process ends; returns how many of each there
    /// were, and the outputs it first waited for, however long, since they were being moved into place (<see cref="OutputCommit"/>):
    /// those are whole and in place. Whatever is tracked after it is killed or deleted at once, and no output is moved into place.
    /// </summary>
    public static (int Processes, int Paths, IReadOnlyList<string> Committed) CleanUp()
    {
        // A move into place stopped half-way would leave old and new pictures mixed, and its temporary folder is tracked here.
        var committed = OutputCommit.Close();
        Process[] processes;
        string[] paths;
        lock (Gate)
        {
            _ending = true;
            processes = [.. Processes];
            paths = [.. Paths];
            Processes.Clear();
            Paths.Clear();
        }
        foreach (var process in processes)
            Kill(process);
        foreach (var path in paths)
            TemporaryOwner.Remove(path);
        return (processes.Length, paths.Length, committed);
    }

    /// <summary>
    /// Kills the processes and deletes the paths tracked in <paramref name="scope"/> that are still tracked (those its work
    /// has not finished with); whatever is tracked in the scope after it is killed or deleted at once.
    /// </summary>
    internal static (int Processes, int Paths) CleanUpScope(CleanupScope scope)
    {
        Process[] processes;
        string[] paths;
        lock (Gate)
        {
            scope.Ended = true;
            processes = [.. scope.Processes.Where(Processes.Remove)];
            paths = [.. scope.Paths.Where(Paths.Remove)];
            scope.Processes.Clear();
            scope.Paths.Clear();
        }
        foreach (var process in processes)
            Kill(process);
        foreach (var path in paths)
            TemporaryOwner.Remove(path);
        return (processes.Length, paths.Length);
    }

    /// <summary>Kills <paramref name="process"/> and its children, and waits a moment for it to end; nothing when it has ended.</summary>
    internal static void Kill(Process process)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
                process.WaitForExit(2000);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception or NotSupportedException)
        {
            // Already gone.
        }
    }

    private static OperationCanceledException Ending(CleanupScope? scope) => _ending || scope is null
        ? new("sc is ending: no ffmpeg is started and no output is written any more.")
        : new("The work was given up on and cleaned up: it starts no ffmpeg and writes no output any more.");
}
