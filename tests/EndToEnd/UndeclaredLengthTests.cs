using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>
/// Files whose streams declare no length of their own: an FLV (an OBS or RTMP recording, often with B-frames, so its first
/// picture is stamped a frame or two late) and an animated PNG last as their packets say, and a bare H.264 stream, which has
/// no timestamps, is named as such with the fix.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class UndeclaredLengthTests
{
    [SkippableTheory]
    [InlineData("rec.flv", new[] { "-f", "lavfi", "-i", "testsrc2=s=160x90:r=30", "-f", "lavfi", "-i", "sine=f=440", "-t", "4", "-c:v", "libx264", "-bf", "2", "-c:a", "aac", "-shortest" }, 4.0, 120)]
    [InlineData("anim.apng", new[] { "-f", "lavfi", "-i", "testsrc2=s=160x90:r=10", "-frames:v", "30", "-f", "apng" }, 3.0, 90)]
    public async Task A_file_without_stream_lengths_lasts_as_its_packets_say_and_renders_whole(string name, string[] make, double seconds, int frames)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("undeclared");
        ToolRunner.Ffmpeg([.. make, folder[name]]);

        var (result, _) = await ScRunner.RenderScriptAsync(folder, "whole.csx", $$"""
            Render(Video("{{name}}"), "out.mp4", fps: 30);
            """);

        Assert.True(result.ExitCode == 0, result.ToString());
        var probe = MediaProbeTool.Probe(folder["out.mp4"]);
        Assert.Equal(frames, probe.FrameCount);
        Assert.Equal(seconds, probe.Duration, 0.02);
    }

    [SkippableFact]
    public async Task A_bare_h264_stream_is_named_as_such_with_the_fix()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("undeclared");
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=160x90:r=25", "-frames:v", "25", "-c:v", "libx264", "-f", "h264", folder["raw.h264"]);

        var (result, script) = await ScRunner.RenderScriptAsync(folder, "raw.csx", """Render(Video("raw.h264"), "out.mp4");""");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{script}(1): error: '{folder["raw.h264"]}' is a bare h264 stream", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Put it in a container first", result.Stderr, StringComparison.Ordinal);
    }
}
