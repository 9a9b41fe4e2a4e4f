using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ScriptComposer.Gpu;

/// <summary>
/// Where sc keeps what it can make again but would rather not (compiled kernels and scripts, what ffprobe said about a file),
/// and how those files are read and written: a cache that cannot be read or written only makes sc slower, never wrong.
/// </summary>
public static class DiskCache
{
    private static volatile string? _root;

    /// <summary>
    /// The folder every kind of entry is kept under, or null when the disk caches are off (the default until the host sets
    /// it at start, from <c>SC_CACHE_DIR</c>, <c>XDG_CACHE_HOME</c> or <c>~/.cache</c>, and <c>SC_NO_CACHE</c>).
    /// </summary>
    public static string? Root
    {
        get => _root;
        set => _root = value;
    }

    /// <summary>The folder for one kind of entry under <see cref="Root"/>; null when the disk caches are off.</summary>
    public static string? Folder(string kind) => _root is { } root ? Path.Combine(root, kind) : null;

    /// <summary>An entry's name for <paramref name="identity"/> (everything the entry depends on): its SHA-256, 32 hex digits.</summary>
    public static string KeyOf(string identity) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(identity)))[..32];

    /// <summary>
    /// What tells one version of a file from another for a cache key: its full path, and the path, size and modification
    /// time of the file it reaches (through symbolic links: a link's own size and time stay the same when its target is
    /// edited or the link is pointed elsewhere).
    /// </summary>
    public static string VersionOf(FileInfo file)
    {
        var target = Followed(file);
        return string.Create(CultureInfo.InvariantCulture, $"{file.FullName}\n{target.FullName}\n{target.Length}\n{target.LastWriteTimeUtc.Ticks}");
    }

    /// <summary>The file <paramref name="file"/> reaches through symbolic links: itself when it is none, or when the link leads nowhere.</summary>
    public static FileInfo Followed(FileInfo file)
    {
        try
        {
            return file.LinkTarget is not null && file.ResolveLinkTarget(returnFinalTarget: true) is FileInfo { Exists: true } target ? target : file;
        }
        catch (IOException)
        {
            return file;
        }
        catch (UnauthorizedAccessException)
        {
            return file;
        }
    }

    /// <summary>The file's bytes, or null when it is missing or cannot be read.</summary>
    public static byte[]? TryRead(string file)
    {
        try
        {
            return File.Exists(file) ? File.ReadAllBytes(file) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The payload of an entry written by <see cref="WriteSealed"/> with the same <paramref name="format"/>, or null when
    /// the file is missing, unreadable, of another format or damaged (its checksum does not match): the caller then makes
    /// the entry again, so a bad entry never outlives one use.
    /// </summary>
    public static byte[]? TryReadSealed(string file, string format)
    {
        if (TryRead(file) is not { } bytes)
            return null;
        var header = Encoding.UTF8.GetBytes($"{format} ");
        var headerLength = header.Length + HashDigits + 1;
        if (bytes.Length < headerLength || !bytes.AsSpan(0, header.Length).SequenceEqual(header) || bytes[headerLength - 1] != (byte)'\n')
            return null;
        var payload = bytes.AsSpan(headerLength);
        var stored = Encoding.ASCII.GetString(bytes, header.Length, HashDigits);
        return stored == Convert.ToHexStringLower(SHA256.HashData(payload)) ? payload.ToArray() : null;
    }

    /// <summary>
    /// Writes <paramref name="payload"/> as an entry that <see cref="TryReadSealed"/> gives back only whole and unchanged:
    /// a first line of <paramref name="format"/> (its name and version) and the payload's SHA-256.
    /// </summary>
    public static void WriteSealed(string file, string format, ReadOnlySpan<byte> payload)
    {
        var header = Encoding.UTF8.GetBytes($"{format} {Convert.ToHexStringLower(SHA256.HashData(payload))}\n");
        var bytes = new byte[header.Length + payload.Length];
        header.CopyTo(bytes, 0);
        payload.CopyTo(bytes.AsSpan(header.Length));
        Write(file, bytes);
    }

    private const int HashDigits = 64;

    /// <summary>Writes to a temporary file and renames it, so a concurrent reader never sees half an entry.</summary>
    public static void Write(string file, ReadOnlySpan<byte> bytes)
    {
        string? temp = null;
        try
        {
            Directory.CreateDirectory(Path.GetDirectoryName(file)!);
            temp = $"{file}.{Environment.ProcessId}.{Guid.NewGuid():N}.tmp";
            using (var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write))
                stream.Write(bytes);
            File.Move(temp, file, overwrite: true);
            temp = null;
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
        finally
        {
            if (temp is not null)
                try { File.Delete(temp); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    /// <summary>
    /// Keeps a folder from growing without end: above <paramref name="most"/> entries, the least recently written (a hit
    /// rewrites its entry's time) are deleted down to three quarters of it.
    /// </summary>
    public static void Prune(string folder, int most)
    {
        try
        {
            var entries = new DirectoryInfo(folder).GetFiles();
            if (entries.Length <= most)
                return;
            foreach (var old in entries.OrderBy(e => e.LastWriteTimeUtc).Take(entries.Length - most * 3 / 4))
                old.Delete();
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Marks an entry as just used, for <see cref="Prune"/>.</summary>
    public static void Touch(string file)
    {
        try
        {
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
