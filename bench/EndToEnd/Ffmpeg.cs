using System.Diagnostics;
using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Bench.EndToEnd;

/// <summary>Runs ffmpeg to the end and returns the wall-clock time, process start included.</summary>
internal static class Ffmpeg
{
    public static TimeSpan Run(IReadOnlyList<string> arguments) => TimedProcess.Run(FfmpegTools.FfmpegPath, arguments);

    /// <summary>Everything ffmpeg writes to stdout (raw frames), for the encode-only ceiling.</summary>
    public static byte[] ReadAll(IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(FfmpegTools.FfmpegPath) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info) ?? throw new InvalidOperationException("ffmpeg did not start.");
        var stderr = process.StandardError.ReadToEndAsync();
        using var memory = new MemoryStream();
        process.StandardOutput.BaseStream.CopyTo(memory);
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{FfmpegProcess.FormatCommandLine(arguments)} failed ({process.ExitCode}):\n{stderr.Result}");
        return memory.ToArray();
    }
}
