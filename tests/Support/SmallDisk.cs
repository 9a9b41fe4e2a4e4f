using System.Diagnostics;

namespace ScriptComposer.Tests.Support;

/// <summary>
/// A tiny tmpfs mounted on a folder, to run out of space on purpose, or mounted read-only (root ignores a folder's mode, not a
/// read-only disk). Needs root (CI runs the tests as root); where mount is not permitted the test skips, saying so.
/// <see cref="Dispose"/> unmounts it, whatever the test did.
/// </summary>
internal sealed class SmallDisk : IDisposable
{
    private SmallDisk(string path) => Path = path;

    /// <summary>The mounted folder.</summary>
    public string Path { get; }

    /// <summary>
    /// Mounts a tmpfs of <paramref name="size"/> (mount's syntax: "64k") on a new folder <paramref name="name"/> in
    /// <paramref name="folder"/>; a <paramref name="readOnly"/> one refuses every write, root's too.
    /// </summary>
    public static SmallDisk Mount(TempFolder folder, string name, string size, bool readOnly = false)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Mounts a tmpfs, which only Linux has.");
        var path = Directory.CreateDirectory(folder[name]).FullName;
        var (code, output) = Run("mount", "-t", "tmpfs", "-o", $"{(readOnly ? "ro," : "")}size={size},mode=0777", "tmpfs", path);
        Skip.If(code != 0, $"Cannot mount a small tmpfs (mount said: {output.Trim()}); run the tests as root to check a full or read-only disk.");
        return new SmallDisk(path);
    }

    public void Dispose()
    {
        for (var attempt = 0; attempt < 20; attempt++)
        {
            if (Run("umount", Path).Code == 0)
                return;
            // A process we started may still hold a file open on it for a moment.
            Thread.Sleep(250);
        }
        Run("umount", "--lazy", Path);
    }

    private static (int Code, string Output) Run(string tool, params string[] arguments)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        try
        {
            using var process = Process.Start(info)!;
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            process.WaitForExit();
            return (process.ExitCode, stdout + stderr.GetAwaiter().GetResult());
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (-1, e.Message);
        }
    }
}
