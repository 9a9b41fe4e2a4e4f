using System.ComponentModel;
using System.Diagnostics;
using System.Text;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// One running ffmpeg with piped standard input and output. It keeps the tail of ffmpeg's stderr for error messages,
/// and <see cref="Dispose"/> kills it if it is still running, so no ffmpeg outlives the command that started it.
/// </summary>
public sealed class FfmpegProcess : IDisposable
{
    private const int StderrTailLines = 20;
    private readonly Process _process;
    private readonly Queue<string> _stderrTail = new();
    private readonly Task _stderrPump;

    private FfmpegProcess(Process process)
    {
        _process = process;
        _stderrPump = Task.Run(PumpStderr);
    }

    public static FfmpegProcess Start(IReadOnlyList<string> arguments, bool redirectInput, bool redirectOutput)
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
            var process = Process.Start(info) ?? throw new ScriptComposerException("ffmpeg could not be started.");
            if (redirectInput) PipeBuffer.TryEnlarge(process.StandardInput.BaseStream);
            if (redirectOutput) PipeBuffer.TryEnlarge(process.StandardOutput.BaseStream);
            return new FfmpegProcess(process);
        }
        catch (Win32Exception e)
        {
            throw new ScriptComposerException($"ffmpeg could not be started: {e.Message}. {FfmpegTools.InstallHint}", e);
        }
    }

    public int ProcessId => _process.Id;

    public Stream Input => _process.StandardInput.BaseStream;

    public Stream Output => _process.StandardOutput.BaseStream;

    public bool HasExited => _process.HasExited;

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
        _process.Dispose();
    }

    private async Task PumpStderr()
    {
        var reader = _process.StandardError;
        while (await reader.ReadLineAsync().ConfigureAwait(false) is { } line)
        {
            if (line.Length == 0) continue;
            lock (_stderrTail)
            {
                _stderrTail.Enqueue(line);
                while (_stderrTail.Count > StderrTailLines) _stderrTail.Dequeue();
            }
        }
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
