using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Outputs;

/// <summary>The clip graph's sound, lowered to one ffmpeg filter graph and muxed with the picture.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class AudioTests
{
    private const double OneFrame = 1.0 / 30;

    [SkippableFact]
    public async Task Tones_cut_delayed_concatenated_and_sped_up_start_within_a_frame_of_the_script()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "sync.csx", """
            var beep = Tone(1000, 2).Subclip(0.5, 1.0);               // 0.5 s
            var slow = Tone(500, 1).Speed(2);                         // 0.5 s
            var cut = Tone(700, 3).CutOut(0.2, 2.7);                  // 0.5 s
            var chain = Concatenate([beep, Silence(1), slow, Silence(0.5), cut]);   // sound at 0-0.5, 1.5-2, 2.5-3
            var looped = Tone(300, 0.25).Loop(2).WithStart(3.6);      // sound at 3.6-4.1
            var scene = Composite(64, 64, [Color(64, 64, "navy"), chain.WithStart(1), looped], "black").WithDuration(5);
            Render(scene, "sync.mp4");
            RenderAudio(scene, "sync.wav");
            """);
        Assert.True(result.ExitCode == 0, result.ToString());

        foreach (var file in new[] { "sync.wav", "sync.mp4" })
        {
            var sounding = AudioProbe.SoundingIntervals(folder[file], 5);
            var expected = new[] { (1.0, 1.5), (2.5, 3.0), (3.5, 4.0), (3.6, 4.1) }.OrderBy(e => e.Item1).ToList();
            // The looped tone (3.6-4.1) overlaps the third chained tone (3.5-4.0): silencedetect sees one stretch 3.5-4.1.
            var merged = new[] { (1.0, 1.5), (2.5, 3.0), (3.5, 4.1) };
            Assert.Equal(merged.Length, sounding.Count);
            for (var i = 0; i < merged.Length; i++)
            {
                Assert.True(Math.Abs(sounding[i].Start - merged[i].Item1) <= OneFrame, $"{file}: sound {i} starts at {sounding[i].Start:0.000} s, expected {merged[i].Item1} s");
                Assert.True(Math.Abs(sounding[i].End - merged[i].Item2) <= OneFrame + 0.03, $"{file}: sound {i} ends at {sounding[i].End:0.000} s, expected {merged[i].Item2} s");
            }
            _ = expected;
        }
        var stream = AudioProbe.Stream(folder["sync.mp4"]);
        Assert.NotNull(stream);
        Assert.Equal("aac", stream.Value.Codec);
        Assert.Equal(48000, stream.Value.SampleRate);
        Assert.Equal(5, stream.Value.Duration, 1);
    }

    [SkippableFact]
    public async Task Two_sources_mixed_at_known_volumes_give_the_expected_rms()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "mix.csx", """
            var a = Tone(440, 2, amplitude: 0.5).Volume(0.5);   // amplitude 0.25
            var b = Tone(660, 2, amplitude: 0.5).Volume(0.25);  // amplitude 0.125
            RenderAudio(Composite(2, 2, a, b), "mix.wav");
            """);
        Assert.True(result.ExitCode == 0, result.ToString());

        // Uncorrelated sines add in power: RMS = sqrt(0.25²/2 + 0.125²/2) = 0.1976, −14.08 dBFS.
        var expected = 20 * Math.Log10(Math.Sqrt(0.25 * 0.25 / 2 + 0.125 * 0.125 / 2));
        var measured = AudioProbe.RmsDb(folder["mix.wav"]);
        Assert.True(Math.Abs(measured - expected) <= 1, $"mix RMS is {measured:0.00} dBFS, expected {expected:0.00} ± 1 dB");
    }

    [SkippableFact]
    public async Task Audio_fades_ramp_the_level()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "fade.csx", """
            var tone = Tone(440, 2, amplitude: 0.5);
            RenderAudio(tone, "flat.wav");
            RenderAudio(tone.AudioFadeIn(1).AudioFadeOut(1), "faded.wav");
            """);
        Assert.True(result.ExitCode == 0, result.ToString());

        // A linear ramp up then down over the whole clip keeps 1/3 of the power: −4.77 dB.
        var drop = AudioProbe.RmsDb(folder["flat.wav"]) - AudioProbe.RmsDb(folder["faded.wav"]);
        Assert.True(Math.Abs(drop - 4.77) <= 0.5, $"fading in and out lowered the level by {drop:0.00} dB, expected 4.77 dB");
    }

    [SkippableFact]
    public async Task A_video_sound_is_cut_with_its_picture_and_can_be_dropped_or_replaced()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio");
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=size=160x120:rate=30:duration=4", "-f", "lavfi", "-i", "sine=frequency=440:sample_rate=48000:duration=4",
            "-c:v", "libx264", "-preset", "ultrafast", "-c:a", "aac", "-shortest", folder["source.mp4"]);
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "sine=frequency=880:sample_rate=44100:duration=1", folder["music.wav"]);
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "video.csx", """
            var v = Video("source.mp4").Subclip(1, 3);
            Render(v, "cut.mp4");
            Render(v.WithoutAudio(), "silent.mp4");
            Render(v.WithAudio(Audio("music.wav").WithStart(0.5)), "replaced.mp4");
            """);
        Assert.True(result.ExitCode == 0, result.ToString());

        Assert.Equal(2, AudioProbe.Stream(folder["cut.mp4"])!.Value.Duration, 1);
        Assert.Equal([(0.0, 2.0)], AudioProbe.SoundingIntervals(folder["cut.mp4"], 2).Select(r => (Math.Round(r.Start, 1), Math.Round(r.End, 1))));
        Assert.Null(AudioProbe.Stream(folder["silent.mp4"]));
        var replaced = AudioProbe.SoundingIntervals(folder["replaced.mp4"], 2);
        Assert.Single(replaced);
        Assert.True(Math.Abs(replaced[0].Start - 0.5) <= OneFrame, $"the replacement sound starts at {replaced[0].Start:0.000} s, expected 0.5 s");
        Assert.True(Math.Abs(replaced[0].End - 1.5) <= OneFrame + 0.03, $"the replacement sound ends at {replaced[0].End:0.000} s, expected 1.5 s");
    }

    [SkippableFact]
    public async Task Render_from_to_keeps_sound_in_step_with_the_picture()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "range.csx", """
            var scene = Composite(64, 64, [Color(64, 64, "navy"), Tone(440, 0.5).WithStart(2)], "black").WithDuration(4);
            Render(scene, "range.mp4");
            """, "--from", "1", "--to", "3");
        Assert.True(result.ExitCode == 0, result.ToString());

        var sounding = AudioProbe.SoundingIntervals(folder["range.mp4"], 2);
        Assert.Single(sounding);
        Assert.True(Math.Abs(sounding[0].Start - 1) <= OneFrame, $"the tone starts at {sounding[0].Start:0.000} s of the range, expected 1 s");
    }
}
