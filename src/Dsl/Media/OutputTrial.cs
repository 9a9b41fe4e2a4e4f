using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using ScriptComposer.Dsl.Audio;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Settles an output outside <see cref="OutputFormats"/>' table (a .ts, .avi, .mxf, .nut or .y4m; rawvideo or dnxhd in a .mkv)
/// by asking ffmpeg: one frame (and a moment of silence when the output has sound) encoded with the output's own arguments into
/// a private folder. ffmpeg names the muxer it chose for the name, and the encoders when the container's own were asked for; a
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
    /// The settings to encode with: <paramref name="settings"/> and <paramref name="audio"/> with the muxer ffmpeg chose. Where the
    /// script named no codec (<paramref name="codecGiven"/> false; <paramref name="audio"/> without one) and the defaults do not fit
    /// the container, the container's own encoders are tried and taken: ffmpeg's default video and sound codecs for the format.
    /// </summary>
    /// <param name="audio">The output's sound, or null when it has none (the trial then writes none).</param>
    /// <exception cref="ScriptComposerException">ffmpeg cannot write such an output; the message names what it refuses (the sound, when the
    /// container takes the picture alone) and holds ffmpeg's words.</exception>
    public static (EncoderSettings Video, AudioSettings? Audio) Settle(string path, EncoderSettings settings, bool codecGiven, int width, int height, FrameRate fps,
        bool alpha, AudioSettings? audio)
    {
        if (codecGiven)
            VideoEncoder.CheckEncoder(settings, width, height);
        var first = Run(path, settings, width, height, fps, alpha, audio);
        if (first.Muxer is { } muxer)
            return (settings with { Muxer = muxer }, audio);
        var ownVideo = !codecGiven;
        var ownSound = audio is { Codec: null };
        var video = ownVideo ? settings with { Codec = "", Preset = null } : settings;
        Outcome? own = null;
        if (ownVideo || ownSound)
        {
            own = Run(path, video, width, height, fps, alpha, ownSound ? audio! with { Codec = "" } : audio);
            if (own is { Muxer: { } ownMuxer } && (!ownVideo || own.Encoder is not null) && (!ownSound || own.SoundEncoder is not null))
                return (settings with { Codec = ownVideo ? own.Encoder! : settings.Codec, Preset = ownVideo ? null : settings.Preset, Muxer = ownMuxer },
                    ownSound ? audio! with { Codec = own.SoundEncoder } : audio);
        }
        var refused = own ?? first;
        if (audio is not null && Run(path, video, width, height, fps, alpha, null).Muxer is not null)
            throw new ScriptComposerException($"{SoundRefusal(path, audio.Codec)} ffmpeg said:\n{refused.Refusal}");
        var byContainer = ContainerWords.Any(w => refused.Refusal.Contains(w, StringComparison.Ordinal));
        throw new ScriptComposerException($"{OutputFormats.Refusal(path, video.Codec, byContainer)} ffmpeg said:\n{refused.Refusal}");
    }

    /// <summary>The message for an output whose container takes its picture but not its sound: as asked (<paramref name="codec"/>), or at all.</summary>
    private static string SoundRefusal(string path, string? codec)
    {
        var name = Path.GetFileName(path);
        var dropIt = "leave the sound out with Render(..., audio: false)";
        return codec is null
            ? $"'{name}' cannot hold sound: ffmpeg writes a {Path.GetExtension(path)} file with its picture alone, and has no sound codec it takes, but the clip has sound. " +
              $"Write the video to a container that holds sound (.mp4, .mkv, .mov or .webm), or {dropIt}."
            : $"ffmpeg cannot write the sound of '{name}' with the audio codec '{codec}' as asked (it writes the picture alone). " +
              $"Leave audioCodec out for the container's own, give one that goes in a {Path.GetExtension(path)} file (ffmpeg -encoders lists them), or {dropIt}.";
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
            // The container's own sound codec (an empty one) is not known before ffmpeg picks it: the usual rate and layout are tried.
            var format = audio is null ? null
                : audio.Codec is { Length: 0 } ? new AudioFormat(audio.SampleRate ?? AudioFormat.DefaultSampleRate, ChannelLayout.Default(audio.Channels ?? 2))
                : AudioFormat.For([], audio, audio.Codec ?? OutputFormats.DefaultAudioCodec(output));
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
                // One "encoder" line per stream of the output, the picture's first, then the sound's.
                var named = ChosenEncoder().Matches(errors, muxer.Index);
                var encoder = named.Count > 0 ? named[0].Groups[1].Value : settings.Codec;
                var soundEncoder = format is null ? null : named.Count > 1 ? named[1].Groups[1].Value : audio!.Codec;
                return new Outcome(muxer.Groups[1].Value, encoder.Length > 0 ? encoder : null, "", soundEncoder is { Length: > 0 } ? soundEncoder : null);
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

    private sealed record Outcome(string? Muxer, string? Encoder, string Refusal, string? SoundEncoder = null);

    [GeneratedRegex(@"^Output #0, ([^,\s]+), to ", RegexOptions.Multiline)]
    private static partial Regex ChosenMuxer();

    [GeneratedRegex(@"^\s+encoder\s+: Lavc\S* (\S+)", RegexOptions.Multiline)]
    private static partial Regex ChosenEncoder();

    [GeneratedRegex(@"\[(\S+) @ 0x[0-9a-f]+\] ")]
    private static partial Regex Address();
}
