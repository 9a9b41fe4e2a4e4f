using ScriptComposer.Dsl.Audio;

namespace ScriptComposer.Dsl;

/// <summary>Sound made from several clips or from a function: moviepy's <c>CompositeAudioClip</c> and <c>AudioClip(make_frame)</c>.</summary>
public static partial class Clips
{
    /// <summary>
    /// The sound of <paramref name="clips"/> mixed as a plain sum, each at its start (moviepy's <c>CompositeAudioClip</c>): a
    /// sound-only clip, for <c>RenderAudio</c>, <c>WithAudio</c> or a composite. Clips with pictures give their sound only.
    /// </summary>
    public static MixClip Mix(params Clip[] clips)
    {
        NullArgument.ThrowIfNull(clips);
        if (clips.Length == 0)
            throw new ArgumentException("Mix needs at least one clip with sound, e.g. Mix(Audio(\"voice.wav\"), Audio(\"music.mp3\").Volume(0.3)).", nameof(clips));
        return new MixClip(new ClipList(clips));
    }

    /// <summary>
    /// Sound from a function (moviepy's <c>AudioClip(make_frame)</c>): <paramref name="sample"/>(t, channel) gives each sample, −1 to 1
    /// at full scale, for <paramref name="duration"/> seconds and <paramref name="channels"/> channels (1 mono, 2 stereo, up to 8),
    /// asked at every sample's exact time at the output's rate, e.g. <c>AudioFrames((t, c) => 0.3 * Math.Sin(2 * Math.PI * 440 * t), 2)</c>.
    /// </summary>
    public static AudioClip AudioFrames(Func<double, int, double> sample, Seconds duration, int channels = 1)
    {
        NullArgument.ThrowIfNull(sample);
        if (!double.IsFinite(duration) || duration <= 0)
            throw new ArgumentOutOfRangeException(nameof(duration), $"AudioFrames needs a positive duration in seconds; got {duration}.");
        if (channels is < 1 or > 8)
            throw new ArgumentOutOfRangeException(nameof(channels), $"AudioFrames makes 1 to 8 channels (1 mono, 2 stereo); got {channels}.");
        return (AudioClip)new AudioClip(new FunctionAudio(sample, ChannelLayout.Default(channels), duration)).WithDuration(duration);
    }
}
