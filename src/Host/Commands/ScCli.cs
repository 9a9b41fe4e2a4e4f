using System.CommandLine;
using System.CommandLine.Invocation;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;
using ScriptComposer.Host.Configuration;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Commands;

/// <summary>
/// The <c>sc</c> command line. Every command returns 0 on success and 1 on bad input, after printing one clear
/// message on the error writer (with the stack trace only under <c>--verbose</c>).
/// </summary>
public static class ScCli
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr)
    {
        ScOptions options;
        try
        {
            options = ScOptions.FromEnvironment();
        }
        catch (ScriptComposerException e)
        {
            stderr.WriteLine($"error: {e.Message}");
            return 1;
        }
        options.Apply();
        var root = new RootCommand("ScriptComposer: C# scripts to video, composited on the GPU (CUDA) or the CPU.");
        var host = new ScriptHost();
        root.Add(RenderCommand.Create(host, stdout, stderr));
        root.Add(FrameCommand.Create(host, stdout, stderr));
        root.Add(CheckCommand.Create(host, stdout, stderr));
        root.Add(JoinCommand.Create(host, stdout, stderr));
        root.Add(WatchCommand.Create(options, stdout, stderr));
        root.Add(InitCommand.Create(stdout, stderr));
        root.Add(BenchCommand.Create(host, stdout, stderr));
        root.Add(CreateDoctor(options, stdout, stderr));
        // Ctrl+C and SIGTERM are handled by TerminationSignals below, not by System.CommandLine (whose handler crashed on a second signal).
        var configuration = new InvocationConfiguration { Output = stdout, Error = stderr, ProcessTerminationTimeout = null };
        // No response files: "@name" is a script, an output or a --set value, never a file of more arguments to read.
        var parsed = root.Parse(args, new ParserConfiguration { ResponseFileTokenReplacer = null });
        if (parsed.Action is ParseErrorAction refusal && args.Length > 0)
        {
            // The error alone, each naming its option and the fix, and where the options are listed: the whole help after it hid the error.
            refusal.ShowHelp = false;
            var code = await parsed.InvokeAsync(configuration).ConfigureAwait(false);
            var command = parsed.CommandResult.Command == root ? "sc" : $"sc {parsed.CommandResult.Command.Name}";
            stderr.WriteLine($"({command} --help lists the options.)");
            return code;
        }
        // A synchronous action (init, help) keeps the default: a signal ends the process at once.
        if (parsed.Action is not AsynchronousCommandLineAction)
            return await parsed.InvokeAsync(configuration).ConfigureAwait(false);
        using var signals = new TerminationSignals(ProcessTerminationTimeout);
        return await signals.RunAsync(token => parsed.InvokeAsync(configuration, token)).ConfigureAwait(false);
    }

    /// <summary>How long a command may take to stop after Ctrl+C or SIGTERM before sc ends without it.</summary>
    internal static readonly TimeSpan ProcessTerminationTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Runs <paramref name="action"/> and turns any failure into a message and exit code 1.</summary>
    internal static int Guard(TextWriter stderr, bool verbose, Func<int> action)
    {
        try
        {
            return action();
        }
        catch (Exception e) when (IsCancellation(e))
        {
            // Also when the script's own code was stopped inside a frame (wrapped by the renderer).
            stderr.WriteLine("Cancelled; no output was left behind.");
            return 130;
        }
        catch (ScriptCompilationException e)
        {
            foreach (var diagnostic in e.Diagnostics) stderr.WriteLine(diagnostic.Text);
            stderr.WriteLine($"{e.Diagnostics.Count} error(s); nothing was rendered.");
            return 1;
        }
        catch (ScriptRuntimeException e)
        {
            // Already "path(line): error: message", like a compiler diagnostic.
            stderr.WriteLine(verbose ? $"{e.Message}\n{Details(e.InnerException!)}" : e.Message);
            return 1;
        }
        catch (Exception e) when (ScriptHost.ScriptLineOf(e) is (not null, not null))
        {
            // A function of the script (a position, a frame generator, an opacity) threw while frames were rendered.
            var message = ScriptDiagnostic.Thrown(e, e is ScriptComposerException ? e : Innermost(e)).Text;
            stderr.WriteLine(verbose ? $"{message}\n{Details(e)}" : message);
            return 1;
        }
        catch (Exception e) when (e is ScriptComposerException or BackendUnavailableException)
        {
            stderr.WriteLine(verbose ? e.ToString() : $"error: {e.Message}");
            return 1;
        }
        catch (Exception e)
        {
            stderr.WriteLine(verbose ? e.ToString() : $"error: {e.Message} ({e.GetType().Name}; run with --verbose for the stack trace)");
            return 1;
        }
    }

    /// <summary>How long a cancelled command's work may take to stop (and clean up) before the command ends without it.</summary>
    internal static readonly TimeSpan StopGrace = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Runs a command's <paramref name="work"/> (which runs script code) on a <see cref="ScriptThread"/>. Once
    /// <paramref name="cancellation"/> is cancelled (Ctrl+C, SIGTERM), the script's guarded code stops at its next loop or
    /// call and the work cleans up; work still running <see cref="StopGrace"/> later (blocked in a call no guard sees) is
    /// left behind, the command ends with 130, and what it would leave is removed as the process ends
    /// (<see cref="ExitCleanup"/>). Work moving a whole output into place (<see cref="OutputCommit"/>) is waited for first,
    /// however long the move takes, and given <see cref="StopGrace"/> again after it. <paramref name="work"/> hands over the script's evaluation, which is unloaded once
    /// the work (its error messages included) is done, so a process that goes on running commands keeps no script loaded.
    /// </summary>
    internal static async Task<int> RunStoppableAsync(TextWriter stderr, CancellationToken cancellation, Func<Action<ScriptEvaluation>, int> work)
    {
        // The script's code is let go once the work is done and its errors are written (they read the script's symbols).
        ScriptEvaluation? evaluation = null;
        var running = ScriptThread.Run("sc script", () =>
        {
            try
            {
                return work(e => evaluation = e);
            }
            finally
            {
                evaluation?.Unload();
            }
        });
        var cancelled = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using (cancellation.Register(() => cancelled.TrySetResult()))
        {
            if (await Task.WhenAny(running, cancelled.Task).ConfigureAwait(false) == running)
                return await running.ConfigureAwait(false);
        }
        if (await Task.WhenAny(running, Task.Delay(StopGrace, CancellationToken.None)).ConfigureAwait(false) == running)
            return await running.ConfigureAwait(false);
        var committed = new List<string>();
        // An output being moved into place is let finish, however long that takes: stopped half-way, a picture sequence would be
        // left with old and new pictures mixed. The work then goes on to its end (its "Wrote" line) or to its next check of the token.
        while (OutputCommit.InProgress is { Count: > 0 } moving)
        {
            stderr.WriteLine($"Stopping once {Naming(moving)} {(moving.Count == 1 ? "is" : "are")} in place: {(moving.Count == 1 ? "it was" : "they were")} rendered whole and {(moving.Count == 1 ? "is" : "are")} being moved there.");
            committed.AddRange(await Task.Run(OutputCommit.WaitForMoves, CancellationToken.None).ConfigureAwait(false));
            if (await Task.WhenAny(running, Task.Delay(StopGrace, CancellationToken.None)).ConfigureAwait(false) == running)
                return await running.ConfigureAwait(false);
        }
        // Either may be what runs: the script's own code (blocked in a call no guard sees) or a step of sc's that does not look at the token.
        stderr.WriteLine($"Cancelled; the work did not stop within {StopGrace.TotalSeconds:0.#} s (the script may be blocked in a call, such as Thread.Sleep, or sc in a step it cannot interrupt), so sc ended without it. " +
            (committed.Count > 0
                ? $"{Naming(committed)} {(committed.Count == 1 ? "was" : "were")} rendered whole and {(committed.Count == 1 ? "is" : "are")} in place; no unfinished output was left behind."
                : "No output was left behind."));
        return 130;
    }

    /// <summary>"'a.mp4'", "'a.mp4' and 'b.png'": outputs named in a message.</summary>
    internal static string Naming(IReadOnlyList<string> outputs) => string.Join(" and ", outputs.Select(o => $"'{o}'"));

    /// <summary>The exception with its stack trace, except for a recursion's: one frame per call, hundreds of thousands.</summary>
    private static string Details(Exception e)
    {
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            if (inner is ScriptRecursionException)
                return $"{e.GetType().FullName}: {e.Message}\n   (the stack trace is left out: it holds a frame for every call of the recursion)";
        }
        return e.ToString();
    }

    /// <summary>Whether <paramref name="e"/> is, or wraps, a cancellation.</summary>
    internal static bool IsCancellation(Exception e) => e switch
    {
        OperationCanceledException => true,
        AggregateException aggregate => aggregate.InnerExceptions.Any(IsCancellation),
        { InnerException: { } inner } => IsCancellation(inner),
        _ => false,
    };

    /// <summary>The exception the script itself threw, under the host's wrappers.</summary>
    internal static Exception Innermost(Exception e)
    {
        while (e.InnerException is { } inner) e = inner;
        return e;
    }

    internal static ScriptArgs ParseSet(string[]? pairs)
    {
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var pair in pairs ?? [])
        {
            var equals = pair.IndexOf('=');
            if (equals <= 0)
                throw new ScriptComposerException($"--set '{pair}' is not key=value. Write it as --set name=value.");
            values[pair[..equals]] = pair[(equals + 1)..];
        }
        return new ScriptArgs(values);
    }

    internal static BackendChoice CreateBackend(BackendKind kind, TextWriter stderr)
    {
        var choice = Backends.Create(kind, CudaOptions());
        stderr.WriteLine(choice.Reason);
        return choice;
    }

    /// <summary>The CUDA backend's options of the options this process started with (<see cref="ScOptions.Current"/>).</summary>
    internal static Gpu.Cuda.CudaOptions CudaOptions() => ScOptions.Current.Cuda;

    private static Command CreateDoctor(ScOptions options, TextWriter stdout, TextWriter stderr)
    {
        var verbose = CommonOptions.Verbose();
        var command = new Command("doctor", "Show what this machine has: ffmpeg, NVRTC, the GPU, and which backend auto picks; with --verbose, every setting sc read from the environment.") { verbose };
        // Stoppable as render is: Ctrl+C ends it with 130, its scratch kernel cache removed.
        command.SetAction((result, cancellation) => RunStoppableAsync(stderr, cancellation, _ =>
            Guard(stderr, result.GetValue(verbose), () => DoctorCommand.Run(stdout, result.GetValue(verbose), options, cancellation))));
        return command;
    }
}
