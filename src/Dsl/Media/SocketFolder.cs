using System.Text.RegularExpressions;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// This process's private folder for the sockets it gives ffmpeg (<c>/tmp/sc-run-host-pid-id</c>): made on first use,
/// removed when the process exits, and, since a killed process cannot remove its own, removed by the next sc that makes
/// one when its process is gone (with the loose <c>/tmp/sc-PID-*.sock</c> files of earlier versions).
/// </summary>
internal static partial class SocketFolder
{
    private const string Prefix = "sc-run-";

    private static readonly Lock Gate = new();
    private static string? _path;

    /// <summary>The folder, made (and the stale ones of dead processes swept) on first use.</summary>
    public static string Path
    {
        get
        {
            lock (Gate)
            {
                if (_path is not null && Directory.Exists(_path))
                    return _path;
                var root = System.IO.Path.GetTempPath();
                Sweep(root);
                var path = System.IO.Path.Combine(root, Prefix + TemporaryOwner.NewTag());
                Directory.CreateDirectory(path);
                if (!OperatingSystem.IsWindows())
                    File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
                if (_path is null)
                    AppDomain.CurrentDomain.ProcessExit += (_, _) => RemoveOwn();
                return _path = path;
            }
        }
    }

    /// <summary>Removes the folders (and old loose sockets) in <paramref name="root"/> whose process is gone.</summary>
    internal static void Sweep(string root)
    {
        try
        {
            foreach (var folder in Directory.EnumerateDirectories(root, Prefix + "*"))
            {
                if (TemporaryOwner.IsStale(System.IO.Path.GetFileName(folder)[Prefix.Length..], Directory.GetLastWriteTimeUtc(folder)))
                    TemporaryOwner.Remove(folder);
            }
            foreach (var socket in Directory.EnumerateFiles(root, "sc-*.sock"))
            {
                if (LooseSocket().Match(System.IO.Path.GetFileName(socket)) is { Success: true } match && int.TryParse(match.Groups["pid"].ValueSpan, out var pid)
                    && pid != Environment.ProcessId && !IsRunning(pid))
                    TemporaryOwner.Remove(socket);
            }
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static void RemoveOwn()
    {
        lock (Gate)
        {
            if (_path is not null)
                TemporaryOwner.Remove(_path);
        }
    }

    private static bool IsRunning(int pid)
    {
        try
        {
            using var process = System.Diagnostics.Process.GetProcessById(pid);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    [GeneratedRegex(@"^sc-(?<pid>\d+)-[0-9a-f]{12}\.sock$")]
    private static partial Regex LooseSocket();
}
