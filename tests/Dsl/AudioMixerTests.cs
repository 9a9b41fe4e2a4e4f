using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Audio;

namespace ScriptComposer.Tests.Dsl;

/// <summary>
/// The mix, sample by sample, for generated sound (no ffmpeg involved): where each segment lands, and every gain at the
/// exact time of each sample.
/// </summary>
public class AudioMixerTests
{
    private const int Rate = 48000;

    private static readonly AudioFormat Mono = new(Rate, ChannelLayout.Mono);

    /// <summary>The whole mix of <paramref name="clip"/>'s sound from <paramref name="from"/> to its end (or <paramref name="to"/>).</summary>
    private static float[] Mix(Clip clip, AudioFormat? format = null, double from = 0, double? to = null)
    {
        format ??= Mono;
        using var mixer = new AudioMixer(AudioTimeline.Segments(clip), format, from, to ?? clip.Duration!.Value, soxr: false);
        var samples = new float[mixer.FrameCount * format.Channels];
        var done = 0;
        int frames;
        // Odd-sized reads, so block edges fall everywhere.
        while ((frames = mixer.Read(samples.AsSpan(done, Math.Min(samples.Length - done, 1237 * format.Channels)))) > 0)
            done += frames * format.Channels;
        Assert.Equal(samples.Length, done);
        return samples;
    }

    private static double Sine(double frequency, double amplitude, double time) => amplitude * Math.Sin(2 * Math.PI * frequency * time);

    private static void AssertSamples(Func<int, double> expected, float[] actual, double tolerance = 1e-6)
    {
        for (var n = 0; n < actual.Length; n++)
            Assert.True(Math.Abs(actual[n] - expected(n)) <= tolerance, $"sample {n} ({n / (double)Rate:0.######} s) is {actual[n]}, expected {expected(n)}");
    }

    [Fact]
    public void FreezeLast_plays_the_sound_to_the_end_then_holds_silence_as_freeze_does()
    {
        var scene = Clips.Composite(2, 2, Clips.Tone(1000, 1, amplitude: 1)).WithDuration(1).FreezeLast(0.5);

        var mix = Mix(scene);

        Assert.Equal(Rate * 3 / 2, mix.Length);
        AssertSamples(n => n < Rate ? Sine(1000, 1, n / (double)Rate) : 0, mix);
    }

    [Fact]
    public void A_tone_starts_on_the_sample_nearest_its_start_and_ends_before_the_one_nearest_its_end()
    {
        var scene = Clips.Composite(2, 2, Clips.Tone(1000, 0.25, amplitude: 1).WithStart(0.5)).WithDuration(1);

        var mix = Mix(scene);

        Assert.Equal(Rate, mix.Length);
        AssertSamples(n => n is >= 24000 and < 36000 ? Sine(1000, 1, (n - 24000) / (double)Rate) : 0, mix);
        Assert.NotEqual(0, mix[24001]);
        Assert.NotEqual(0, mix[35999]);
    }

    [Fact]
    public void A_volume_function_of_a_clip_placed_off_the_sample_grid_is_asked_only_inside_the_clip()
    {
        // The clip's first sample is the one nearest 0.50001 s, a little before it: t => t would give a negative gain there, refused.
        var scene = Clips.Composite(2, 2, Clips.Tone(1000, 0.25, amplitude: 1).Volume(t => t).WithStart(0.50001)).WithDuration(1);

        var mix = Mix(scene);

        Assert.Equal(0, mix[24000]);
        Assert.NotEqual(0, mix[24001]);
    }

    [Fact]
    public void Audio_fade_in_rises_with_every_sample_and_fade_out_falls_to_silence()
    {
        var tone = Clips.Tone(440, 2, amplitude: 1).AudioFadeIn(1).AudioFadeOut(0.5);

        var mix = Mix(tone);

        AssertSamples(n =>
        {
            var t = n / (double)Rate;
            return Sine(440, 1, t) * Math.Min(1, t) * Math.Min(1, (2 - t) / 0.5);
        }, mix);
        // moviepy's check: the loudest sample of each tenth of the fade-in is that tenth's end gain.
        for (var k = 0; k < 10; k++)
        {
            var peak = mix.AsSpan(k * 4800, 4800).ToArray().Max(Math.Abs);
            Assert.True(Math.Abs(peak - (k + 1) / 10.0) <= 1e-3, $"tenth {k} of the fade-in peaks at {peak}, expected {(k + 1) / 10.0}");
        }
    }

    [Fact]
    public void Volume_in_a_window_silences_exactly_that_window_both_ends_included()
    {
        var tone = Clips.Tone(440, 0.5, amplitude: 1);
        // Placed late in a composite, so the window's times come through a shift.
        var scene = Clips.Composite(2, 2, tone.Volume(0, 0.1, 0.2).WithStart(1.3)).WithDuration(2);

        var mix = Mix(scene);

        AssertSamples(n =>
        {
            var local = (n - 62400) / (double)Rate;
            if (n < 62400 || n >= 62400 + 24000) return 0;
            return local is >= 0.1 and <= 0.2 ? 0 : Sine(440, 1, local);
        }, mix);
        Assert.Equal(0, mix[62400 + 4800]);
        Assert.Equal(0, mix[62400 + 9600]);
        Assert.NotEqual(0, mix[62400 + 4799]);
        Assert.NotEqual(0, mix[62400 + 9601]);
    }

