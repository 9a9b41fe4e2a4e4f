using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Media;

/// <summary>
/// A video with a variable frame rate (here: 30 fps with half a second missing after its first second, as a capture that dropped
/// frames writes it) shows at each time the picture the file shows then, as ffmpeg and players pick it: the last one whose
/// timestamp is at or before the time. Counting pictures at the average rate instead would drift from the file's sound.
/// </summary>
public sealed class VariableFrameRateTests : IDisposable
{
    private const int Pictures = 180;
    private readonly TempFolder _folder = new("vfr");

    public void Dispose() => _folder.Dispose();

    /// <summary>When picture N should show: N / 30 s, and 15 frames later from the 31st on (the muxer may move one by a tick).</summary>
    private static double PictureTime(int n) => (n < 30 ? n : n + 15) / 30.0;

    /// <summary>
    /// When each picture of <paramref name="path"/> shows, as ffprobe reads its packets' timestamps, and the unit they are stamped in:
    /// what the render must follow.
    /// </summary>
    private static (double[] Times, double Tick) FileTimes(string path)
    {
        var result = ToolRunner.Run("ffprobe", ["-v", "error", "-select_streams", "v:0", "-show_entries", "packet=pts:stream=time_base", "-of", "csv=p=0", path]);
        Assert.True(result.ExitCode == 0, result.Stderr);
        var lines = System.Text.Encoding.ASCII.GetString(result.Stdout).Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var timeBase = lines.Single(l => l.Contains('/', StringComparison.Ordinal)).TrimEnd(',').Split('/').Select(t => double.Parse(t, System.Globalization.CultureInfo.InvariantCulture)).ToArray();
        var times = lines.Where(l => !l.Contains('/', StringComparison.Ordinal)).Select(l => long.Parse(l.TrimEnd(','), System.Globalization.CultureInfo.InvariantCulture) * timeBase[0] / timeBase[1]).Order();
        return ([.. times], timeBase[0] / timeBase[1]);
    }

    /// <summary>The picture the file shows at <paramref name="seconds"/>: the last one stamped at or before it (to half its unit: 2/30 s is 67 ms in an FLV).</summary>
    private static int PictureAt((double[] Times, double Tick) file, double seconds) =>
        Enumerable.Range(0, file.Times.Length).Last(n => file.Times[n] <= seconds + file.Tick / 2 + 1e-9);

    /// <summary>Each picture's luma is 16 + N, tagged BT.709 limited, so a render copies it unchanged.</summary>
    private string MakeVariableRate()
    {
        var path = _folder["vfr.mp4"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", $"nullsrc=s=64x48:r=30:d={Pictures / 30},geq=lum=16+N:cb=128:cr=128,setpts='if(lt(N,30),N,N+15)/30/TB'",
            "-fps_mode", "passthrough", "-c:v", "libx264", "-preset", "ultrafast", "-qp", "0", "-g", "24", "-pix_fmt", "yuv420p",
            "-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv", path);
        return path;
    }

