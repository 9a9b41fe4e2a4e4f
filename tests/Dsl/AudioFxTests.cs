using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Audio;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Dsl;

/// <summary>moviepy's audio fx through the DSL, sample by sample (generated sound: no ffmpeg).</summary>
public class AudioFxTests
{
    private const int Rate = 48000;

    /// <summary>The clip's sound mixed at 48 kHz in <paramref name="layout"/>, from 0 to <paramref name="to"/> (its end), interleaved.</summary>
    internal static float[] MixOf(Clip clip, ChannelLayout layout, double? to = null)
    {
        var format = new AudioFormat(Rate, layout);
        using var mixer = new AudioMixer(AudioTimeline.Segments(clip), format, 0, to ?? clip.Duration!.Value, soxr: false);
        var samples = new float[mixer.FrameCount * format.Channels];
        var done = 0;
        int frames;
        while ((frames = mixer.Read(samples.AsSpan(done, Math.Min(samples.Length - done, 999 * format.Channels)))) > 0)
            done += frames * format.Channels;
        return samples;
    }

    private static double Sine(double frequency, double amplitude, double t) => amplitude * Math.Sin(2 * Math.PI * frequency * t);

    [Fact]
    public void Audio_frames_asks_the_function_at_every_samples_time_for_every_channel()
    {
        var clip = AudioFrames((t, c) => c == 0 ? Sine(440, 0.5, t) : -0.25, 0.5, channels: 2);
        Assert.Equal(0.5, clip.Duration);
        Assert.False(clip.HasPicture);
        var mix = MixOf(clip, ChannelLayout.Stereo);
        Assert.Equal(Rate, mix.Length);
        for (var n = 0; n < mix.Length / 2; n += 97)
        {
            Assert.Equal(Sine(440, 0.5, n / (double)Rate), mix[2 * n], 4);
            Assert.Equal(-0.25, mix[2 * n + 1], 4);
        }
        // Later in a composite, reversed, faster: still asked at each sample's exact source time.
        var later = MixOf(Composite(2, 2, AudioFrames((t, _) => t, 1).Speed(2).WithStart(0.25)).WithDuration(1), ChannelLayout.Mono);
        Assert.Equal(0, later[12000 - 1]);
        Assert.Equal(2 * (24000 - 12000) / (double)Rate, later[24000], 4);
    }

