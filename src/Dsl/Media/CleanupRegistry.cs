using System.Diagnostics;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// What this process would leave behind if it ended now: the temporary outputs being written (files and folders, renamed
/// into place only when whole) and the ffmpeg processes running. Each is tracked while it lives; <see cref="CleanUp"/>
/// (run by <c>sc</c> when the process ends before its command did, as when script code calls <c>Environment.Exit</c>
/// through a library) kills and deletes what is still there.
/// </summary>
public static class CleanupRegistry
{
    private static readonly object Gate = new();
    private static readonly HashSet<string> Paths = new(StringComparer.Ordinal);
    private static readonly HashSet<Process> Processes = [];

    public static void Track(string temporaryPath)
    {
        lock (Gate) Paths.Add(temporaryPath);
    }

    public static void Forget(string temporaryPath)
    {
        lock (Gate) Paths.Remove(temporaryPath);
    }

    public static void Track(Process process)
    {
        lock (Gate) Processes.Add(process);
    }

    public static void Forget(Process process)
    {
        lock (Gate) Processes.Remove(process);
    }

    /// <summary>Kills every tracked process and deletes every tracked path; returns how many of each there were.</summary>
    public static (int Processes, int Paths) CleanUp()
    {
        Process[] processes;
        string[] paths;
        lock (Gate)
        {
            processes = [.. Processes];
            paths = [.. Paths];
            Processes.Clear();
            Paths.Clear();
        }
        foreach (var process in processes)
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
        foreach (var path in paths)
        {
            try
            {
                if (Directory.Exists(path))
                    Directory.Delete(path, recursive: true);
                else
                    File.Delete(path);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // Nothing more can be done as the process ends.
            }
        }
        return (processes.Length, paths.Length);
    }
}
