using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Audio;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// Where a file's samples land in the mix when it is cut, sped up and placed off the sample grid: no sample of it dropped or
/// doubled at a clip's start, and cuts that join without a click.
/// </summary>
public sealed class FileSoundPlacementTests : IDisposable
{
    private const int Rate = 48000;

    private readonly TempFolder _folder = new("sound-placement");

    public void Dispose() => _folder.Dispose();


    [SkippableFact]
    public void A_clip_placed_off_the_sample_grid_starts_with_its_first_sample_on_the_nearest_one()
    {
        // An impulse at the file's first sample and one at its last: neither may be lost or doubled wherever the clip is placed.
        var edge = Clips.Audio(Wav("edge.wav", 4800, n => n == 0 ? 1 : n == 4799 ? -1 : 0));

        var late = Mix(Clips.Mix(edge.WithStart(0.50001)));
        var afterSilence = Mix(Clips.Concatenate([Clips.Silence(0.1234), edge]));
        var thrice = Mix(Clips.Concatenate([Clips.Silence(0.1234), edge, edge, edge]));

        // 0.50001 s is sample 24000.48, 0.1234 s sample 5923.2: the clip starts on the nearest sample, with its first sample.
        Assert.Equal((1f, -1f), (late[24000], late[24000 + 4799]));
        Assert.Equal(2, late.Count(v => v != 0));
        Assert.Equal((1f, -1f), (afterSilence[5923], afterSilence[5923 + 4799]));
        Assert.Equal(2, afterSilence.Count(v => v != 0));
        for (var k = 0; k < 3; k++)
            Assert.Equal((1f, -1f), (thrice[5923 + 4800 * k], thrice[5923 + 4800 * k + 4799]));
        Assert.Equal(6, thrice.Count(v => v != 0));
    }


    [SkippableFact]
    public void A_cut_file_played_faster_has_no_click_where_it_was_cut()
    {
        // 0.5 sin(2π 440 t) for 2 s; t0 is a crest.
        var sine = Clips.Audio(Wav("sine.wav", 2 * Rate, n => 0.5 * Math.Sin(2 * Math.PI * 440 * n / Rate)));
        var t0 = 0.5 + 1.0 / 1760;

        var fromCrest = Mix(sine.Subclip(t0, t0 + 1).Speed(2));
        var whole = Mix(sine.Speed(2));
        var joined = Mix(Clips.Concatenate([sine.Subclip(0, t0).Speed(2), sine.Subclip(t0, 2).Speed(2)]));

        // The first sample is the crest (to the nearest source sample, 0.36 of a sample at 440 Hz), not a resampler's ring.
        Assert.InRange(fromCrest[0], 0.499, 0.501);
        for (var n = 0; n < fromCrest.Length - 64; n++)
            Assert.True(Math.Abs(fromCrest[n] - whole[n + 12014]) < 1e-3, $"sample {n} is {fromCrest[n]}, the uncut file's {whole[n + 12014]}");
        Assert.Equal(whole.Length, joined.Length);
        for (var n = 64; n < joined.Length - 64; n++)
            Assert.True(Math.Abs(joined[n] - whole[n]) < 1e-4, $"sample {n} is {joined[n]}, the uncut file's {whole[n]}");
    }

    private static float[] Mix(Clip clip)
    {
        var format = new AudioFormat(Rate, ChannelLayout.Mono);
        using var mixer = new AudioMixer(AudioTimeline.Segments(clip), format, 0, clip.Duration!.Value, soxr: false);
        var samples = new float[mixer.FrameCount];
        var done = 0;
        int frames;
        while ((frames = mixer.Read(samples.AsSpan(done, Math.Min(samples.Length - done, 1237)))) > 0)
            done += frames;
        Assert.Equal(samples.Length, done);
        return samples;
    }

    /// <summary>A mono 48 kHz WAV of <paramref name="frames"/> samples of <paramref name="sample"/>.</summary>
    private string Wav(string name, int frames, Func<int, double> sample)
    {
        ToolRunner.RequireFfmpeg();
        var samples = new float[frames];
        for (var n = 0; n < frames; n++)
            samples[n] = (float)sample(n);
        WavFile.Write(_folder[name], Rate, 1, WavFile.MonoMask, samples);
        return _folder[name];
    }
}
