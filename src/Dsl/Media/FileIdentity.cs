using System.Runtime.InteropServices;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Which file a path reaches, whatever links and folders lead to it: the device and inode (statx, following symbolic
/// links) and the real path (realpath). Two paths name the same file when their device and inode agree; where the
/// system cannot say (no statx), when their real paths do.
/// </summary>
internal sealed partial record FileIdentity(string RealPath, ulong Device, ulong Inode, bool HasInode)
{
    private const int AtCurrentFolder = -100;
    private const uint WantInode = 0x100;

    // struct statx has the same layout on every Linux architecture.
    private const int StatxSize = 256;
    private const int StatxMaskOffset = 0;
    private const int StatxInodeOffset = 32;
    private const int StatxDeviceMajorOffset = 136;
    private const int StatxDeviceMinorOffset = 140;

    private static bool _noStatx;
    private static bool _noRealPath;

    /// <summary>The identity of the file at <paramref name="path"/>, or null when nothing is there (or it cannot be reached).</summary>
    public static FileIdentity? Of(string path)
    {
        var full = Path.GetFullPath(path);
        if (!File.Exists(full) && !Directory.Exists(full))
            return null;
        var real = RealPathOf(full) ?? full;
        return Stat(full) is { } stat ? new FileIdentity(real, stat.Device, stat.Inode, true) : new FileIdentity(real, 0, 0, false);
    }

    /// <summary>
    /// Where writing <paramref name="path"/> would land, as a key two spellings of one place share: the real path of the
    /// nearest folder on the way that is there (through links and '..'), with the rest of the path after it. Outputs are
    /// written by renaming a new file into place, so a name, not the file a link or a hard link there reaches, is what two
    /// writers would fight over.
    /// </summary>
    public static string PlaceOf(string path)
    {
        var full = Path.GetFullPath(path);
        var rest = new Stack<string>([Path.GetFileName(full)]);
        var folder = Path.GetDirectoryName(full);
        while (folder is not null && !Directory.Exists(folder) && Path.GetDirectoryName(folder) is { } parent)
        {
            rest.Push(Path.GetFileName(folder));
            folder = parent;
        }
        return folder is null ? full : Path.Combine([RealPathOf(folder) ?? folder, .. rest]);
    }

    public bool SameFileAs(FileIdentity other) =>
        HasInode && other.HasInode ? Device == other.Device && Inode == other.Inode : string.Equals(RealPath, other.RealPath, StringComparison.Ordinal);

    /// <summary>The path with every symbolic link and every '.' and '..' resolved, or null where the system cannot tell.</summary>
    public static string? RealPathOf(string path)
    {
        if (!OperatingSystem.IsLinux() || _noRealPath)
            return null;
        try
        {
            var resolved = ResolvePath(path, 0);
            if (resolved == 0)
                return null;
            try
            {
                return Marshal.PtrToStringUTF8(resolved);
            }
            finally
            {
                Free(resolved);
            }
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _noRealPath = true;
            return null;
        }
    }

    private static unsafe (ulong Device, ulong Inode)? Stat(string path)
    {
        if (!OperatingSystem.IsLinux() || _noStatx)
            return null;
        var buffer = stackalloc byte[StatxSize];
        try
        {
            if (Statx(AtCurrentFolder, path, 0, WantInode, buffer) != 0 || (*(uint*)(buffer + StatxMaskOffset) & WantInode) == 0)
                return null;
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException)
        {
            _noStatx = true;
            return null;
        }
        var device = ((ulong)*(uint*)(buffer + StatxDeviceMajorOffset) << 32) | *(uint*)(buffer + StatxDeviceMinorOffset);
        return (device, *(ulong*)(buffer + StatxInodeOffset));
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8)]
    private static unsafe partial int Statx(int folder, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "realpath", StringMarshalling = StringMarshalling.Utf8)]
    private static partial nint ResolvePath(string path, nint resolved);

    [LibraryImport("libc", EntryPoint = "free")]
    private static partial void Free(nint pointer);
}
