using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ScriptComposer.Dsl.Audio;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Settles an output outside <see cref="OutputFormats"/>' table (a .ts, .avi, .mxf, .nut or .y4m; rawvideo or dnxhd in a .mkv)
/// by asking ffmpeg: one frame (and a moment of silence when the output has sound) encoded with the output's own arguments into
/// a private folder. ffmpeg names the muxer it chose for the name, and the encoder when the container's own was asked for; a
/// refusal comes back in ffmpeg's own words. Answers are kept for the life of the process (a script is evaluated again on every
/// save under <c>sc watch</c>).
/// </summary>
public static partial class OutputTrial
{
    private static readonly ConcurrentDictionary<string, Outcome> Outcomes = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, string> Muxers = new(StringComparer.Ordinal);

    /// <summary>The muxer a trial found for files with this extension (".ts"), or null when none has been tried.</summary>
    public static string? LearnedMuxer(string extension) => Muxers.GetValueOrDefault(extension.ToLowerInvariant());

    /// <summary>The sound a trial of an output of <paramref name="clip"/> encodes: the output's when the clip has any, else none.</summary>
    public static AudioSettings? Heard(Clip clip, AudioSettings? sound) => sound is not null && AudioTimeline.Segments(clip).Count > 0 ? sound : null;

    /// <summary>
    /// The settings to encode with: <paramref name="settings"/> with the muxer ffmpeg chose. When <paramref name="codecGiven"/> is false
    /// and the default codec does not fit the container, the container's own encoder is tried and taken.
    /// </summary>
    /// <exception cref="ScriptComposerException">ffmpeg cannot write such an output; the message holds ffmpeg's words.</exception>
    public static EncoderSettings Settle(string path, EncoderSettings settings, bool codecGiven, int width, int height, FrameRate fps, bool alpha, AudioSettings? audio)
    {
        if (codecGiven)
            VideoEncoder.CheckEncoder(settings, width, height);
        var first = Run(path, settings, width, height, fps, alpha, audio);
        if (first.Muxer is { } muxer)
            return settings with { Muxer = muxer };
        if (!codecGiven)
        {
            var own = Run(path, settings with { Codec = "", Preset = null }, width, height, fps, alpha, audio);
            if (own is { Muxer: { } ownMuxer, Encoder: { } encoder })
                return settings with { Codec = encoder, Preset = null, Muxer = ownMuxer };
        }
        var byContainer = ContainerWords.Any(w => first.Refusal.Contains(w, StringComparison.Ordinal));
        throw new ScriptComposerException($"{OutputFormats.Refusal(path, settings.Codec, byContainer)} ffmpeg said:\n{first.Refusal}");
    }

    /// <summary>
    /// ffmpeg's words when it cannot write one frame of an output of <paramref name="kind"/> at <paramref name="path"/> with every
    /// one of <paramref name="settings"/> and <paramref name="audio"/> (ffmpegArgs included) and read its picture back; null when it can.
    /// </summary>
    public static string? Refusal(string path, OutputKind kind, EncoderSettings settings, int width, int height, FrameRate fps, bool alpha, AudioSettings? audio)
    {
        var outcome = Run(path, settings, width, height, fps, alpha, audio, kind);
        return outcome.Muxer is null ? outcome.Refusal : null;
    }

    private static Outcome Run(string path, EncoderSettings settings, int width, int height, FrameRate fps, bool alpha, AudioSettings? audio,
        OutputKind kind = OutputKind.Video)
    {
        var extension = Path.GetExtension(path).ToLowerInvariant();
        var key = string.Join('\n', FfmpegTools.FfmpegPath, extension, kind, settings, string.Join(' ', settings.ExtraArguments ?? []), width, height, fps, alpha, audio);
        return Outcomes.GetOrAdd(key, _ => Try(extension, kind, settings, width, height, fps, alpha, audio));
    }

