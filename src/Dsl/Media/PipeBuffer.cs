using System.IO.Pipes;
using System.Runtime.InteropServices;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Enlarges a Linux pipe's kernel buffer (F_SETPIPE_SZ) so a whole video frame fits in fewer writes and ffmpeg and the
/// renderer block on each other less. Best effort: elsewhere, or when refused, the pipe keeps its size.
/// </summary>
internal static partial class PipeBuffer
{
    private const int SetPipeSize = 1031;

    /// <summary>The size asked for: 1 MiB, the default limit for unprivileged processes (/proc/sys/fs/pipe-max-size).</summary>
    public const int RequestedBytes = 1 << 20;

    public static int TryEnlarge(Stream stream, int bytes = RequestedBytes)
    {
        if (!OperatingSystem.IsLinux() || stream is not PipeStream pipe)
            return -1;
        try
        {
            var fd = (int)pipe.SafePipeHandle.DangerousGetHandle();
            return Fcntl(fd, SetPipeSize, bytes);
        }
        catch (Exception e) when (e is EntryPointNotFoundException or DllNotFoundException or ObjectDisposedException)
        {
            return -1;
        }
    }

    [LibraryImport("libc", EntryPoint = "fcntl", SetLastError = true)]
    private static partial int Fcntl(int fd, int command, int argument);
}