    [Fact]
    public void A_volume_function_is_asked_at_each_sample_time()
    {
        var asked = new List<double>();
        var tone = Clips.Tone(440, 0.2, amplitude: 1).Volume(t => { asked.Add(t); return t < 0.1 ? 1 : 0; });

        var mix = Mix(tone);

        AssertSamples(n => n < 4800 ? Sine(440, 1, n / (double)Rate) : 0, mix);
        Assert.Equal(9600, asked.Count);
        Assert.Equal(Enumerable.Range(0, 9600).Select(n => n / (double)Rate), asked);
    }

    [Fact]
    public void Envelopes_follow_speed_reverse_subclip_and_loop()
    {
        // A fade over the tone's own first second: after Speed(2) it spans the first half second; reversed, the last.
        var faded = Clips.Tone(440, 2, amplitude: 1).AudioFadeIn(1);

        AssertSamples(n => Sine(880, 1, n / (double)Rate) * Math.Min(1, 2 * n / (double)Rate), Mix(faded.Speed(2)));
        // Reversed samples play in reverse order (sample n is the forward one's last − n); the envelope mirrors time
        // itself (t becomes 1 − t), half a sample from that, so its gain is within 2/48000 of the sample's.
        AssertSamples(n =>
        {
            var mirrored = (Rate - 1 - n) / (double)Rate;
            return Sine(880, 1, mirrored) * Math.Min(1, 2 * mirrored);
        }, Mix(faded.Speed(2).Reverse()), tolerance: 1e-4);
        // A clip's fades run on its own timeline, which Subclip restarts at 0.
        AssertSamples(n => Sine(440, 1, 0.5 + n / (double)Rate) * Math.Min(1, n / (double)Rate), Mix(faded.Subclip(0.5, 1.5)));
        // Each pass of a loop fades in again: the fade belongs to the looped clip.
        var loop = Clips.Tone(440, 0.25, amplitude: 1).AudioFadeIn(0.1).Loop(3);
        AssertSamples(n =>
        {
            var local = n % 12000 / (double)Rate;
            return Sine(440, 1, local) * Math.Min(1, local / 0.1);
        }, Mix(loop));
    }

    [Fact]
    public void A_range_of_the_timeline_is_the_same_samples_as_the_whole()
    {
        var scene = Clips.Composite(2, 2, Clips.Tone(300, 1, amplitude: 1).AudioFadeIn(0.7).WithStart(0.4)).WithDuration(2);

        var whole = Mix(scene);
        var part = Mix(scene, from: 0.9, to: 1.3);

        Assert.Equal(whole.AsSpan(43200, 19200).ToArray(), part);
    }

    [Fact]
    public void A_mono_tone_plays_at_full_level_on_both_sides_of_a_stereo_mix()
    {
        var stereo = Mix(Clips.Tone(440, 0.1, amplitude: 0.5), new AudioFormat(Rate, ChannelLayout.Stereo));

        AssertSamples(i => Sine(440, 0.5, i / 2 / (double)Rate), stereo);
    }

    [Fact]
    public void Sources_add_up_without_renormalising()
    {
        var scene = Clips.Composite(2, 2, Clips.Tone(440, 0.1, amplitude: 0.5).Volume(0.5), Clips.Tone(660, 0.1, amplitude: 0.5));

        AssertSamples(n => Sine(440, 0.25, n / (double)Rate) + Sine(660, 0.5, n / (double)Rate), Mix(scene));
    }

    [Fact]
    public void A_volume_function_that_returns_a_negative_number_names_the_clip_and_the_time()
    {
        var tone = Clips.Tone(440, 1).Volume(t => t < 0.5 ? 1 : -1);

        var error = Assert.Throws<ScriptComposerException>(() => Mix(tone));

        Assert.Contains("Tone(440 Hz)", error.Message);
        Assert.Contains("returned -1 at 0.5 s", error.Message);
    }

    [Fact]
    public void Volume_windows_are_checked_at_once()
    {
        var tone = Clips.Tone(440, 1);

        Assert.Throws<ArgumentOutOfRangeException>(() => tone.Volume(0, -1, 0.5));
        Assert.Throws<ArgumentOutOfRangeException>(() => tone.Volume(0, 0.5, 0.2));
        Assert.Throws<ArgumentOutOfRangeException>(() => tone.Volume(-2, 0.1, 0.2));
    }

    [Fact]
    public void A_loop_without_a_count_sounds_for_as_long_as_its_composite_shows_it()
    {
        var beep = Clips.Composite(2, 2, Clips.Tone(1000, 0.1, amplitude: 1), Clips.Silence(0.15).WithStart(0.1)).WithDuration(0.25);
        var scene = Clips.Composite(2, 2, beep.Loop()).WithDuration(1);

        var mix = Mix(scene);

        Assert.Equal(Rate, mix.Length);
        AssertSamples(n =>
        {
            var within = n % 12000;
            return within < 4800 ? Sine(1000, 1, within / (double)Rate) : 0;
        }, mix, tolerance: 1e-5);
    }

    [Fact]
    public void A_loop_without_a_count_and_nothing_around_it_with_a_duration_says_so()
    {
        var scene = Clips.Composite(2, 2, Clips.Tone(440, 0.5).Loop(), Clips.Color(2, 2, "red"));

        var error = Assert.Throws<ScriptComposerException>(() => AudioTimeline.Segments(scene));

        Assert.Contains("loops for as long as it is shown", error.Message);
        Assert.Contains("WithDuration", error.Message);
    }

    [Fact]
    public void Audio_times_take_clock_strings()
    {
        var tone = Clips.Tone(440, "0:02", amplitude: 1);

        Assert.Equal(Mix(tone.AudioFadeIn(0.5).Volume(0, 1, 1.5)), Mix(tone.AudioFadeIn("0:00.5").Volume(0, "0:01", "0:01.5")));
    }
}
