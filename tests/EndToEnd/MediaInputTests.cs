using System.Globalization;
using Microsoft.CodeAnalysis.CSharp;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// Media inputs end to end: files named to break a command line render under their names, and a source keeps its last
/// samples and frames when its length is not a whole number of milliseconds or its container's timestamps leave out its last packet.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class MediaInputTests
{
    [SkippableFact]
    public void Media_with_hostile_names_render_and_nothing_else_is_written()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("hostile");
        var source = folder["source.mp4"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=32x24:r=30:d=1", "-f", "lavfi", "-i", "sine=r=48000:d=1",
            "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", "-c:a", "aac", source);
        var layers = new List<string>();
        for (var i = 0; i < HostileNames.Stems.Count; i++)
        {
            var name = HostileNames.Stems[i] + ".mp4";
            File.Copy(source, folder[name]);
            layers.Add($"Video({Literal(name)}).At({i % 4 * 40}, {i / 4 * 40})");
        }
        File.Delete(source);
        var picture = HostileNames.Stems[0] + ".png";
        ScriptComposer.Dsl.Media.PngWriter.Write(folder[picture], Enumerable.Repeat((byte)255, 16 * 16 * 4).ToArray(), 16, 16);
        var sound = HostileNames.Stems[5] + ".wav";
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "sine=r=48000:d=1", "-c:a", "pcm_s16le", folder[sound]);
        var output = HostileNames.Stems[0] + ".out.mp4";
        var inputs = folder.Files();
        var script = folder.Write("names.csx", $"""
            var layers = new Clip[] {"{"} Color(320, 240, "black"), {string.Join(", ", layers)}, Image({Literal(picture)}).At(200, 200), Audio({Literal(sound)}) {"}"};
            Render(Composite(320, 240, layers).WithDuration(1), {Literal(output)}, fps: 30);
            """);

        var result = ScRunner.RunProcess(["render", script, "--backend", "cpu"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        var probe = MediaProbeTool.Probe(folder[output]);
        Assert.Equal((320, 240, 30L), (probe.Width, probe.Height, probe.FrameCount));
        Assert.Equal(inputs.Append("names.csx").Append(output).Order(StringComparer.Ordinal), folder.Files());
        HostileNames.AssertNoVictim(folder.Path);
    }

    [SkippableTheory]
    [InlineData(48000, 399111)]
    [InlineData(44100, 366677)]
    public async Task A_wav_round_trip_keeps_every_sample(int rate, int samples)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("wav");
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", $"sine=f=440:r={rate}", "-af", $"atrim=end_sample={samples}", "-c:a", "pcm_s16le", folder["in.wav"]);

        var (result, _) = await ScRunner.RenderScriptAsync(folder, "wav.csx", $"""RenderAudio(Audio("in.wav"), "out.wav", sampleRate: {rate});""");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(samples, SamplesOf(folder["out.wav"]));
    }

    [SkippableFact]
    public async Task Sound_from_an_mpeg_ts_keeps_every_sample_ffmpeg_decodes()
    {
        // The TS's timestamps put its end 0.23 s early (the last packet holds several AAC frames): the render stopped there.
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("ts");
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "sine=f=440:d=5:r=48000", "-c:a", "aac", folder["in.ts"]);
        var decoded = ToolRunner.Run("ffmpeg", ["-v", "error", "-nostdin", "-i", folder["in.ts"], "-ac", "1", "-f", "s16le", "-"]);
        Assert.True(decoded.ExitCode == 0, decoded.Stderr);

        var (result, _) = await ScRunner.RenderScriptAsync(folder, "ts.csx", """RenderAudio(Audio("in.ts"), "out.wav");""");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(decoded.Stdout.Length / 2, SamplesOf(folder["out.wav"]));
    }

    [SkippableFact]
    public async Task A_video_whose_length_is_not_whole_milliseconds_keeps_its_last_frame()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("ntsc");
        // 10 frames at 29.97 fps last 0.333667 s, a hundredth of a frame more than 10 frames at 30: the 11th output frame
        // (at 0.3333 s) still shows the source's last frame. Read as 0.333 s, the clip lost it.
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=64x48:r=30000/1001", "-frames:v", "10", "-c:v", "libx264", "-pix_fmt", "yuv420p", folder["ntsc.mp4"]);

        var (result, _) = await ScRunner.RenderScriptAsync(folder, "ntsc.csx", """Render(Video("ntsc.mp4"), "out.mp4", fps: 30);""");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(11, MediaProbeTool.Probe(folder["out.mp4"]).FrameCount);
    }

    private static string Literal(string text) => SymbolDisplay.FormatLiteral(text, quote: true);

    private static long SamplesOf(string wav)
    {
        var result = ToolRunner.Run("ffprobe", ["-v", "error", "-select_streams", "a:0", "-show_entries", "stream=duration_ts", "-of", "csv=p=0", wav]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        return long.Parse(System.Text.Encoding.UTF8.GetString(result.Stdout).Trim(), CultureInfo.InvariantCulture);
    }
}