    private static Outcome Try(string extension, OutputKind kind, EncoderSettings settings, int width, int height, FrameRate fps, bool alpha, AudioSettings? audio)
    {
        var folder = Directory.CreateTempSubdirectory("sc-trial-").FullName;
        CleanupRegistry.Track(folder);
        try
        {
            var output = Path.Combine(folder, (kind == OutputKind.ImageSequence ? "trial_%04d" : "trial") + extension);
            var format = audio is null ? null : AudioFormat.For([], audio, audio.Codec ?? OutputFormats.DefaultAudioCodec(output));
            var spec = new EncodeSpec(output, width, height, fps, settings, kind, alpha, format, audio);
            var frame = Path.Combine(folder, "frame.raw");
            File.WriteAllBytes(frame, new byte[spec.FrameBytes]);
            var sound = Path.Combine(folder, "sound.raw");
            if (format is not null)
                File.WriteAllBytes(sound, new byte[format.SampleRate / 10 * format.Channels * sizeof(float)]);
            var (exitCode, _, errors) = FfmpegTools.Run(FfmpegTools.FfmpegPath, VideoEncoder.BuildArguments(spec, frame, sound, trial: true));
            if (exitCode == 0 && ChosenMuxer().Match(errors) is { Success: true } muxer)
            {
                // Written is not enough: some pairs ffmpeg writes it cannot read back (raw video in a .mov), and neither would a player.
                var (readCode, _, readErrors) = ReadBack(output, null);
                // A file of one frame can be too small for ffmpeg to tell its format by its bytes (an MPEG-TS of nine packets), which a
                // render's file is not: read again as the format it was written in, where ffmpeg has a reader of that name.
                if (readCode != 0 && ReadBack(output, muxer.Groups[1].Value).ExitCode == 0)
                    readCode = 0;
                // A decoder this ffmpeg lacks (an AV1 encoder without an AV1 decoder) says nothing of the file: players have one.
                if (readCode != 0 && !readErrors.Contains("not found for input stream", StringComparison.Ordinal))
                    return new Outcome(null, null, $"  (ffmpeg writes such a file, but cannot read its picture back)\n{Words(readErrors)}");
                if (kind == OutputKind.Video)
                    Muxers[extension] = muxer.Groups[1].Value;
                var encoder = ChosenEncoder().Match(errors, muxer.Index) is { Success: true } named ? named.Groups[1].Value : settings.Codec;
                return new Outcome(muxer.Groups[1].Value, encoder.Length > 0 ? encoder : null, "");
            }
            return new Outcome(null, null, Words(errors));
        }
        finally
        {
            TemporaryOwner.Remove(folder);
            CleanupRegistry.Forget(folder);
        }
    }

    /// <summary>ffmpeg reading the first picture of <paramref name="output"/>, as the format <paramref name="format"/> names, or the one it finds.</summary>
    private static (int ExitCode, string Output, string Errors) ReadBack(string output, string? format) =>
        FfmpegTools.Run(FfmpegTools.FfmpegPath,
            ["-hide_banner", "-loglevel", "error", "-nostdin", .. format is null ? Array.Empty<string>() : ["-f", format], "-i", output, "-map", "0:v", "-frames:v", "1", "-f", "null", "-"]);

    /// <summary>What ffmpeg said that explains a refusal: its messages without the progress, the stream listing and its addresses.</summary>
    internal static string Words(string stderr)
    {
        var lines = stderr.Split('\n')
            .Select(l => Address().Replace(l.TrimEnd('\r'), "[$1] "))
            .Where(l => l.Length > 0 && !char.IsWhiteSpace(l[0]))
            .Where(l => !Noise.Any(n => l.Contains(n, StringComparison.Ordinal)))
            .ToList();
        // An encoder that refuses its parameters lists every one it takes: its first words say why, the last what failed.
        if (lines.Count > 9)
            lines = [.. lines.Take(3), "...", .. lines.TakeLast(5)];
        return lines.Count == 0 ? "(nothing)" : "  " + string.Join("\n  ", lines);
    }

    /// <summary>What ffmpeg says when the container (its muxer), not the encoder, refuses the stream.</summary>
    private static readonly string[] ContainerWords = ["Could not write header", "not currently supported in container", "Codec not supported"];

    private static readonly string[] Noise =
    [
        "Input #", "Output #", "Stream mapping", "Press [q]", "frame=", "video:", "Estimating duration", "using cpu capabilities",
        "264 - core", "profile ", "Conversion failed!",
    ];

    private sealed record Outcome(string? Muxer, string? Encoder, string Refusal);

    [GeneratedRegex(@"^Output #0, ([^,\s]+), to ", RegexOptions.Multiline)]
    private static partial Regex ChosenMuxer();

    [GeneratedRegex(@"^\s+encoder\s+: Lavc\S* (\S+)", RegexOptions.Multiline)]
    private static partial Regex ChosenEncoder();

    [GeneratedRegex(@"\[(\S+) @ 0x[0-9a-f]+\] ")]
    private static partial Regex Address();
}
