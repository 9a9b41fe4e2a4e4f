using System.Diagnostics;
using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Bench.EndToEnd;

/// <summary>Runs a program to the end, its output drained, and returns the wall-clock time, process start included.</summary>
internal static class TimedProcess
{
    /// <exception cref="InvalidOperationException">The program failed; the message holds its command line and stderr.</exception>
    public static TimeSpan Run(string program, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string>? environment = null)
    {
        var info = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
            info.Environment[name] = value;
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{program} did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        process.StandardOutput.BaseStream.CopyTo(Stream.Null);
        process.WaitForExit();
        clock.Stop();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{program}{FfmpegProcess.FormatCommandLine(arguments)["ffmpeg".Length..]} failed ({process.ExitCode}):\n{stderr.Result}");
        return clock.Elapsed;
    }
}
