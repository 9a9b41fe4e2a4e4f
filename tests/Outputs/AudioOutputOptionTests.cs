using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Outputs;

/// <summary>
/// What the command line and <c>Render</c>'s defaults do to a sound output: <c>--from</c>/<c>--to</c> cut it as they cut a
/// video, the default bitrate suits every rate the codec takes, and a sound-only file given to <c>Render</c> says to use
/// <c>RenderAudio</c>.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class AudioOutputOptionTests
{
    [SkippableFact]
    public async Task From_and_to_cut_a_RenderAudio_output_to_the_exact_samples()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio-range");
        var noise = WavFile.Noise(3 * 48000, 1, seed: 7);
        WavFile.Write(folder["noise.wav"], 48000, 1, WavFile.MonoMask, noise);
        var (result, script) = await ScRunner.RenderScriptAsync(folder, "cut.csx", """
            RenderAudio(Audio("noise.wav"), "cut.wav", codec: "pcm_f32le");
            """, "--from", "1", "--to", "2");
        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(noise.AsSpan(48000, 48000).ToArray(), AudioProbe.Samples(folder["cut.wav"]));

        var outside = await ScRunner.RunAsync("render", script, "--from", "3.5");
        Assert.Equal(1, outside.ExitCode);
        Assert.Contains("--from 3.5 selects none of the sound", outside.Stderr, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(0.1)]
    [InlineData(0.2)]
    [InlineData(0.333)]
    [InlineData(0.7)]
    [InlineData(1.3)]
    public async Task An_mp3_at_8_kHz_of_any_length_is_written_with_its_sound_to_the_sample(double seconds)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio-mp3");
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "tone.csx", FormattableString.Invariant($"""
            RenderAudio(Tone(440, {seconds}), "t8k.mp3", sampleRate: 8000, channels: 1);
            """));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal((8000, 1), (AudioProbe.Format(folder["t8k.mp3"]).SampleRate, AudioProbe.Format(folder["t8k.mp3"]).Channels));
        // LAME's header names its delay and padding, which the decoder drops: the tone's samples, within a few.
        Assert.InRange(AudioProbe.Samples(folder["t8k.mp3"]).Length, (int)Math.Round(seconds * 8000), (int)Math.Round(seconds * 8000) + 16);
        Assert.InRange(AudioProbe.RmsDb(folder["t8k.mp3"]), -11, -7);
    }

    [SkippableTheory]
    [InlineData(22050, 1, "speech.ogg", "")]
    [InlineData(8000, 2, "phone.mkv", "audioCodec: \"libvorbis\"")]
    [InlineData(16000, 1, "voice.webm", "audioCodec: \"libvorbis\"")]
    public async Task Vorbis_at_a_low_rate_or_in_mono_is_written_with_the_default_bitrate(int rate, int channels, string output, string codec)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio-vorbis");
        WavFile.Write(folder["in.wav"], rate, channels, channels == 1 ? WavFile.MonoMask : WavFile.StereoMask, WavFile.Noise(rate * 2, channels, seed: 3));
        var render = output.EndsWith(".ogg", StringComparison.Ordinal)
            ? $"RenderAudio(Audio(\"in.wav\"), \"{output}\");"
            : $"Render(Composite(64, 64, [Color(64, 64, \"navy\"), Audio(\"in.wav\")]).WithDuration(2), \"{output}\", {codec});";
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "vorbis.csx", render);
        Assert.True(result.ExitCode == 0, result.ToString());
        var stream = AudioProbe.Stream(folder[output]);
        Assert.NotNull(stream);
        Assert.Equal("vorbis", stream.Value.Codec);
        Assert.Equal(rate, stream.Value.SampleRate);
        Assert.Equal(2, stream.Value.Duration, 1);
    }

    [SkippableTheory]
    [InlineData("sound.wav", null)]
    [InlineData("movie.mp4", "sound.mp3")]
    public async Task A_sound_only_file_for_a_video_output_says_to_use_RenderAudio(string declared, string? redirected)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("audio-only");
        var extra = redirected is null ? Array.Empty<string>() : ["-o", folder[redirected]];
        var (result, _) = await ScRunner.RenderScriptAsync(folder, "video.csx", $"""
            Render(Color(64, 48, "red").WithDuration(1).WithAudio(Tone(440, 1)), "{declared}", fps: 10);
            """, extra);
        var named = redirected ?? declared;
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"'{named}' holds sound only, and this output is a video", result.Stderr, StringComparison.Ordinal);
        Assert.Contains($"RenderAudio(clip, \"{named}\")", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain("libx264", result.Stderr, StringComparison.Ordinal);
        Assert.DoesNotContain(Directory.GetFiles(folder.Path), f => !f.EndsWith(".csx", StringComparison.Ordinal));
    }
}
