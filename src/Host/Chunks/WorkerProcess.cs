using System.Diagnostics;
using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Host.Chunks;

/// <summary>
/// One <c>sc</c> child process started with <c>--worker</c>: its progress lines are counted as they come, the tail of its
/// stderr kept for the error message, and its standard input held open, so closing it (<see cref="Stop"/>), or this process
/// ending however it ends, tells the worker to stop and clean up.
/// </summary>
internal sealed class WorkerProcess : IDisposable
{
    private const int TailLines = 30;

    private readonly Process _process;
    private readonly Queue<string> _stderr = new();
    private readonly List<string> _stdout = [];
    private readonly Task _pumps;
    private long _done;
    private long _total;

    private WorkerProcess(Process process, string name)
    {
        _process = process;
        Name = name;
        _pumps = Task.WhenAll(Task.Run(PumpStdout), Task.Run(PumpStderr));
    }

    /// <summary>What the worker does, for messages ("chunk 2/4", "row 3").</summary>
    public string Name { get; }

    /// <summary>Frames done, as the worker last said.</summary>
    public long Done => Interlocked.Read(ref _done);

    /// <summary>Frames in all, as the worker last said (0 before it says).</summary>
    public long Total => Interlocked.Read(ref _total);

    public bool HasExited => _process.HasExited;

    public int ExitCode => _process.ExitCode;

    public static WorkerProcess Start(string name, IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var command = ScLauncher.Command();
        var info = new ProcessStartInfo(command[0])
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in command.Skip(1).Concat(arguments)) info.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>()) info.Environment[key] = value;
        var process = CleanupRegistry.Start(info) ?? throw new Dsl.ScriptComposerException($"sc could not start a worker process for {name} ({command[0]}).");
        return new WorkerProcess(process, name);
    }

    /// <summary>Asks the worker to stop: it cancels its render and removes what it was writing, as on Ctrl+C.</summary>
    public void Stop()
    {
        try
        {
            _process.StandardInput.Close();
        }
        catch (Exception e) when (e is IOException or InvalidOperationException)
        {
        }
    }

    /// <summary>Ends the worker and everything it started, at once.</summary>
    public void Kill()
    {
        try
        {
            if (!_process.HasExited)
                _process.Kill(entireProcessTree: true);
        }
        catch (Exception e) when (e is InvalidOperationException or System.ComponentModel.Win32Exception)
        {
        }
    }

    /// <summary>Waits up to <paramref name="timeout"/> for the worker to end and its output to be read.</summary>
    public bool WaitForExit(TimeSpan timeout) => _process.WaitForExit(timeout) && _pumps.Wait(timeout);

    /// <summary>The last lines the worker wrote to stderr.</summary>
    public string StderrTail
    {
        get
        {
            lock (_stderr) return string.Join('\n', _stderr).Trim();
        }
    }

    /// <summary>What the worker wrote to stdout besides progress lines.</summary>
    public IReadOnlyList<string> Output
    {
        get
        {
            lock (_stdout) return [.. _stdout];
        }
    }

    private void PumpStdout()
    {
        while (_process.StandardOutput.ReadLine() is { } line)
        {
            if (ProgressLine.Parse(line) is { } progress)
            {
                Interlocked.Exchange(ref _total, progress.Total);
                Interlocked.Exchange(ref _done, progress.Done);
            }
            else
                lock (_stdout) _stdout.Add(line);
        }
    }

    private void PumpStderr()
    {
        while (_process.StandardError.ReadLine() is { } line)
        {
            lock (_stderr)
            {
                _stderr.Enqueue(line);
                if (_stderr.Count > TailLines) _stderr.Dequeue();
            }
        }
    }

    public void Dispose()
    {
        Kill();
        CleanupRegistry.Forget(_process);
        _process.Dispose();
    }
}
