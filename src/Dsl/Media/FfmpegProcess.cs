using System.ComponentModel;
using System.Diagnostics;
using System.Net.Sockets;
using System.Text;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// One running ffmpeg with piped standard input and output, or with its input or output on a Unix domain socket. It
/// keeps the tail of ffmpeg's stderr for error messages, and <see cref="Dispose"/> kills it if it is still running, so no
/// ffmpeg outlives the command that started it.
/// </summary>
public sealed class FfmpegProcess : IDisposable
{
    private const int StderrTailLines = 20;

    /// <summary>How long ffmpeg may take to connect to its socket before the connection counts as broken.</summary>
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(60);

    /// <summary>
    /// What ffmpeg prints when it could not write its output; ffmpeg 5.1 still exits with 0 after "Error writing trailer"
    /// (a full disk, say), so these, not the exit code, say whether the file is whole.
    /// </summary>
    private static readonly string[] WriteErrorMarkers =
    [
        "Error writing trailer", "Error closing file", "av_interleaved_write_frame()", "No space left on device", "Disk quota exceeded",
        "File too large", "Input/output error", "Could not open file", "Could not get frame filename",
    ];

    private static readonly AsyncLocal<bool> PipesOnly = new();

    private static int _socketCount;

    private readonly Process _process;
    private readonly Queue<string> _stderrTail = new();
    private readonly Task _stderrPump;
    private readonly (Socket Listener, string Path, bool IsOutput)? _socket;
    private readonly List<string> _writeErrors = [];
    private Stream? _socketStream;

    private FfmpegProcess(Process process, (Socket Listener, string Path, bool IsOutput)? socket = null)
    {
        _process = process;
        _socket = socket;
        _stderrPump = Task.Run(PumpStderr);
    }

    /// <summary>Whether this system can connect ffmpeg's input or output to a Unix domain socket (ffmpeg's <c>unix:</c> protocol).</summary>
    public static bool SocketsSupported => !OperatingSystem.IsWindows() && Socket.OSSupportsUnixDomainSockets;

    /// <summary>
    /// Starts ffmpeg with its input on a Unix domain socket instead of standard input: raw frames reach ffmpeg through a
    /// socket 1.7x (720p) to 2.1x (1080p) faster than through a 1 MiB pipe, for 40-45 % less CPU (<c>bench -- pipe</c>).
    /// <paramref name="arguments"/> receives the input URL to give ffmpeg (<c>pipe:0</c> where no socket can be had). The
    /// socket file lives in this process's <see cref="SocketFolder"/> until ffmpeg connects; <see cref="Input"/> waits for
    /// that connection (and holds back the first bytes, see <see cref="SocketInputStream"/>), and fails with an
    /// <see cref="IOException"/> if ffmpeg exits first.
    /// </summary>
    /// <remarks>
    /// With <paramref name="pipeStandardInput"/>, standard input is a pipe as well (<see cref="StandardInput"/>), for a
    /// second input such as the sound; where the frames must take standard input instead, <paramref name="arguments"/>
    /// receives <c>pipe:0</c> and the caller finds the second input another way.
    /// </remarks>
    public static FfmpegProcess StartWithSocketInput(Func<string, IReadOnlyList<string>> arguments, bool pipeStandardInput = false) =>
        StartWithSocket(arguments, isOutput: false, pipeStandardInput: pipeStandardInput);

    /// <summary>
    /// Starts ffmpeg writing its output to a Unix domain socket instead of standard output (<paramref name="arguments"/>
    /// receives the output URL, or <c>pipe:1</c>). <see cref="Output"/> waits for ffmpeg to connect; if ffmpeg exits
    /// first, it reads as an empty stream, as a pipe from an ffmpeg that wrote nothing would.
    /// </summary>
    public static FfmpegProcess StartWithSocketOutput(Func<string, IReadOnlyList<string>> arguments) => StartWithSocket(arguments, isOutput: true);

