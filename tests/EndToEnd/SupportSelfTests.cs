using System.Diagnostics;
using ScriptComposer.Gpu;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>The end-to-end helpers checked on their own, so a passing end-to-end test cannot be a vacuous one.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class SupportSelfTests
{
    [SkippableTheory]
    [InlineData("#1e3c72", 0x1e, 0x3c, 0x72, "bt709")]
    [InlineData("#ff8c00", 255, 140, 0, "bt709")]
    [InlineData("#ff8c00", 255, 140, 0, "bt601")]
    [InlineData("#808080", 128, 128, 128, "bt709")]
    public void Frame_grabber_converts_limited_range_yuv_back_to_the_color_ffmpeg_encoded(string color, byte r, byte g, byte b, string ffmpegMatrix)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("support");
        var path = folder["c.mp4"];
        var matrix = ffmpegMatrix == "bt601" ? YuvMatrix.Bt601 : YuvMatrix.Bt709;
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", $"color=c={color}:s=64x64:r=30:d=0.2,format=rgb24,scale=out_color_matrix={ffmpegMatrix}:out_range=tv,format=yuv420p",
            "-c:v", "libx264", "-qp", "0", "-preset", "ultrafast", path);
        PixelCheck.AssertNear(FrameGrabber.Frame(path, 3, matrix), 32, 32, new Rgba(r, g, b), 2, $"{color} through {ffmpegMatrix}");
    }

    [SkippableFact]
    public void Frame_grabber_picks_frames_by_index()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("support");
        var path = TestMedia.TwoTone(folder, "two.mp4", "red", "blue", 64, 48);
        // ffmpeg's own lavfi media is untagged and converted with BT.601.
        PixelCheck.AssertNear(FrameGrabber.Frame(path, 29, YuvMatrix.Bt601), 10, 10, new Rgba(255, 0, 0), 6, "last red frame");
        PixelCheck.AssertNear(FrameGrabber.At(path, 1.0, matrix: YuvMatrix.Bt601), 10, 10, new Rgba(0, 0, 255), 6, "first blue frame");
        Assert.Throws<ArgumentException>(() => FrameGrabber.FrameIndex(0.51, 30));
    }

    [SkippableFact]
    public void Child_process_check_finds_a_running_ffmpeg_child()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(OperatingSystem.IsLinux(), "Reads /proc.");
        using var folder = new TempFolder("support");
        var info = new ProcessStartInfo(ToolRunner.Locate("ffmpeg")!) { RedirectStandardError = true, RedirectStandardInput = true, UseShellExecute = false };
        foreach (var a in new[] { "-nostdin", "-re", "-f", "lavfi", "-i", "nullsrc=s=16x16:d=30", "-y", folder["never.nut"] }) info.ArgumentList.Add(a);
        using var ffmpeg = Process.Start(info)!;
        try
        {
            var found = ChildProcesses.FfmpegChildren(folder.Path);
            Assert.Contains(found, p => p.Pid == ffmpeg.Id);
            Assert.Empty(ChildProcesses.FfmpegChildren(folder.Path + "-not-this-one"));
            var failure = Assert.ThrowsAny<Exception>(() => ChildProcesses.AssertNoFfmpegChild(folder.Path));
            Assert.Contains("outlived", failure.Message);
            Assert.True(ffmpeg.WaitForExit(5000), "The check should kill what it found.");
        }
        finally
        {
            if (!ffmpeg.HasExited) ffmpeg.Kill();
        }
    }

    [SkippableFact]
    public void Probe_counts_frames_and_reads_the_stream()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("support");
        var path = TestMedia.SolidColor(folder, "red.mp4", "red", 320, 240, 2, fps: 25);
        var probe = MediaProbeTool.Probe(path);
        Assert.Equal(("h264", 320, 240, "yuv420p", 50L, "25/1"), (probe.Codec, probe.Width, probe.Height, probe.PixelFormat, probe.FrameCount, probe.RFrameRate));
        Assert.Equal(2.0, probe.Duration, 0.05);
    }
}
