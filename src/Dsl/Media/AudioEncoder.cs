using System.Globalization;
using ScriptComposer.Dsl.Audio;

namespace ScriptComposer.Dsl.Media;

/// <summary>Runs one ffmpeg that renders an <see cref="AudioPlan"/> to an audio file, through a temporary file.</summary>
public static class AudioEncoder
{
    public static IReadOnlyList<string> BuildArguments(string outputPath, AudioPlan plan, AudioSettings settings)
    {
        var codec = settings.Codec ?? OutputFormats.DefaultAudioCodec(outputPath);
        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin", "-y" };
        foreach (var file in plan.InputFiles) args.AddRange(["-i", file]);
        args.AddRange(["-filter_complex", plan.FilterGraph, "-map", plan.OutputLabel, "-c:a", codec]);
        if (settings.Bitrate is { } bitrate && !codec.StartsWith("pcm_", StringComparison.Ordinal) && codec is not ("flac" or "alac"))
            args.AddRange(["-b:a", bitrate]);
        args.AddRange(["-ar", settings.SampleRate.ToString(CultureInfo.InvariantCulture), outputPath]);
        return args;
    }

    /// <summary>
    /// Encodes the sound into a temporary file and renames it to <paramref name="outputPath"/> once proven whole: no write
    /// error from ffmpeg, and sound lasting <paramref name="seconds"/> read back from the file.
    /// </summary>
    public static void Encode(string outputPath, AudioPlan plan, AudioSettings settings, double seconds, CancellationToken cancellation)
    {
        OutputFile.WriteAtomically(outputPath, temporary =>
        {
            using var ffmpeg = FfmpegProcess.Start(BuildArguments(temporary, plan, settings), redirectInput: false, redirectOutput: false);
            using var registration = cancellation.Register(ffmpeg.Kill);
            var code = ffmpeg.WaitForExit();
            cancellation.ThrowIfCancellationRequested();
            if (ffmpeg.WriteErrors.Count > 0)
                throw OutputFile.CouldNotWrite(outputPath, $"ffmpeg said:\n{ffmpeg.StderrTail}");
            if (code != 0)
                throw new ScriptComposerException($"ffmpeg exited with code {code} while writing '{outputPath}'; nothing was written there. ffmpeg said:\n{ffmpeg.StderrTail}");
        }, temporary => OutputProbe.RequireAudio(OutputProbe.Read(temporary, outputPath), outputPath, seconds));
    }
}