    /// <summary>
    /// The socket in <paramref name="folder"/> (this process's <see cref="SocketFolder"/> by default). Where there are no Unix sockets for
    /// ffmpeg (Windows) or one cannot be made (a folder path too long for a socket name), ffmpeg gets the pipe instead.
    /// </summary>
    internal static FfmpegProcess StartWithSocket(Func<string, IReadOnlyList<string>> arguments, bool isOutput, string? folder = null, bool pipeStandardInput = false)
    {
        if (!SocketsSupported || PipesOnly.Value)
            return Start(arguments(isOutput ? "pipe:1" : "pipe:0"), redirectInput: !isOutput, redirectOutput: isOutput);
        string path;
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            path = Path.Combine(folder ?? SocketFolder.Path, $"{Interlocked.Increment(ref _socketCount)}-{Guid.NewGuid().ToString("N")[..8]}.sock");
            listener.Bind(new UnixDomainSocketEndPoint(path));
            listener.Listen(1);
        }
        catch (Exception e) when (e is SocketException or ArgumentException or IOException or UnauthorizedAccessException)
        {
            listener.Dispose();
            return Start(arguments(isOutput ? "pipe:1" : "pipe:0"), redirectInput: !isOutput, redirectOutput: isOutput);
        }
        try
        {
            var process = StartProcess(arguments($"unix:{path}"), redirectInput: pipeStandardInput, redirectOutput: false);
            return new FfmpegProcess(process, (listener, path, isOutput));
        }
        catch
        {
            listener.Dispose();
            File.Delete(path);
            throw;
        }
    }

    public static FfmpegProcess Start(IReadOnlyList<string> arguments, bool redirectInput, bool redirectOutput) =>
        new(StartProcess(arguments, redirectInput, redirectOutput));

    /// <summary>Until disposed, ffmpeg processes started on this flow of execution get pipes, not sockets (to test the pipe).</summary>
    internal static IDisposable UsePipes()
    {
        var previous = PipesOnly.Value;
        PipesOnly.Value = true;
        return new Restore(() => PipesOnly.Value = previous);
    }

    private static Process StartProcess(IReadOnlyList<string> arguments, bool redirectInput, bool redirectOutput)
    {
        var info = new ProcessStartInfo(FfmpegTools.FfmpegPath)
        {
            RedirectStandardInput = redirectInput,
            RedirectStandardOutput = redirectOutput,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        try
        {
            var process = CleanupRegistry.Start(info) ?? throw new ScriptComposerException("ffmpeg could not be started.");
            if (redirectInput) PipeBuffer.TryEnlarge(process.StandardInput.BaseStream);
            if (redirectOutput) PipeBuffer.TryEnlarge(process.StandardOutput.BaseStream);
            return process;
        }
        catch (Win32Exception e)
        {
            throw new ScriptComposerException($"ffmpeg could not be started: {e.Message}. {FfmpegTools.InstallHint}", e);
        }
    }

    public int ProcessId => _process.Id;

    /// <summary>Where the socket's file is (or was) for a process started with a socket input or output.</summary>
    internal string? SocketPath => _socket?.Path;

    /// <summary>ffmpeg's input: its standard input, or the socket connection (waited for on first use).</summary>
    public Stream Input => _socket is { IsOutput: false } ? _socketStream ??= Connect() : _process.StandardInput.BaseStream;

    /// <summary>ffmpeg's standard input, where it was started with it piped.</summary>
    public Stream StandardInput => _process.StandardInput.BaseStream;

    /// <summary>ffmpeg's output: its standard output, or the socket connection (waited for on first use).</summary>
    public Stream Output => _socket is { IsOutput: true } ? _socketStream ??= Connect() : _process.StandardOutput.BaseStream;

    public bool HasExited => _process.HasExited;

    /// <summary>
    /// The lines of ffmpeg's stderr that say it failed to write its output (at most a few), complete once
    /// <see cref="WaitForExit"/> has returned; empty when it wrote everything.
    /// </summary>
    public IReadOnlyList<string> WriteErrors
    {
        get
        {
            _stderrPump.Wait(TimeSpan.FromSeconds(2));
            lock (_stderrTail) return [.. _writeErrors];
        }
    }

    /// <summary>The last lines ffmpeg wrote to stderr.</summary>
    public string StderrTail
    {
        get
        {
            _stderrPump.Wait(TimeSpan.FromSeconds(2));
            lock (_stderrTail) return string.Join('\n', _stderrTail);
        }
    }

    /// <summary>Waits for ffmpeg to exit and returns its exit code.</summary>
    public int WaitForExit()
    {
        _process.WaitForExit();
        _stderrPump.Wait(TimeSpan.FromSeconds(5));
        return _process.ExitCode;
    }

    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
            {
                _process.Kill(entireProcessTree: true);
                _process.WaitForExit(5000);
            }
        }
        catch (InvalidOperationException)
        {
            // Already gone.
        }
    }

    public void Dispose()
    {
        Kill();
        (_socketStream as SocketInputStream)?.Abandon();
        _socketStream?.Dispose();
        CloseListener();
        CleanupRegistry.Forget(_process);
        _process.Dispose();
    }

    private Stream Connect()
    {
        var (listener, _, isOutput) = _socket!.Value;
        using var cancel = new CancellationTokenSource();
        var accept = listener.AcceptAsync(cancel.Token).AsTask();
        try
        {
            Task.WaitAny([accept, _process.WaitForExitAsync(cancel.Token)], ConnectTimeout);
            if (!accept.IsCompleted)
            {
                // Ends at once: accepted after all, or cancelled.
                cancel.Cancel();
                try { accept.Wait(); } catch (AggregateException) { }
            }
            if (accept.IsCompletedSuccessfully)
                return Wrap(accept.Result, isOutput);
            // An ffmpeg that connected, wrote everything and exited can beat the accept: its connection still waits here.
            if (listener.Poll(0, SelectMode.SelectRead))
                return Wrap(listener.Accept(), isOutput);
            if (isOutput && _process.HasExited)
                return Stream.Null;
            var what = isOutput ? "output" : "input";
            throw new IOException(_process.HasExited
                ? $"ffmpeg exited with code {_process.ExitCode} before it connected to its {what}"
                : $"ffmpeg did not connect to its {what} within {ConnectTimeout.TotalSeconds:0} s");
        }
        finally
        {
            CloseListener();
        }
    }

    private static Stream Wrap(Socket connection, bool isOutput)
    {
        var stream = new NetworkStream(connection, ownsSocket: true);
        return isOutput ? stream : new SocketInputStream(stream);
    }

    /// <summary>Closes the listening socket and removes its file: once ffmpeg is connected (or gone) it is not needed.</summary>
    private void CloseListener()
    {
        if (_socket is not { } socket)
            return;
        socket.Listener.Dispose();
        try
        {
            File.Delete(socket.Path);
        }
        catch (IOException)
        {
            // Only a stale name in the temporary folder.
        }
    }

    private async Task PumpStderr()
    {
        var reader = _process.StandardError;
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0) continue;
            lock (_stderrTail)
            {
                if (_writeErrors.Count < 5 && WriteErrorMarkers.Any(m => line.Contains(m, StringComparison.Ordinal)))
                    _writeErrors.Add(line);
                _stderrTail.Enqueue(line);
                while (_stderrTail.Count > StderrTailLines) _stderrTail.Dequeue();
            }
        }
    }

    private sealed class Restore(Action restore) : IDisposable
    {
        public void Dispose() => restore();
    }

    /// <summary>Quotes arguments for display (the --verbose command line); never used to start a process.</summary>
    public static string FormatCommandLine(IEnumerable<string> arguments)
    {
        var sb = new StringBuilder("ffmpeg");
        foreach (var a in arguments)
            sb.Append(' ').Append(a.Length > 0 && a.All(c => char.IsLetterOrDigit(c) || "-_./:=,+@%".Contains(c)) ? a : $"'{a.Replace("'", "'\\''")}'");
        return sb.ToString();
    }
}
