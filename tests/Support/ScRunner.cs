using System.Diagnostics;
using ScriptComposer.Host.Commands;

namespace ScriptComposer.Tests.Support;

/// <summary>What one <c>sc</c> command did.</summary>
internal sealed record ScResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit code {ExitCode}\n--- stdout ---\n{Stdout}--- stderr ---\n{Stderr}";
}

/// <summary>Runs the <c>sc</c> command line in this process (fast) or as a real process (real exit code, signals, environment).</summary>
internal static class ScRunner
{
    /// <summary><c>sc ARGS</c> in-process, with its output captured.</summary>
    public static async Task<ScResult> RunAsync(params string[] args)
    {
        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await ScCli.RunAsync(args, stdout, stderr);
        return new ScResult(code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Writes <paramref name="code"/> to <paramref name="name"/> in <paramref name="folder"/> and runs <c>sc render</c> on it (CPU backend).</summary>
    public static async Task<(ScResult Result, string ScriptPath)> RenderScriptAsync(TempFolder folder, string name, string code, params string[] extraArgs)
    {
        var script = folder.Write(name, code);
        return (await RunAsync(["render", script, "--backend", "cpu", .. extraArgs]), script);
    }

    /// <summary>The sc.dll the project reference copies next to the tests.</summary>
    public static string ScDll => Path.Combine(AppContext.BaseDirectory, "sc.dll");

    /// <summary>The dotnet host running the tests, to run sc.dll with.</summary>
    public static string DotnetHost =>
        Environment.ProcessPath is { } self && Path.GetFileNameWithoutExtension(self) == "dotnet" ? self
        : Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host
        : "dotnet";

    /// <summary>Starts <c>dotnet sc.dll ARGS</c> with output redirected; <paramref name="environment"/> values of null remove a variable.</summary>
    public static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null) => Start(args, environment, []);

    private static Process Start(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment, string[] launcher)
    {
        var info = new ProcessStartInfo(launcher.Length > 0 ? launcher[0] : DotnetHost)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in launcher.Skip(1)) info.ArgumentList.Add(a);
        if (launcher.Length > 0) info.ArgumentList.Add(DotnetHost);
        info.ArgumentList.Add(ScDll);
        foreach (var a in args) info.ArgumentList.Add(a);
        info.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in environment ?? new Dictionary<string, string?>())
        {
            if (value is null) info.Environment.Remove(key);
            else info.Environment[key] = value;
        }
        return Process.Start(info) ?? throw new InvalidOperationException("dotnet sc.dll did not start.");
    }

    /// <summary>
    /// Whether this process ignores SIGINT (bit 2 of SigIgn in /proc/self/status), as its children then do: a test run
    /// started as a background job does.
    /// </summary>
    public static bool InheritsIgnoredSigint()
    {
        if (!File.Exists("/proc/self/status")) return false;
        var line = File.ReadLines("/proc/self/status").FirstOrDefault(l => l.StartsWith("SigIgn:", StringComparison.Ordinal));
        return line is not null && (Convert.ToUInt64(line["SigIgn:".Length..].Trim(), 16) & 0x2) != 0;
    }

    /// <summary>
    /// Like <see cref="Start(IEnumerable{string}, IReadOnlyDictionary{string, string?}?)"/>, but with SIGINT's default disposition restored first (through python3, which then
    /// execs sc under the same process id) when this process ignores it; null when it does and python3 is not there.
    /// </summary>
    public static Process? StartInterruptible(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        if (!InheritsIgnoredSigint())
            return Start(args, environment);
        if (ToolRunner.Locate("python3") is null)
            return null;
        const string restore = "import os,signal,sys; signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])";
        return Start(args, environment, ["python3", "-c", restore]);
    }

    /// <summary>
    /// Starts sc (<see cref="StartInterruptible"/>), waits until <paramref name="ready"/> holds (and <paramref name="settle"/> more),
    /// sends SIGINT as Ctrl+C does, and waits for sc to end; skips where SIGINT cannot reach it.
    /// </summary>
    public static ScResult InterruptWhen(string[] args, IReadOnlyDictionary<string, string?>? environment, Func<bool> ready, string what, TimeSpan? settle = null)
    {
        Skip.IfNot(OperatingSystem.IsLinux(), "Sends POSIX signals with kill(1).");
        using var sc = StartInterruptible(args, environment)
                       ?? throw new SkipException("SIGINT is ignored in this test run (started as a background job) and python3 is not there to restore it for sc.");
        var stderr = sc.StandardError.ReadToEndAsync();
        var stdout = sc.StandardOutput.ReadToEndAsync();
        try
        {
            Support.WaitFor.ConditionAsync(ready, TimeSpan.FromSeconds(90), sc.WaitForExitAsync(), what,
                () => sc.HasExited ? $"sc exited with {sc.ExitCode}:\n{stderr.Result}" : "sc is still running").GetAwaiter().GetResult();
            if (settle is { } wait)
                Thread.Sleep(wait);
            using (var kill = Process.Start("kill", ["-s", "INT", sc.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
                kill.WaitForExit();
            if (!sc.WaitForExit(TimeSpan.FromSeconds(30)))
                Assert.Fail("sc did not stop within 30 s of SIGINT.");
        }
        finally
        {
            if (!sc.HasExited) sc.Kill(entireProcessTree: true);
        }
        sc.WaitForExit();
        return new ScResult(sc.ExitCode, stdout.Result, stderr.Result);
    }

    /// <summary>
    /// Starts sc as the leader of a process group of its own (through python3, which then execs sc under the same process
    /// id), with SIGINT's default disposition, so that <c>kill -INT -- -PID</c> reaches sc and every process it started, as a
    /// Ctrl+C in a terminal does; null when python3 is not there.
    /// </summary>
    public static Process? StartAsTerminalGroup(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null)
    {
        if (ToolRunner.Locate("python3") is null)
            return null;
        const string group = "import os,signal,sys; os.setsid(); signal.signal(signal.SIGINT, signal.SIG_DFL); os.execvp(sys.argv[1], sys.argv[1:])";
        return Start(args, environment, ["python3", "-c", group]);
    }

    /// <summary>Runs <c>dotnet sc.dll ARGS</c> to completion (killed after <paramref name="timeout"/>).</summary>
    public static ScResult RunProcess(IEnumerable<string> args, IReadOnlyDictionary<string, string?>? environment = null, TimeSpan? timeout = null)
    {
        using var process = Start(args, environment);
        return WaitFor(process, timeout ?? TimeSpan.FromSeconds(120));
    }

    /// <summary>Waits for a process from <see cref="Start(IEnumerable{string}, IReadOnlyDictionary{string, string?}?)"/> and collects its output; kills it (and fails) on timeout.</summary>
    public static ScResult WaitFor(Process process, TimeSpan timeout)
    {
        process.StandardInput.Close();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        if (!process.WaitForExit(timeout))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            Assert.Fail($"sc did not finish within {timeout}. stderr so far:\n{stderr.GetAwaiter().GetResult()}");
        }
        process.WaitForExit();
        return new ScResult(process.ExitCode, stdout.GetAwaiter().GetResult(), stderr.GetAwaiter().GetResult());
    }
}