    [Fact]
    public void Audio_frames_that_fails_names_the_time_and_channel()
    {
        var clip = AudioFrames((t, c) => t > 0.25 ? double.NaN : 0, 0.5);
        var error = Assert.Throws<ScriptComposerException>(() => MixOf(clip, ChannelLayout.Mono));
        Assert.Contains("AudioFrames returned NaN at 0.25", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Mix_sums_its_clips_each_at_its_start_and_draws_nothing()
    {
        var mix = Mix(Tone(440, 1, amplitude: 0.25), Tone(660, 0.5, amplitude: 0.25).WithStart(0.5));
        Assert.False(mix.HasPicture);
        Assert.Equal(1, mix.Duration);
        var samples = MixOf(mix, ChannelLayout.Mono);
        for (var n = 0; n < Rate; n += 101)
        {
            var t = n / (double)Rate;
            var expected = Sine(440, 0.25, t) + (t >= 0.5 ? Sine(660, 0.25, t - 0.5) : 0);
            Assert.Equal(expected, samples[n], 4);
        }
        // A Mix inside a composite plays as a layer's sound; a Mix with a picture's clip gives only its sound.
        Assert.Equal(samples, MixOf(Composite(4, 4, Color(4, 4, "red"), mix).WithDuration(1), ChannelLayout.Mono));
        Assert.Equal("clips", Assert.Throws<ArgumentException>(() => Mix()).ParamName);
    }

    [Fact]
    public void Stereo_volume_and_pan_scale_each_side_a_mono_source_can_be_panned()
    {
        var tone = Tone(440, 0.25, amplitude: 0.5);
        var stereo = MixOf(tone.StereoVolume(left: 0.5, right: 2), ChannelLayout.Stereo);
        var left = MixOf(tone.Pan(-1), ChannelLayout.Stereo);
        var half = MixOf(tone.Pan(0.5), ChannelLayout.Stereo);
        var mono = MixOf(tone.StereoVolume(0.25, 1), ChannelLayout.Mono);
        for (var n = 0; n < Rate / 4; n += 53)
        {
            var s = Sine(440, 0.5, n / (double)Rate);
            Assert.Equal(0.5 * s, stereo[2 * n], 4);
            Assert.Equal(2 * s, stereo[2 * n + 1], 4);
            Assert.Equal(s, left[2 * n], 4);
            Assert.Equal(0, left[2 * n + 1], 4);
            Assert.Equal(0.5 * s, half[2 * n], 4);
            Assert.Equal(s, half[2 * n + 1], 4);
            Assert.Equal(0.25 * s, mono[n], 4);
        }
        Assert.Equal("pan", Assert.Throws<ArgumentOutOfRangeException>(() => tone.Pan(2)).ParamName);
        Assert.Equal("left", Assert.Throws<ArgumentOutOfRangeException>(() => tone.StereoVolume(left: -1)).ParamName);
    }

    [Fact]
    public void Audio_loop_repeats_sound_only_clips()
    {
        var ramp = AudioFrames((t, _) => t, 0.25);
        var looped = ramp.AudioLoop(times: 3);
        Assert.Equal(0.75, looped.Duration);
        var samples = MixOf(looped, ChannelLayout.Mono);
        Assert.Equal(100 / (double)Rate, samples[12000 + 100], 4);
        Assert.Equal(100 / (double)Rate, samples[24000 + 100], 4);
        Assert.Equal(1.1, ramp.AudioLoop(seconds: 1.1).Duration);
        Assert.Contains("Loop(times: n)", Assert.Throws<InvalidOperationException>(() => Color(2, 2, "red").WithDuration(1).AudioLoop(times: 2)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Time_symmetrize_plays_the_sound_forwards_then_backwards()
    {
        var ramp = AudioFrames((t, _) => t, 0.5).TimeSymmetrize();
        Assert.Equal(1, ramp.Duration);
        var samples = MixOf(ramp, ChannelLayout.Mono);
        Assert.Equal(100 / (double)Rate, samples[100], 5);
        Assert.Equal(0.5 - 101 / (double)Rate, samples[24000 + 100], 5);
        Assert.Equal(0, samples[^1], 4);
    }

    [Fact]
    public void Picture_fx_built_of_copies_play_the_sound_once()
    {
        var scene = Composite(16, 16, Color(16, 16, "red"), Tone(440, 1, amplitude: 0.25)).WithDuration(1);
        var once = MixOf(scene, ChannelLayout.Mono);
        Assert.Equal(once, MixOf(scene.HeadBlur(t => (8, 8), 4), ChannelLayout.Mono));
        Assert.Equal(once, MixOf(scene.FreezeRegion(0.5, region: (0, 0, 8, 8)), ChannelLayout.Mono));
        Assert.Equal(once, MixOf(scene.FreezeRegion(0.5, outsideRegion: (0, 0, 8, 8)), ChannelLayout.Mono));
        Assert.Equal(once, MixOf(scene.Supersample(0.1, 3).Painting().LumContrast(5).Scroll(8, 8).MaskAnd(Color(8, 8, "white")), ChannelLayout.Mono));
        Assert.Equal(once.AsSpan(0, 24000).ToArray(), MixOf(scene.AccelDecel(0.5), ChannelLayout.Mono));
    }

    [Fact]
    public void Audio_normalize_scales_by_one_over_the_peak_as_moviepy()
    {
        // moviepy: max_volume = max |sample|; the clip is multiplied by 1 / max_volume.
        var quiet = AudioFrames((t, c) => c == 0 ? Sine(50, 0.2, t) : 0.1 * Math.Cos(2 * Math.PI * 30 * t), 0.5, channels: 2);
        var raw = MixOf(quiet, ChannelLayout.Stereo);
        var peak = raw.Max(Math.Abs);
        var normalized = MixOf(quiet.AudioNormalize(), ChannelLayout.Stereo);
        Assert.Equal(1, normalized.Max(Math.Abs), 4);
        for (var i = 0; i < raw.Length; i += 37)
            Assert.Equal(raw[i] / peak, normalized[i], 4);
        // Silence stays silent.
        Assert.All(MixOf(AudioFrames((_, _) => 0, 0.1).AudioNormalize(), ChannelLayout.Mono), s => Assert.Equal(0, s));
        // A normalized sound then scaled keeps the scale.
        Assert.Equal(0.5, MixOf(quiet.AudioNormalize().Volume(0.5), ChannelLayout.Stereo).Max(Math.Abs), 4);
    }
}