    [SkippableFact]
    public void The_probe_keeps_the_pictures_times_of_a_variable_rate_video_and_none_for_a_constant_one()
    {
        ToolRunner.RequireFfmpeg();
        var path = MakeVariableRate();
        var (times, _) = FileTimes(path);
        Assert.Equal(Pictures, times.Length);
        Assert.All(Enumerable.Range(0, Pictures), n => Assert.True(Math.Abs(times[n] - PictureTime(n)) < 0.04, $"picture {n} at {times[n]} s"));
        var variable = MediaProbe.Probe(path);
        Assert.NotNull(variable.FrameTimes);
        Assert.Equal(times, variable.FrameTimes, (a, b) => Math.Abs(a - b) < 1e-9);
        Assert.Equal(29, variable.FrameAt(1.2));
        Assert.Equal(30, variable.FrameAt(1.5));
        Assert.Equal(1.5, variable.TimeOfFrame(30), 6);

        var constant = _folder["cfr.mp4"];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "testsrc2=s=64x48:r=30:d=2", "-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", constant);
        var probed = MediaProbe.Probe(constant);
        Assert.Null(probed.FrameTimes);
        Assert.Equal(probed.FrameRate.FrameAt(1.2), probed.FrameAt(1.2));
    }

    [Fact]
    public void Times_map_to_pictures_by_the_table_and_past_it_by_the_rate()
    {
        var media = new MediaInfo("/v.mp4", 64, 48, 2.0, new FrameRate(30), "yuv420p", HasAudio: false) { FrameTimes = [0, 0.1, 0.2, 1.0, 1.9] };
        Assert.Equal(0, media.FrameAt(0.0999));
        Assert.Equal(1, media.FrameAt(0.1));
        Assert.Equal(2, media.FrameAt(0.99));
        Assert.Equal(4, media.FrameAt(1.95)); // the last picture shows until the video's end
        Assert.Equal(5, media.FrameAt(2.0)); // then the end, as a constant-rate video's count
        Assert.Equal(1.9 + 2 / 30.0, media.TimeOfFrame(6), 9);
        Assert.Equal("0.6", VideoReader.SeekSeconds(media, 3)); // halfway between the picture before and the picture
        Assert.Equal("1.4", VideoReader.SeekSeconds(media with { FrameTimes = null, VideoStart = 1.4 }, 0));
        Assert.Equal(["-v", "error", "-select_streams", "2", "-show_entries", "packet=pts", "-of", "csv=p=0", "/media/v.mp4"], VideoFrameTimes.Arguments("/media/v.mp4", 2));
        Assert.Equal(["-v", "error", "-select_streams", "0", "-read_intervals", "%+#600", "-show_entries", "packet=pts", "-of", "csv=p=0", "/media/v.mkv"],
            VideoFrameTimes.Arguments("/media/v.mkv", 0, 600));
        Assert.True(VideoFrameTimes.RatesSayNothing("matroska,webm"));
        Assert.False(VideoFrameTimes.RatesSayNothing("mov,mp4,m4a,3gp,3g2,mj2"));
        Assert.True(VideoFrameTimes.OnGrid([0, 1 / 30.0, 2 / 30.0 + 0.016], new FrameRate(30)));
        Assert.False(VideoFrameTimes.OnGrid([0, 1 / 30.0, 2 / 30.0 + 0.017], new FrameRate(30)));
    }

    public static TheoryData<string, string> Renders() => new()
    {
        { "Video(\"vfr.mp4\")", "1" },
        { "Video(\"vfr.flv\")", "1" },
        { "Video(\"vfr.mkv\")", "1" },
        { "Video(\"vfr.mp4\")", "0" },
        { "Video(\"vfr.mp4\").Subclip(4.2, 5)", "1" },
        { "Video(\"vfr.mp4\").Subclip(4.2, 5)", "0" },
        { "Video(\"vfr.mp4\").Subclip(0.5, 2.5).Reverse()", "1" },
    };

    [SkippableTheory]
    [MemberData(nameof(Renders))]
    public void A_render_shows_at_each_time_the_picture_the_file_shows_then(string clip, string inProcess)
    {
        ToolRunner.RequireFfmpeg();
        var made = MakeVariableRate();
        // The same pictures in containers that stamp in whole milliseconds, and (Matroska) give no sign of a variable rate in their rates.
        foreach (var other in new[] { "vfr.flv", "vfr.mkv" }.Where(name => clip.Contains(name, StringComparison.Ordinal)))
            ToolRunner.Ffmpeg("-i", made, "-c", "copy", made = _folder[other]);
        var file = FileTimes(made);
        var script = _folder.Write("vfr.csx", $$"""Render({{clip}}, "out.mkv", fps: 30, preset: "ultrafast", ffmpegArgs: new[] { "-qp", "0" });""");
        var result = ScRunner.RunProcess(["render", script, "--backend", "cpu"], new Dictionary<string, string?> { ["SC_IN_PROCESS_DECODE"] = inProcess });
        Assert.True(result.ExitCode == 0, result.ToString());

        var lumas = Lumas(_folder["out.mkv"]);
        var (from, to, reversed) = clip switch
        {
            _ when clip.Contains("Reverse", StringComparison.Ordinal) => (0.5, 2.5, true),
            _ when clip.Contains("Subclip", StringComparison.Ordinal) => (4.2, 5.0, false),
            _ => (0.0, file.Times[^1] + 1 / 30.0, false),
        };
        var expected = Enumerable.Range(0, lumas.Count).Select(k =>
        {
            var t = k / 30.0;
            return 16 + PictureAt(file, reversed ? from + Math.Max(0, to - from - t - 1e-3) : from + t);
        }).ToList();
        Assert.Equal((int)Math.Round((to - from) * 30), lumas.Count);
        for (var k = 0; k < lumas.Count; k++)
            Assert.True(expected[k] == lumas[k], $"{clip} (in process: {inProcess}), frame {k} ({k / 30.0:0.000} s): picture {lumas[k] - 16}, the file shows picture {expected[k] - 16} then.");
    }

    /// <summary>When the five pictures of a short animation (a GIF's) show.</summary>
    private static readonly double[] ShortTimes = [0, 0.32, 1.32, 1.52, 2.0];

    [SkippableTheory]
    [InlineData("anim.webm", "libvpx-vp9")]
    [InlineData("anim.mkv", "ffv1")]
    public void A_short_variable_rate_matroska_shows_each_picture_at_its_own_time(string name, string codec)
    {
        // Matroska's rates say 25 fps whatever the pictures do. Fewer pictures than the first read's decode-order margin left nothing
        // to check: the times were dropped, the file counted at 25 fps, and its 5 pictures "ended" at 0.2 s as if truncated.
        ToolRunner.RequireFfmpeg();
        var path = _folder[name];
        ToolRunner.Ffmpeg("-f", "lavfi", "-i", "nullsrc=s=64x48:r=25:d=0.2,geq=lum=16+40*N:cb=128:cr=128,setpts='if(eq(N,0),0,if(eq(N,1),0.32,if(eq(N,2),1.32,if(eq(N,3),1.52,2))))/TB'",
            "-fps_mode", "passthrough", "-c:v", codec, "-pix_fmt", "yuv420p", path);
        var probed = MediaProbe.Probe(path);
        Assert.Equal(ShortTimes, probed.FrameTimes!, (a, b) => Math.Abs(a - b) < 1e-9);

        var script = _folder.Write("short.csx", $$"""Render(Video("{{name}}"), "out.mkv", fps: 10, codec: "ffv1", pixelFormat: "yuv420p");""");
        var result = ScRunner.RunProcess(["render", script, "--backend", "cpu"]);
        Assert.True(result.ExitCode == 0, result.ToString());

        var lumas = Lumas(_folder["out.mkv"]);
        Assert.InRange(lumas.Count, 20, 21);
        for (var k = 0; k < lumas.Count; k++)
        {
            var picture = Enumerable.Range(0, ShortTimes.Length).Last(n => ShortTimes[n] <= k / 10.0 + 1e-9);
            Assert.True(Math.Abs(16 + 40 * picture - lumas[k]) <= 6, $"{name}, frame {k} ({k / 10.0:0.0} s): luma {lumas[k]}, picture {picture} (luma {16 + 40 * picture}) shows then.");
        }
    }

    /// <summary>The luma at the middle of every frame of <paramref name="path"/>.</summary>
    private static List<int> Lumas(string path)
    {
        var decoded = ToolRunner.Run("ffmpeg", ["-hide_banner", "-loglevel", "error", "-nostdin", "-i", path, "-fps_mode", "passthrough", "-f", "rawvideo", "-pix_fmt", "yuv420p", "-"]);
        Assert.True(decoded.ExitCode == 0, $"ffmpeg could not decode {path}: {decoded.Stderr}");
        const int frame = 64 * 48 * 3 / 2;
        return Enumerable.Range(0, decoded.Stdout.Length / frame).Select(k => (int)decoded.Stdout[k * frame + 24 * 64 + 32]).ToList();
    }
}
