using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Outputs;

/// <summary>
/// Sound through <c>sc render</c> compared sample by sample with what went in (moviepy's audio tests, ported): sources
/// written at their own rate and layout come back untouched, and gains land on the exact samples.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class SampleExactAudioTests
{
    [SkippableFact]
    public async Task A_44_1_kHz_noise_wav_round_trips_within_1e_4_with_every_sample_and_a_22_05_kHz_source_stays_at_22_05_kHz()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio-exact");
        // Lengths that are not whole milliseconds (2.500023 s, 1.500045 s), so a duration rounded anywhere loses samples.
        var noise44 = WavFile.Noise(110251, 2, seed: 44);
        WavFile.Write(folder["noise44.wav"], 44100, 2, WavFile.StereoMask, noise44);
        var noise22 = WavFile.Noise(33076, 1, seed: 22);
        WavFile.Write(folder["noise22.wav"], 22050, 1, WavFile.MonoMask, noise22);
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "roundtrip.csx", """
            RenderAudio(Audio("noise44.wav"), "float.wav", codec: "pcm_f32le");
            RenderAudio(Audio("noise44.wav"), "s16.wav");
            RenderAudio(Audio("noise22.wav"), "noise22.wav.out.wav", codec: "pcm_f32le");
            Render(Composite(64, 64, [Color(64, 64, "navy"), Audio("noise22.wav")]).WithDuration(1.5), "noise22.mp4");
            """);
        Assert.True(result.ExitCode == 0, result.ToString());

        foreach (var file in new[] { "float.wav", "s16.wav" })
        {
            Assert.Equal((44100, 2), (AudioProbe.Format(folder[file]).SampleRate, AudioProbe.Format(folder[file]).Channels));
            var samples = AudioProbe.Samples(folder[file]);
            Assert.Equal(noise44.Length, samples.Length);
            var (error, at) = AudioProbe.MaxError(noise44, samples);
            Assert.True(error <= 1e-4, $"{file}: sample {at / 2} of channel {at % 2} is off by {error}");
        }
        Assert.Equal(noise44, AudioProbe.Samples(folder["float.wav"]));

        Assert.Equal((22050, 1), (AudioProbe.Format(folder["noise22.wav.out.wav"]).SampleRate, AudioProbe.Format(folder["noise22.wav.out.wav"]).Channels));
        Assert.Equal(noise22, AudioProbe.Samples(folder["noise22.wav.out.wav"]));
        Assert.Equal(22050, AudioProbe.Format(folder["noise22.mp4"]).SampleRate);
    }

    [SkippableFact]
    public async Task A_5_1_source_is_rendered_as_5_1_and_folds_down_to_stereo_with_standard_coefficients()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio-exact");
        const int frames = 48000;
        var surround = new float[frames * 6];
        for (var n = 0; n < frames; n++)
            for (var c = 0; c < 6; c++)
                surround[n * 6 + c] = (float)(0.2 * Math.Sin(2 * Math.PI * 100 * (c + 1) * n / 48000.0));
        WavFile.Write(folder["surround.wav"], 48000, 6, WavFile.FivePointOneMask, surround);
        var mono = WavFile.Noise(24000, 1, seed: 1);
        WavFile.Write(folder["mono.wav"], 48000, 1, WavFile.MonoMask, mono);
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "surround.csx", """
            var surround = Audio("surround.wav");
            RenderAudio(surround, "surround.out.wav", codec: "pcm_f32le");
            RenderAudio(surround, "stereo.wav", codec: "pcm_f32le", channels: 2);
            Render(Composite(64, 64, [Color(64, 64, "navy"), surround]).WithDuration(1), "surround.mp4");
            RenderAudio(Audio("mono.wav"), "mono.out.wav", codec: "pcm_f32le");
            RenderAudio(Audio("mono.wav"), "mono-in-stereo.wav", codec: "pcm_f32le", channels: 2);
            """);
        Assert.True(result.ExitCode == 0, result.ToString());

        Assert.Equal((48000, 6, "5.1"), AudioProbe.Format(folder["surround.out.wav"]));
        Assert.Equal(surround, AudioProbe.Samples(folder["surround.out.wav"]));
        Assert.Equal((48000, 6, "5.1"), AudioProbe.Format(folder["surround.mp4"]));

        // ITU-R BS.775: L = FL + FC/√2 + BL/√2 and R = FR + FC/√2 + BR/√2; the LFE is left out.
        var half = Math.Sqrt(0.5);
        var stereo = AudioProbe.Samples(folder["stereo.wav"]);
        var expected = new float[frames * 2];
        for (var n = 0; n < frames; n++)
        {
            var s = surround.AsSpan(n * 6, 6);
            expected[2 * n] = (float)(s[0] + half * s[2] + half * s[4]);
            expected[2 * n + 1] = (float)(s[1] + half * s[2] + half * s[5]);
        }
        var (error, at) = AudioProbe.MaxError(expected, stereo);
        Assert.True(error <= 1e-6, $"the stereo fold-down is off by {error} at sample {at / 2}");

        Assert.Equal((48000, 1, "mono"), AudioProbe.Format(folder["mono.out.wav"]));
        Assert.Equal(mono, AudioProbe.Samples(folder["mono.out.wav"]));
        Assert.Equal(mono.SelectMany(v => new[] { v, v }).ToArray(), AudioProbe.Samples(folder["mono-in-stereo.wav"]));
    }

    [SkippableFact]
    public async Task Fades_and_volume_windows_land_on_the_exact_samples_of_a_file()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio-exact");
        var noise = WavFile.Noise(48000, 2, seed: 7);
        WavFile.Write(folder["noise.wav"], 48000, 2, WavFile.StereoMask, noise);
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "gains.csx", """
            RenderAudio(Tone(440, 2, amplitude: 1).AudioFadeIn(1), "fade.wav", codec: "pcm_f32le");
            RenderAudio(Audio("noise.wav").Volume(0, 0.1, 0.2), "window.wav", codec: "pcm_f32le");
            RenderAudio(Audio("noise.wav").Volume(t => t < 0.1 ? 1 : 0), "function.wav", codec: "pcm_f32le");
            """);
        Assert.True(result.ExitCode == 0, result.ToString());

        // moviepy's test_audio_fadein: each tenth of the fade peaks at the gain its end reaches.
        // A tone-only mix is stereo, the tone on both sides: the left side is enough.
        var fade = AudioProbe.Samples(folder["fade.wav"]).Where((_, i) => i % 2 == 0).ToArray();
        Assert.Equal(96000, fade.Length);
        for (var k = 0; k < 10; k++)
        {
            var peak = fade.AsSpan(k * 4800, 4800).ToArray().Max(Math.Abs);
            Assert.True(Math.Abs(peak - (k + 1) / 10.0) <= 1e-3, $"tenth {k} of the fade-in peaks at {peak}, expected {(k + 1) / 10.0}");
        }

        var window = AudioProbe.Samples(folder["window.wav"]);
        Assert.Equal(noise.Length, window.Length);
        for (var i = 0; i < noise.Length; i++)
        {
            var n = i / 2;
            var silent = n is >= 4800 and <= 9600;
            Assert.True(window[i] == (silent ? 0 : noise[i]), $"sample {n} is {window[i]}, expected {(silent ? 0 : noise[i])}");
        }

        var function = AudioProbe.Samples(folder["function.wav"]);
        Assert.Equal(noise.AsSpan(0, 9600).ToArray(), function.AsSpan(0, 9600).ToArray());
        Assert.All(function.Skip(9600), v => Assert.Equal(0, v));
    }

    [SkippableFact]
    public async Task Sources_at_different_rates_are_each_resampled_once_to_48_kHz_with_a_high_quality_resampler()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio-exact");
        var sine = new float[44100];
        for (var n = 0; n < sine.Length; n++)
            sine[n] = (float)(0.5 * Math.Sin(2 * Math.PI * 1000 * n / 44100.0));
        WavFile.Write(folder["sine44.wav"], 44100, 1, WavFile.MonoMask, sine);
        WavFile.Write(folder["silence48.wav"], 48000, 1, WavFile.MonoMask, new float[48000]);
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "rates.csx", """
            RenderAudio(Composite(2, 2, Audio("sine44.wav"), Audio("silence48.wav")), "mixed.wav", codec: "pcm_f32le");
            RenderAudio(Audio("sine44.wav"), "at48.wav", codec: "pcm_f32le", sampleRate: 48000);
            """);
        Assert.True(result.ExitCode == 0, result.ToString());

        foreach (var file in new[] { "mixed.wav", "at48.wav" })
        {
            Assert.Equal((48000, 1), (AudioProbe.Format(folder[file]).SampleRate, AudioProbe.Format(folder[file]).Channels));
            var samples = AudioProbe.Samples(folder[file]);
            Assert.Equal(48000, samples.Length);
            // Away from the cut ends (where any band-limited resampler rings), the sine is the ideal one at 48 kHz.
            var ideal = Enumerable.Range(0, 48000).Select(n => (float)(0.5 * Math.Sin(2 * Math.PI * 1000 * n / 48000.0))).ToArray();
            var (error, at) = AudioProbe.MaxError(ideal.AsSpan(480, 47040), samples.AsSpan(480, 47040));
            Assert.True(error <= 1e-4, $"{file}: the resampled sine is off by {error} at sample {at + 480}");
        }
    }

    [SkippableFact]
    public async Task A_file_cut_reversed_looped_and_placed_plays_the_source_samples_where_they_belong_decoded_in_process_or_not()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio-exact");
        using var byFfmpeg = new TempFolder("audio-exact");
        var noise = WavFile.Noise(24000, 2, seed: 3);
        var sine = Enumerable.Range(0, 44100).Select(n => (float)(0.5 * Math.Sin(2 * Math.PI * 700 * n / 44100.0))).ToArray();
        foreach (var f in new[] { folder, byFfmpeg })
        {
            WavFile.Write(f["noise.wav"], 48000, 2, WavFile.StereoMask, noise);
            WavFile.Write(f["sine44.wav"], 44100, 1, WavFile.MonoMask, sine);
        }
        const string script = """
            var noise = Audio("noise.wav");                                   // 0.5 s
            RenderAudio(noise.Subclip(0.1, 0.3), "cut.wav", codec: "pcm_f32le");
            RenderAudio(noise.Reverse(), "reversed.wav", codec: "pcm_f32le");
            RenderAudio(noise.Loop(3), "looped.wav", codec: "pcm_f32le");
            RenderAudio(Composite(2, 2, noise.WithStart(0.25)).WithDuration(1), "placed.wav", codec: "pcm_f32le");
            RenderAudio(Concatenate([noise.Subclip(0, 0.1), noise.Subclip(0.2, 0.3).Reverse()]), "chained.wav", codec: "pcm_f32le");
            var sine = Audio("sine44.wav");                                   // 1 s at 44.1 kHz, into a 48 kHz mix
            RenderAudio(Composite(2, 2, noise, sine.Subclip(0.2, 0.9), sine.Speed(1.5).Reverse().WithStart(0.1)).WithDuration(1), "resampled.wav", codec: "pcm_f32le");
            """;
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "moves.csx", script);
        Assert.True(result.ExitCode == 0, result.ToString());
        var fallback = ScRunner.RunProcess(["render", byFfmpeg.Write("moves.csx", script), "--backend", "cpu"],
            new Dictionary<string, string?> { ["SC_IN_PROCESS_DECODE"] = "0" });
        Assert.True(fallback.ExitCode == 0, fallback.ToString());

        float[] Frames(int from, int count) => noise.AsSpan(from * 2, count * 2).ToArray();
        float[] Reversed(float[] frames) => Enumerable.Range(0, frames.Length / 2).Reverse().SelectMany(n => new[] { frames[2 * n], frames[2 * n + 1] }).ToArray();

        Assert.Equal(Frames(4800, 9600), AudioProbe.Samples(folder["cut.wav"]));
        Assert.Equal(Reversed(noise), AudioProbe.Samples(folder["reversed.wav"]));
        Assert.Equal(noise.Concat(noise).Concat(noise).ToArray(), AudioProbe.Samples(folder["looped.wav"]));
        Assert.Equal(new float[24000].Concat(noise).Concat(new float[24000]).ToArray(), AudioProbe.Samples(folder["placed.wav"]));
        Assert.Equal(Frames(0, 4800).Concat(Reversed(Frames(9600, 4800))).ToArray(), AudioProbe.Samples(folder["chained.wav"]));
        // ffmpeg processes (SC_IN_PROCESS_DECODE=0) decode, resample, cut, reverse and speed up to the same samples.
        foreach (var file in new[] { "cut.wav", "reversed.wav", "looped.wav", "placed.wav", "chained.wav", "resampled.wav" })
            Assert.Equal(AudioProbe.Samples(folder[file]), AudioProbe.Samples(byFfmpeg[file]));
    }

    [SkippableTheory]
    [InlineData("Render(scene, \"bad.mp4\");", "bad.mp4")]
    [InlineData("RenderAudio(scene, \"bad.wav\");", "bad.wav")]
    public async Task A_volume_function_that_fails_mid_render_stops_it_with_its_message_and_leaves_nothing(string output, string file)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio-exact");
        WavFile.Write(folder["noise.wav"], 48000, 2, WavFile.StereoMask, WavFile.Noise(96000, 2, seed: 5));
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "bad.csx", $$"""
            var scene = Composite(64, 64, [Color(64, 64, "navy"), Audio("noise.wav").Volume(t => t < 1.5 ? 1 : -1)]).WithDuration(2);
            {{output}}
            """);

        FailureAssert.Clean(result, folder, folder[file], "volume function", "returned -1 at 1.5 s");
    }
}
