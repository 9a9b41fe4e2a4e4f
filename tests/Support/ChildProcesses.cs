using System.Globalization;

namespace ScriptComposer.Tests.Support;

/// <summary>One process as /proc shows it.</summary>
internal sealed record ProcessEntry(int Pid, int ParentPid, string Name, char State, string CommandLine)
{
    public override string ToString() => $"pid {Pid} ({Name}, state {State}, parent {ParentPid}): {CommandLine}";
}

/// <summary>
/// Finds ffmpeg and ffprobe processes left behind, by scanning <c>/proc</c>: children of this test process whose command
/// line mentions a test's own folder (so other tests' ffmpegs do not count), or any process whose environment carries
/// a marker variable we gave a child <c>sc</c> (ffmpeg inherits it, and keeps it after being orphaned).
/// </summary>
internal static class ChildProcesses
{
    public const string MarkerVariable = "SC_TEST_MARKER";

    private static readonly string[] Tools = ["ffmpeg", "ffprobe"];

    /// <summary>Running ffmpeg/ffprobe children of this process whose command line contains <paramref name="mentioning"/>.</summary>
    public static IReadOnlyList<ProcessEntry> FfmpegChildren(string mentioning) =>
        All().Where(p => p.ParentPid == Environment.ProcessId && Tools.Contains(p.Name) && p.State != 'Z'
                         && p.CommandLine.Contains(mentioning, StringComparison.Ordinal)).ToList();

    /// <summary>Running ffmpeg/ffprobe processes anywhere whose environment holds <c>SC_TEST_MARKER=<paramref name="marker"/></c>.</summary>
    public static IReadOnlyList<ProcessEntry> FfmpegWithMarker(string marker) =>
        All().Where(p => Tools.Contains(p.Name) && p.State != 'Z' && HasMarker(p.Pid, marker)).ToList();

    /// <summary>Running processes of any kind (sc workers too) whose environment holds <c>SC_TEST_MARKER=<paramref name="marker"/></c>, this test process aside.</summary>
    public static IReadOnlyList<ProcessEntry> AnyWithMarker(string marker) =>
        All().Where(p => p.Pid != Environment.ProcessId && p.State != 'Z' && HasMarker(p.Pid, marker)).ToList();

    /// <summary>Fails when any process started under <paramref name="marker"/> (a worker sc, an ffmpeg) is still running after a grace period.</summary>
    public static void AssertNoneWithMarker(string marker) =>
        AssertNoneRemain(() => AnyWithMarker(marker), $"processes started by the sc child (marker {marker})", Grace);

    /// <summary>How long a process found still running may take to exit before it counts as left behind: one killed ends in milliseconds.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromSeconds(10);

    /// <summary>Fails when an ffmpeg child mentioning <paramref name="mentioning"/> is still running after a grace period.</summary>
    public static void AssertNoFfmpegChild(string mentioning) =>
        AssertNoneRemain(() => FfmpegChildren(mentioning), $"ffmpeg child processes working on '{mentioning}'", Grace);

    /// <summary>Fails when an ffmpeg started under <paramref name="marker"/> is still running after <paramref name="grace"/> (by default a grace period).</summary>
    public static void AssertNoFfmpegWithMarker(string marker, TimeSpan? grace = null) =>
        AssertNoneRemain(() => FfmpegWithMarker(marker), $"ffmpeg processes started by the sc child (marker {marker})", grace ?? Grace);

    /// <summary>Waits for each process found to exit, up to <paramref name="grace"/> in all; kills what is left and fails, so one failure does not leak into other tests.</summary>
    private static void AssertNoneRemain(Func<IReadOnlyList<ProcessEntry>> find, string what, TimeSpan grace)
    {
        if (!OperatingSystem.IsLinux()) return;
        var deadline = DateTime.UtcNow + grace;
        foreach (var p in find())
        {
            try
            {
                using var process = System.Diagnostics.Process.GetProcessById(p.Pid);
                process.WaitForExit(Max(deadline - DateTime.UtcNow, TimeSpan.Zero));
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception)
            {
                // Already gone.
            }
        }
        var left = find();
        if (left.Count == 0) return;
        foreach (var p in left)
        {
            try { System.Diagnostics.Process.GetProcessById(p.Pid).Kill(); } catch (Exception e) when (e is ArgumentException or InvalidOperationException or System.ComponentModel.Win32Exception) { }
        }
        Assert.Fail($"{left.Count} {what} outlived the command (now killed by the test):\n  {string.Join("\n  ", left)}");
    }

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    /// <summary>Every process /proc lists (empty on systems without /proc).</summary>
    public static IReadOnlyList<ProcessEntry> All()
    {
        var list = new List<ProcessEntry>();
        if (!Directory.Exists("/proc")) return list;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid)) continue;
            try
            {
                // "pid (comm) state ppid ..."; comm may hold spaces and parentheses, so split at the last ')'.
                var stat = File.ReadAllText(Path.Combine(dir, "stat"));
                var open = stat.IndexOf('(');
                var close = stat.LastIndexOf(')');
                if (open < 0 || close < open) continue;
                var name = stat[(open + 1)..close];
                var rest = stat[(close + 2)..].Split(' ');
                var state = rest[0][0];
                var ppid = int.Parse(rest[1], CultureInfo.InvariantCulture);
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ').Trim();
                list.Add(new ProcessEntry(pid, ppid, name, state, cmdline));
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
            {
                // The process ended while we looked, or is not ours to read.
            }
        }
        return list;
    }

    private static bool HasMarker(int pid, string marker)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/environ").Split('\0').Contains($"{MarkerVariable}={marker}");
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }
}
