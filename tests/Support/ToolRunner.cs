using System.Diagnostics;

namespace ScriptComposer.Tests.Support;

/// <summary>Runs ffmpeg and ffprobe for the tests (not through the code under test), with a time limit.</summary>
internal static class ToolRunner
{
    public sealed record Result(int ExitCode, byte[] Stdout, string Stderr);

    /// <summary>Whether ffmpeg and ffprobe are on PATH; end-to-end tests skip with this reason when they are not.</summary>
    public static bool HasFfmpeg => Locate("ffmpeg") is not null && Locate("ffprobe") is not null;

    public const string MissingFfmpegReason = "ffmpeg and ffprobe are not on PATH; run ./scripts/install-deps (or apt-get install ffmpeg) to run the end-to-end tests.";

    /// <summary>Skips the calling test when ffmpeg or ffprobe is missing.</summary>
    public static void RequireFfmpeg() => Skip.IfNot(HasFfmpeg, MissingFfmpegReason);

    public static string? Locate(string tool) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "").Split(System.IO.Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Select(folder => System.IO.Path.Combine(folder, tool))
            .FirstOrDefault(File.Exists);

    /// <summary>Runs <paramref name="tool"/> to completion and returns its exit code, stdout bytes and stderr text.</summary>
    public static Result Run(string tool, IEnumerable<string> arguments, TimeSpan? timeout = null) =>
        RunIn(null, Locate(tool) ?? tool, arguments, timeout);

    /// <summary>
    /// Runs the program <paramref name="program"/> (a path) in <paramref name="directory"/> (null: this one), with
    /// <paramref name="environment"/> added to this process's, to completion.
    /// </summary>
    public static Result RunIn(string? directory, string program, IEnumerable<string> arguments, TimeSpan? timeout = null,
        IReadOnlyDictionary<string, string>? environment = null)
    {
        var tool = System.IO.Path.GetFileName(program);
        var info = new ProcessStartInfo(program)
        {
            WorkingDirectory = directory ?? "",
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        foreach (var (key, value) in environment ?? new Dictionary<string, string>())
            info.Environment[key] = value;
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{tool} did not start.");
        process.StandardInput.Close();
        var stderr = process.StandardError.ReadToEndAsync();
        var stdout = new MemoryStream();
        var copy = process.StandardOutput.BaseStream.CopyToAsync(stdout);
        if (!process.WaitForExit(timeout ?? TimeSpan.FromSeconds(120)))
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
            throw new TimeoutException($"{tool} {string.Join(' ', info.ArgumentList)} did not finish within {timeout ?? TimeSpan.FromSeconds(120)}.");
        }
        copy.GetAwaiter().GetResult();
        return new Result(process.ExitCode, stdout.ToArray(), stderr.GetAwaiter().GetResult());
    }

    /// <summary>Runs ffmpeg with <c>-hide_banner -loglevel error -nostdin -y</c> and throws with its stderr when it fails.</summary>
    public static void Ffmpeg(params string[] arguments)
    {
        var result = Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-y", .. arguments]);
        if (result.ExitCode != 0)
            throw new InvalidOperationException($"ffmpeg {string.Join(' ', arguments)} failed with code {result.ExitCode}:\n{result.Stderr}");
    }
}
