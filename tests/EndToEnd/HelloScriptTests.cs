using ScriptComposer.Gpu;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.EndToEnd;

/// <summary>Renders scripts/hello.csx once (CPU backend) into a temp folder, for the tests of <see cref="HelloScriptTests"/>.</summary>
public sealed class HelloRender : IDisposable
{
    private readonly TempFolder _folder = new("hello");

    public HelloRender()
    {
        if (!ToolRunner.HasFfmpeg) return;
        Output = _folder["hello.mp4"];
        Result = ScRunner.RunAsync("render", RepositoryFiles.Script("hello.csx"), "--backend", "cpu", "--set", $"out={Output}")
            .GetAwaiter().GetResult();
    }

    internal string Output { get; } = "";

    internal ScResult? Result { get; }

    internal string Folder => _folder.Path;

    private readonly Dictionary<long, RgbaImage> _frames = [];

    /// <summary>The render's frame <paramref name="index"/>, decoded once.</summary>
    internal RgbaImage Frame(long index)
    {
        Skip.IfNot(ToolRunner.HasFfmpeg, ToolRunner.MissingFfmpegReason);
        Assert.True(Result is { ExitCode: 0 }, $"sc render scripts/hello.csx failed:\n{Result}");
        lock (_frames)
        {
            if (!_frames.TryGetValue(index, out var frame))
                _frames[index] = frame = FrameGrabber.Frame(Output, index);
            return frame;
        }
    }

    public void Dispose() => _folder.Dispose();
}

/// <summary>
/// The README's first command, checked against what hello.csx says: 5 s at 30 fps of 1280x720 H.264, a #1e3c72
/// background, the 160x160 logo (orange disk, white ring between radius 40 and 48) at (100 + 184 t, 280), and a white
/// 640x120 band at (320, 560) shown from 1 s to 4 s, fading in over its first second and out over its last.
/// </summary>
[Collection(EndToEndCollection.Name)]
public sealed class HelloScriptTests(HelloRender hello) : IClassFixture<HelloRender>
{
    private const int Flat = 6;   // a flat area after an H.264 round trip at the default quality
    private const int Edge = 16;  // a few pixels from an edge (the ring is 8 pixels wide): H.264 rings in chroma there

    private static readonly Rgba Navy = new(0x1e, 0x3c, 0x72);
    private static readonly Rgba Orange = new(255, 140, 0);
    private static readonly Rgba White = new(255, 255, 255);
    private static readonly Rgba HalfWhite = new(128, 128, 128);

    [SkippableFact]
    public void Hello_renders_exactly_150_frames_1280x_720_h_264_yuv_420p_5_seconds()
    {
        ToolRunner.RequireFfmpeg();
        Assert.True(hello.Result is { ExitCode: 0 }, $"sc render failed:\n{hello.Result}");
        Assert.Contains("150 frames", hello.Result!.Stdout);
        var probe = MediaProbeTool.Probe(hello.Output);
        Assert.Equal(150, probe.FrameCount);
        Assert.Equal(5.0, probe.Duration, 0.02);
        Assert.Equal((1280, 720), (probe.Width, probe.Height));
        Assert.Equal("h264", probe.Codec);
        Assert.Equal("yuv420p", probe.PixelFormat);
        Assert.Equal("30/1", probe.RFrameRate);
        Assert.Equal("bt709", probe.ColorSpace);
        Assert.Equal("tv", probe.ColorRange);
        // Only the output: no temporary file beside it.
        Assert.Equal(["hello.mp4"], new DirectoryInfo(hello.Folder).GetFiles().Select(f => f.Name).ToArray());
        ChildProcesses.AssertNoFfmpegChild(hello.Folder);
    }

    [SkippableTheory]
    [InlineData(0)]
    [InlineData(75)]
    [InlineData(149)]
    public void Hello_background_is_navy_in_the_corners(long frame)
    {
        new PixelCheck(hello.Frame(frame))
            .Near(4, 4, Navy, Flat, "top-left corner")
            .Near(1275, 4, Navy, Flat, "top-right corner")
            .Near(4, 715, Navy, Flat, "bottom-left corner")
            .Near(1275, 715, Navy, Flat, "bottom-right corner")
            .Verify();
    }

    [SkippableTheory]
    [InlineData(0.0)]
    [InlineData(2.0)]
    [InlineData(3.5)]
    [InlineData(4.0)]
    public void Hello_logo_glides_at_100_plus_184_t_orange_center_white_ring(double t)
    {
        // Top-left (100 + 184 t, 280), rounded half up; the logo is 160x160 so its center is 80 pixels in.
        var left = (int)Math.Floor(100 + 184 * t + 0.5);
        var (cx, cy) = (left + 80, 280 + 80);
        var frame = hello.Frame(FrameGrabber.FrameIndex(t, 30));
        new PixelCheck(frame)
            .Near(cx, cy, Orange, Flat, $"logo center at t={t}")
            .Near(cx + 20, cy, Orange, Flat, "inside the ring")
            .Near(cx + 44, cy, White, Edge, "ring, radius 44 to the right")
            .Near(cx - 44, cy, White, Edge, "ring, radius 44 to the left")
            .Near(cx, cy - 44, White, Edge, "ring, radius 44 above")
            .Near(cx + 60, cy, Orange, Edge, "outer disk, radius 60")
            .Near(left + 4, 284, Navy, Edge, "logo's transparent corner shows the background")
            .Near(cx >= 200 ? cx - 200 : cx + 200, cy, Navy, Flat, "background beside the logo")
            .Near(cx, cy + 100, Navy, Flat, "background below the logo")
            .Verify();
    }

    [SkippableFact]
    public void Hello_logo_moves_its_center_at_t_2_is_background_at_t_0()
    {
        new PixelCheck(hello.Frame(0)).Near(548, 360, Navy, Flat, "where the logo will be at t=2").Verify();
        new PixelCheck(hello.Frame(60)).Near(548, 360, Orange, Flat, "logo center at t=2").Verify();
    }

    [SkippableTheory]
    [InlineData(0.5, "absent before 1 s")]
    [InlineData(1.5, "half faded in")]
    [InlineData(2.5, "fully white")]
    [InlineData(3.5, "half faded out")]
    [InlineData(4.5, "absent after 4 s")]
    public void Hello_band_fades_in_and_out(double t, string state)
    {
        var expected = t switch { 0.5 or 4.5 => Navy, 1.5 or 3.5 => HalfWhite, _ => White };
        var frame = hello.Frame(FrameGrabber.FrameIndex(t, 30));
        new PixelCheck(frame)
            .Near(640, 620, expected, Flat, $"band center at t={t} ({state})")
            .Near(330, 570, expected, Edge, $"band near its top-left corner at t={t} ({state})")
            .Near(950, 670, expected, Edge, $"band near its bottom-right corner at t={t} ({state})")
            .Near(310, 620, Navy, Edge, "left of the band")
            .Near(970, 620, Navy, Edge, "right of the band")
            .Near(640, 550, Navy, Edge, "above the band")
            .Near(640, 690, Navy, Edge, "below the band")
            .Verify();
    }
}
