using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Outputs;

/// <summary>
/// <c>sc check</c> tries each video output as the render would make it: one frame encoded with all its settings, so what ffmpeg
/// refuses is an error at the Render line naming the setting; and its first, middle and last frames drawn with a moment of sound,
/// so a script function that runs only then and throws is an error at its own line, with the time.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class CheckTrialTests
{
    private const string Clip = "var clip = Color(64, 48, \"red\").WithDuration(1);\n";

    [SkippableTheory]
    [InlineData("ffmpegArgs: new[] { \"-bogus\", \"1\" }", "ffmpegArgs: {\"-bogus\", \"1\"}", "Unrecognized option 'bogus'")]
    [InlineData("ffmpegArgs: new[] { \"-f\", \"null\" }", "ffmpegArgs: {\"-f\", \"null\"}", "cannot read its picture back")]
    [InlineData("preset: \"ultrafastest\"", "preset: \"ultrafastest\"", "invalid preset")]
    [InlineData("bitrate: \"lots\"", "bitrate: \"lots\"", "lots")]
    [InlineData("codec: \"libx264\", crf: 0, pixelFormat: \"yuv420p\", ffmpegArgs: new[] { \"-profile:v\", \"nonsense\" }", "ffmpegArgs: {\"-profile:v\", \"nonsense\"}", "nonsense")]
    public async Task A_setting_ffmpeg_refuses_is_named_at_the_Render_line(string settings, string named, string ffmpegWords)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("check");
        var script = folder.Write("bad.csx", Clip + $"Render(clip, \"out.mp4\", fps: 10, {settings});\n");

        var result = await ScRunner.RunAsync("check", script);

        FailureAssert.Clean(result, folder, folder["out.mp4"], $"{script}(2): error:", "ffmpeg cannot write 'out.mp4' with " + named, ffmpegWords);
        Assert.Equal(["bad.csx"], folder.Files());
    }

    [SkippableFact]
    public async Task A_sound_setting_ffmpeg_refuses_is_named_at_the_Render_line()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("check");
        var script = folder.Write("bad.csx", Clip + "Render(clip.WithAudio(Tone(440, 1)), \"out.mp4\", fps: 10, audioBitrate: \"loud\");\n");

        var result = await ScRunner.RunAsync("check", script);

        FailureAssert.Clean(result, folder, folder["out.mp4"], $"{script}(2): error:", "audioBitrate: \"loud\"", "192k");
    }

    [SkippableTheory]
    [InlineData("clip.Map((t, img) => throw new Exception(\"boom\"))", "The Map function", "at 0 s: boom")]
    [InlineData("Frames(64, 48, 1, (t, img) => { if (t > 0.3) throw new Exception(\"late\"); })", "frame generator", "at 0.5 s: late")]
    [InlineData("clip.WithAudio(Tone(440, 1).Volume(t => t > 0.92 ? throw new Exception(\"quiet\") : 1))", "", "quiet")]
    public async Task A_function_that_throws_while_frames_or_sound_are_made_is_reported_at_its_line(string clip, string what, string when)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("check");
        var script = folder.Write("bad.csx", $"var unused = 1;\nvar clip = Color(64, 48, \"red\").WithDuration(1);\nvar made =\n    {clip};\nRender(made, \"out.mp4\", fps: 10);\n");

        var result = await ScRunner.RunAsync("check", script);

        FailureAssert.Clean(result, folder, folder["out.mp4"], $"{script}(4): error:", what, when);
        Assert.Equal(["bad.csx"], folder.Files());
    }

    [SkippableFact]
    public async Task A_good_output_is_encoded_once_and_three_of_its_frames_drawn_and_nothing_is_left()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("check");
        var script = folder.Write("good.csx", Clip + "Render(clip.WithAudio(Tone(440, 1)), \"out.mp4\", fps: 10, preset: \"veryfast\", ffmpegArgs: new[] { \"-tune\", \"film\" });\n");

        var result = await ScRunner.RunAsync("check", script);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("out.mp4: 10 frames planned, sound at 48000 Hz, stereo; one frame encoded, 3 drawn", result.Stdout);
        Assert.Equal(["good.csx"], folder.Files());
    }
}
