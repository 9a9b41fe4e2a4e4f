using System.Diagnostics;
using System.Text.RegularExpressions;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Names temporary files, folders and sockets after the process that makes them (<c>host-pid-id</c>), so that a later sc
/// can tell one whose process is gone (killed mid-render) from one still being written, and remove only the first.
/// </summary>
internal static partial class TemporaryOwner
{
    /// <summary>Process start times are read with a coarse clock (whole seconds of boot time); this much is noise.</summary>
    private static readonly TimeSpan StartTimeSlack = TimeSpan.FromSeconds(2);

    private static readonly string Host = Sanitize(Environment.MachineName);

    /// <summary>"host-pid-xxxxxxxx": this process and a fresh id.</summary>
    public static string NewTag() => $"{Host}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..8]}";

    /// <summary>
    /// Whether <paramref name="tag"/> (from <see cref="NewTag"/>) names a process of this machine that is gone: none with
    /// its id runs, or the one that does started after <paramref name="lastWriteUtc"/> (the id was reused). A tag of
    /// another machine, of this process or of a form not made here is never stale.
    /// </summary>
    public static bool IsStale(string tag, DateTime lastWriteUtc)
    {
        var match = TagPattern().Match(tag);
        if (!match.Success || match.Groups["host"].Value != Host || !int.TryParse(match.Groups["pid"].ValueSpan, out var pid) || pid == Environment.ProcessId)
            return false;
        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited || process.StartTime.ToUniversalTime() > lastWriteUtc + StartTimeSlack;
        }
        catch (ArgumentException)
        {
            return true;
        }
        catch (InvalidOperationException)
        {
            return true;
        }
    }

    /// <summary>Deletes a stale file or folder; one that is already gone or cannot be removed is left to the next sweep.</summary>
    public static void Remove(string path)
    {
        try
        {
            if (Directory.Exists(path)) Directory.Delete(path, recursive: true);
            else File.Delete(path);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>The host name as it goes in a tag: no '-' (which separates the parts), and short, so a socket's path stays within its limit.</summary>
    private static string Sanitize(string name)
    {
        var clean = new string(name.Take(16).Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '_' ? c : '_').ToArray());
        return clean.Length > 0 ? clean : "host";
    }

    [GeneratedRegex(@"^(?<host>.+)-(?<pid>\d+)-(?<id>[0-9a-f]{8})$")]
    public static partial Regex TagPattern();
}
