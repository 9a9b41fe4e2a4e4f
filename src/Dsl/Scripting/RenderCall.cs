using ScriptComposer.Dsl.Audio;
using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Dsl.Scripting;

/// <summary>
/// What a script's <c>Render(...)</c> said of its output, as given: null (or a default) where it left the choice to sc. The
/// choices that follow from the path (the container's codec, pixel format and sound) are made in <see cref="Declare"/>, so
/// <c>sc render -o other.gif</c> declares the output again for its own path instead of keeping what suited the script's.
/// </summary>
public sealed record RenderCall(
    double Fps, string? Codec, string? Preset, int? Crf, string? Bitrate, int? Threads, string? PixelFormat, IReadOnlyList<string>? FfmpegArgs,
    bool Alpha, bool Audio, string? AudioCodec, string? AudioBitrate, int? SampleRate, int? Channels)
{
    /// <summary>The output of <paramref name="clip"/> at <paramref name="resolved"/> (a full path) with these arguments, checked as <c>Render</c> checks it.</summary>
    /// <exception cref="ScriptComposerException">The container, codecs or size do not go together.</exception>
    public VideoOutput Declare(Clip clip, string resolved)
    {
        var rate = FrameRate.FromDouble(Fps);
        var kind = OutputFormats.KindOf(resolved);
        if (kind != OutputKind.ImageSequence)
            OutputFile.CheckNotAFolder(resolved);
        OutputFormats.CheckExtension(resolved);
        if (OutputFormats.IsAudioOnly(resolved))
            throw new ScriptComposerException(
                $"'{Path.GetFileName(resolved)}' holds sound only, and this output is a video. Write the sound alone with RenderAudio(clip, \"{Path.GetFileName(resolved)}\"), " +
                "or give a video file (.mp4, .mkv, .mov or .webm) for picture and sound.");
        OutputFormats.CheckNotOnePicture(resolved);
        if (FfmpegArgs is not null)
            ExtraFfmpegArguments.Check(FfmpegArgs);
        var videoCodec = Codec ?? OutputFormats.DefaultVideoCodec(resolved, Alpha);
        var withAudio = Audio && kind == OutputKind.Video;
        var inTable = OutputFormats.IsInTable(resolved, videoCodec);
        if (inTable)
            OutputFormats.CheckVideo(resolved, videoCodec, Alpha);
        if (withAudio && AudioCodec is not null && inTable)
            OutputFormats.CheckAudio(resolved, AudioCodec);
        var format = PixelFormat ?? OutputFormats.DefaultPixelFormat(videoCodec, Alpha, kind);
        if (Alpha && !inTable && !OutputFormats.HasAlpha(format))
            throw new ScriptComposerException(
                $"alpha: true needs a pixel format with alpha, and '{format}' has none. Give one the codec takes (pixelFormat: \"yuva420p\" or \"rgba\"), or use a .mov with prores_ks, a .webm with libvpx-vp9, or a PNG sequence.");
        if (kind == OutputKind.Video)
            VideoEncoder.CheckSize(format, clip.Width, clip.Height);
        var settings = new EncoderSettings(videoCodec, Preset ?? (EncoderSettings.TakesPreset(videoCodec) ? "medium" : null), Crf, Bitrate, Threads,
            format, FfmpegArgs?.ToArray());
        var sound = withAudio ? new AudioSettings(AudioCodec, AudioBitrate, SampleRate, Channels) : null;
        if (!inTable)
        {
            // The container's own codecs, video and sound, where the script named none and sc's defaults do not fit it.
            var heard = OutputTrial.Heard(clip, sound);
            (settings, var settledSound) = OutputTrial.Settle(resolved, settings, Codec is not null, clip.Width, clip.Height, rate, Alpha, heard);
            if (heard is not null)
                sound = settledSound;
        }
        return new VideoOutput(clip, resolved, rate, settings, Alpha, sound) { Call = this };
    }
}
