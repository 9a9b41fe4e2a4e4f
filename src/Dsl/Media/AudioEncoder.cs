using System.Globalization;
using ScriptComposer.Dsl.Audio;

namespace ScriptComposer.Dsl.Media;

/// <summary>Runs one ffmpeg that encodes the raw mix of an <see cref="AudioMixer"/> to an audio file, through a temporary file.</summary>
public static class AudioEncoder
{
    public static IReadOnlyList<string> BuildArguments(string outputPath, AudioFormat format, AudioSettings settings, string input = "pipe:0")
    {
        var args = new List<string> { "-hide_banner", "-loglevel", "error", "-nostdin", "-y" };
        args.AddRange(RawInput(format, input));
        args.AddRange(CodecArguments(outputPath, settings));
        args.Add(outputPath);
        return args;
    }

    /// <summary>The input options of a raw mix in <paramref name="format"/> read from <paramref name="input"/>.</summary>
    public static IReadOnlyList<string> RawInput(AudioFormat format, string input) =>
        ["-f", "f32le", "-ar", format.SampleRate.ToString(CultureInfo.InvariantCulture), FfmpegTools.ChannelLayoutOption(), format.Layout.Name, "-i", input];

    /// <summary>The bitrate of a lossy output's sound when the script gives none.</summary>
    public const string DefaultBitrate = "192k";

    /// <summary>The codec and bitrate of an output's sound (no bitrate for lossless codecs).</summary>
    public static IReadOnlyList<string> CodecArguments(string outputPath, AudioSettings settings)
    {
        var codec = settings.Codec ?? OutputFormats.DefaultAudioCodec(outputPath);
        // An empty codec is the container's own, which ffmpeg picks (a trial asks which: OutputTrial).
        if (codec.Length == 0)
            return [];
        var args = new List<string> { "-c:a", codec };
        if (codec.StartsWith("pcm_", StringComparison.Ordinal) || codec is "flac" or "alac")
            return args;
        if (settings.Bitrate is { } bitrate)
            args.AddRange(["-b:a", bitrate]);
        else if (codec == "libvorbis")
            // libvorbis refuses a set 192k below 44.1 kHz or for mono (a 22.05 kHz mono recording among them); its quality 6,
            // about 192k for 44.1 kHz stereo, suits every rate and layout.
            args.AddRange(["-q:a", "6"]);
        else
            args.AddRange(["-b:a", DefaultBitrate]);
        return args;
    }

    /// <summary>
    /// Encodes everything <paramref name="mix"/> makes (and disposes it) into a temporary file, renamed to <paramref name="outputPath"/>
    /// once proven whole: no write error from ffmpeg, and sound lasting <paramref name="seconds"/> read back from the file.
    /// </summary>
    public static void Encode(string outputPath, AudioMixer mix, AudioSettings settings, double seconds, CancellationToken cancellation)
    {
        using var owned = mix;
        OutputFile.WriteAtomically(outputPath, temporary =>
        {
            using var ffmpeg = FfmpegProcess.Start(BuildArguments(temporary, mix.Format, settings), redirectInput: true, redirectOutput: false);
            using var registration = cancellation.Register(ffmpeg.Kill);
            var broken = false;
            try
            {
                using var input = ffmpeg.StandardInput;
                mix.WriteTo(input, cancellation);
            }
            catch (IOException) when (!cancellation.IsCancellationRequested)
            {
                // ffmpeg stopped reading: its exit code and stderr below say why.
                broken = true;
            }
            var code = ffmpeg.WaitForExit();
            cancellation.ThrowIfCancellationRequested();
            if (ffmpeg.WriteErrors.Count > 0)
                throw OutputFile.CouldNotWrite(outputPath, $"ffmpeg said:\n{ffmpeg.StderrTail}");
            if (code != 0 || broken)
                throw new ScriptComposerException($"ffmpeg exited with code {code} while writing '{outputPath}'; nothing was written there. ffmpeg said:\n{ffmpeg.StderrTail}");
        }, temporary => OutputProbe.RequireAudio(temporary, outputPath, seconds, settings.Codec ?? OutputFormats.DefaultAudioCodec(outputPath), mix.Format));
    }
}
