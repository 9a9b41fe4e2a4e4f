using ScriptComposer.Dsl.Audio;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Scripting;

namespace ScriptComposer.Dsl.Rendering;

/// <summary>
/// <c>sc check</c>'s trial of a video output's encoder: one frame encoded with every setting the output has (codec, preset, crf,
/// bitrate, pixel format, ffmpegArgs, sound) by <see cref="OutputTrial"/>. When ffmpeg refuses, each setting the script chose is
/// left out in turn to find the one at fault, so the error can name it.
/// </summary>
internal static class EncoderTrial
{
    /// <exception cref="ScriptComposerException">ffmpeg cannot write the output as it is set; the message names the setting and holds ffmpeg's words.</exception>
    public static void Require(VideoOutput video, FrameRate fps)
    {
        var sound = OutputTrial.Heard(video.Clip, video.Audio);
        if (Refusal(video, fps, video.Encoder, sound) is not { } refusal)
            return;
        var name = Path.GetFileName(video.Path);
        var culprit = Suspects(video, sound).FirstOrDefault(s => Refusal(video, fps, s.Without, s.SoundWithout) is null);
        if (culprit is null)
            throw new ScriptComposerException(
                $"ffmpeg cannot write '{name}' as it is set (codec: \"{video.Encoder.Codec}\"), so the render would fail. ffmpeg said:\n{refusal}\n" +
                "Change the setting ffmpeg names in the Render call.");
        throw new ScriptComposerException(
            $"ffmpeg cannot write '{name}' with {culprit.Setting}, so the render would fail. ffmpeg said:\n{refusal}\n{culprit.Fix}");
    }

    private static string? Refusal(VideoOutput video, FrameRate fps, EncoderSettings settings, AudioSettings? sound) =>
        OutputTrial.Refusal(video.Path, video.Kind, settings, video.Clip.Width, video.Clip.Height, fps, video.Alpha, sound);

    private sealed record Suspect(string Setting, string Fix, EncoderSettings Without, AudioSettings? SoundWithout);

    /// <summary>The settings the script chose that sc would not have, each with the output as it would be without it.</summary>
    private static IEnumerable<Suspect> Suspects(VideoOutput video, AudioSettings? sound)
    {
        var encoder = video.Encoder;
        var codec = encoder.Codec;
        var leaveOut = "Leave it out for sc's choice, or give one ffmpeg takes";
        var help = $"(ffmpeg -h encoder={codec} lists them).";
        if (encoder.ExtraArguments is { Count: > 0 } extra)
            yield return new Suspect($"ffmpegArgs: {{{string.Join(", ", extra.Select(a => $"\"{a}\""))}}}",
                "ffmpegArgs go to ffmpeg as they are, just before the output's name, and must leave it writing the file its extension names (no -f: the extension chooses the container). " +
                "Remove the ones ffmpeg names, or correct them (ffmpeg -h full lists the options).",
                encoder with { ExtraArguments = null }, sound);
        var preset = EncoderSettings.TakesPreset(codec) ? "medium" : null;
        if (encoder.Preset is { } given && given != preset)
            yield return new Suspect($"preset: \"{given}\"", $"{leaveOut} {help}", encoder with { Preset = preset }, sound);
        var pixelFormat = OutputFormats.DefaultPixelFormat(codec, video.Alpha, video.Kind);
        if (encoder.PixelFormat != pixelFormat)
            yield return new Suspect($"pixelFormat: \"{encoder.PixelFormat}\"", $"{leaveOut} {help}", encoder with { PixelFormat = pixelFormat }, sound);
        if (encoder.Bitrate is { } bitrate)
            yield return new Suspect($"bitrate: \"{bitrate}\"", "Give bits per second, such as bitrate: \"4M\" or \"800k\", or leave it out.", encoder with { Bitrate = null }, sound);
        if (encoder.Crf is { } crf)
            yield return new Suspect($"crf: {crf}", $"{leaveOut} {help}", encoder with { Crf = null }, sound);
        if (encoder.Threads is { } threads)
            yield return new Suspect($"threads: {threads}", "Leave it out.", encoder with { Threads = null }, sound);
        if (sound is null)
            yield break;
        if (sound.Codec is { } audioCodec)
            yield return new Suspect($"audioCodec: \"{audioCodec}\"", "Leave it out for the container's default, or give one ffmpeg has (ffmpeg -encoders lists them).", encoder, sound with { Codec = null });
        if (sound.Bitrate is { } audioBitrate)
            yield return new Suspect($"audioBitrate: \"{audioBitrate}\"", "Give bits per second, such as audioBitrate: \"192k\", or leave it out.", encoder, sound with { Bitrate = null });
        if (sound.SampleRate is { } rate)
            yield return new Suspect($"sampleRate: {rate}", "Leave it out for one the codec takes.", encoder, sound with { SampleRate = null });
        if (sound.Channels is { } channels)
            yield return new Suspect($"channels: {channels}", "Leave it out for one the codec takes.", encoder, sound with { Channels = null });
    }
}
