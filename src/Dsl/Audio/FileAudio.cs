using ScriptComposer.Dsl.Media;

namespace ScriptComposer.Dsl.Audio;

/// <summary>The first audio stream of a media file: <see cref="Duration"/> seconds at <see cref="SampleRate"/> Hz in <see cref="Layout"/>.</summary>
public sealed record FileAudio(string Path, double Duration, int SampleRate, ChannelLayout Layout) : AudioSource
{
    public override double? Length => Duration;

    public static FileAudio Of(AudioInfo info)
    {
        if (info.SampleRate <= 0 || info.Channels <= 0)
            throw new ScriptComposerException($"ffprobe reports no sample rate or channels for the sound of '{info.Path}'; the file may be broken. Convert it to a WAV file with ffmpeg and use that.");
        return new(info.Path, info.Duration, info.SampleRate, ChannelLayout.Parse(info.ChannelLayout, info.Channels));
    }
}
