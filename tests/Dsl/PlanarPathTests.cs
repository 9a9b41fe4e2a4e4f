using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Dsl;

/// <summary>
/// The renderer's planar path (<see cref="FrameRenderer.RenderToPipe"/> with I420 out): which frames take it, and that they come out as
/// the decoded planes themselves (placed, mixed, converted, with small pictures over them) rather than through RGB. Lossless BT.709 videos whose luma counts the frames.
/// </summary>
public sealed class PlanarPathTests : IDisposable
{
    private const int W = 64, H = 48;
    private readonly TempFolder _folder = new("planar");

    public void Dispose() => _folder.Dispose();

    /// <summary>A lossless 10 fps video (BT.709 tagged unless <paramref name="tagged"/> is false) whose frame N has luma <paramref name="luma"/>(N) and flat chroma.</summary>
    private string Video(string name, string luma, int cb, int cr, bool tagged = true)
    {
        ToolRunner.RequireFfmpeg();
        var path = _folder[name];
        string[] tags = tagged ? ["-colorspace", "bt709", "-color_primaries", "bt709", "-color_trc", "bt709", "-color_range", "tv"] : [];
        ToolRunner.Ffmpeg(["-f", "lavfi", "-i", $"color=c=black:s={W}x{H}:r=10:d=3,format=yuv420p,geq=lum='{luma}':cb={cb}:cr={cr}",
            "-c:v", "libx264", "-qp", "0", "-pix_fmt", "yuv420p", .. tags, path]);
        return path;
    }

    private static (byte[] Yuv, long PlanarFrames) Render(Clip clip, double time, bool planar = true)
    {
        using var backend = new CpuBackend();
        using var renderer = new FrameRenderer(backend) { PlanarPath = planar };
        var yuv = new byte[new Yuv420Layout(clip.Width, clip.Height).TotalBytes];
        renderer.RenderToPipe(clip, time, PipeFormat.I420, yuv);
        return (yuv, renderer.PlanarFrames);
    }

    private static byte[] Decoded(string path, long index)
    {
        using var reader = new VideoReader(MediaProbe.Probe(path), W, H);
        return reader.ReadFrame(index).ToArray();
    }

    [SkippableFact]
    public void A_video_filling_the_frame_comes_out_as_its_decoded_planes_exactly()
    {
        var path = Video("count.mp4", "16+4*N", 90, 160);
        var (yuv, planar) = Render(Clips.Composite(W, H, Clips.Video(path)).WithDuration(2), 1.25);
        Assert.Equal(1, planar);
        Assert.Equal(Decoded(path, 12), yuv);
        Assert.Equal(16 + 4 * 12, yuv[0]);

        var (alone, alonePlanar) = Render(Clips.Video(path), 0.5);
        Assert.Equal(1, alonePlanar);
        Assert.Equal(Decoded(path, 5), alone);
    }

    [SkippableFact]
    public void A_looped_video_takes_the_planar_path_too_at_the_looped_time()
    {
        var path = Video("loop.mp4", "16+4*N", 90, 160);
        var (yuv, planar) = Render(Clips.Composite(W, H, Clips.Video(path).Loop(2)).WithDuration(6), 4.25); // 4.25 s is 1.25 s into the second pass
        Assert.Equal(1, planar);
        Assert.Equal(Decoded(path, 12), yuv);
    }

    [SkippableFact]
    public void A_loop_restarts_its_reader_and_the_same_file_at_two_times_reads_with_two()
    {
        var path = Video("readers.mp4", "16+4*N", 90, 160);
        using var backend = new CpuBackend();
        using var renderer = new FrameRenderer(backend);
        var yuv = new byte[new Yuv420Layout(2 * W, H).TotalBytes];
        // Four passes of a 3 s video: memory must not grow with the length of the render, so one reader seeks back each time.
        var looped = Clips.Composite(W, H, Clips.Video(path).Loop(4)).WithDuration(12);
        for (var i = 0; i < 24; i++)
            renderer.RenderToPipe(looped, i / 2.0, PipeFormat.I420, yuv);
        Assert.Equal(1, renderer.VideoReaders);

        // The same file shown 1.5 s apart, side by side: each layer keeps its own sequential reader, and both frames are right.
        using var second = new FrameRenderer(backend);
        var pair = Clips.Composite(2 * W, H, Clips.Video(path), Clips.Video(path).Subclip(1.5).At(W, 0)).WithDuration(1);
        for (var i = 0; i < 10; i++)
            second.RenderToPipe(pair, i / 10.0, PipeFormat.I420, yuv);
        Assert.Equal(2, second.VideoReaders);
        Assert.Equal((16 + 4 * 9, 16 + 4 * 24), (yuv[0], yuv[W]));
    }

    [SkippableFact]
    public void Two_videos_side_by_side_each_half_is_its_video_and_the_rest_the_background()
    {
        var left = Video("left.mp4", "16+4*N", 90, 160);
        var right = Video("right.mp4", "200-4*N", 200, 40);
        var scene = Clips.Composite(2 * W + 4, H + 2, [Clips.Video(left), Clips.Video(right).At(W, 2)], "black").WithDuration(2);
        var (yuv, planar) = Render(scene, 0.3);
        Assert.Equal(1, planar);
        var layout = new Yuv420Layout(2 * W + 4, H + 2);
        int Y(int x, int y) => yuv[y * layout.Width + x];
        int U(int x, int y) => yuv[layout.LumaBytes + y / 2 * layout.ChromaWidth + x / 2];
        int V(int x, int y) => yuv[layout.LumaBytes + layout.ChromaBytes + y / 2 * layout.ChromaWidth + x / 2];
        Assert.Equal((16 + 4 * 3, 90, 160), (Y(5, 5), U(5, 5), V(5, 5)));
        Assert.Equal((200 - 4 * 3, 200, 40), (Y(W + 5, 10), U(W + 5, 10), V(W + 5, 10)));
        Assert.Equal((16, 128, 128), (Y(W + 2, 0), U(W + 2, 0), V(W + 2, 0)));      // above the right video: black
        Assert.Equal((16, 128, 128), (Y(2 * W + 3, 20), U(2 * W + 3, 20), V(2 * W + 3, 20))); // right of it
        Assert.Equal((16, 128, 128), (Y(3, H + 1), U(3, H + 1), V(3, H + 1)));        // below the left one
    }

    [SkippableFact]
    public void A_crossfade_mixes_the_planes_and_is_the_rgba_paths_picture()
    {
        var first = Video("a.mp4", "60", 100, 150);
        var second = Video("b.mp4", "180", 160, 110);
        var chain = Clips.Concatenate([Clips.Video(first).Subclip(0, 2), Clips.Video(second).Subclip(0, 2).CrossFadeIn(1)], padding: -1);
        var (yuv, planar) = Render(chain, 1.5);   // halfway through the crossfade
        Assert.Equal(1, planar);
        var layout = new Yuv420Layout(W, H);
        // round(180·0.5 + 60·0.5) = 120; U round(80 + 50) = 130; V round(55 + 75) = 130.
        Assert.Equal((120, 130, 130), (yuv[0], yuv[layout.LumaBytes], yuv[layout.LumaBytes + layout.ChromaBytes]));

        var (rgbaPath, viaRgba) = Render(chain, 1.5, planar: false);
        Assert.Equal(0, viaRgba);
        Assert.True(yuv.Zip(rgbaPath).All(p => Math.Abs(p.First - p.Second) <= 3), "the planar crossfade should be the RGBA path's picture within its rounding");
    }

    [SkippableFact]
    public void A_fade_from_black_is_mixed_toward_blacks_samples()
    {
        var path = Video("flat.mp4", "200", 90, 60);
        var (yuv, planar) = Render(Clips.Video(path).FadeIn(1), 0.5);
        Assert.Equal(1, planar);
        var layout = new Yuv420Layout(W, H);
        // Halfway from black (16, 128, 128): round(200·0.5 + 8) = 108, round(45 + 64) = 109, round(30 + 64) = 94.
        Assert.Equal((108, 109, 94), (yuv[0], yuv[layout.LumaBytes], yuv[layout.LumaBytes + layout.ChromaBytes]));
    }

    [SkippableFact]
    public void An_untagged_video_is_read_as_bt_601_and_converted_without_leaving_yuv()
    {
        // Untagged video is BT.601 (as ffmpeg assumes); the output is BT.709. Gray stays gray; a color moves as the RGBA path moves it.
        var gray = Video("gray601.mp4", "100", 128, 128, tagged: false);
        var colored = Video("color601.mp4", "90", 160, 100, tagged: false);
        var layout = new Yuv420Layout(W, H);
        var (grayYuv, grayPlanar) = Render(Clips.Composite(W, H, Clips.Video(gray)).WithDuration(1), 0.2);
        Assert.Equal(1, grayPlanar);
        Assert.Equal((100, 128, 128), (grayYuv[0], grayYuv[layout.LumaBytes], grayYuv[layout.LumaBytes + layout.ChromaBytes]));

        var clip = Clips.Composite(W, H, Clips.Video(colored)).WithDuration(1);
        var (yuv, planar) = Render(clip, 0.2);
        var (viaRgb, _) = Render(clip, 0.2, planar: false);
        Assert.Equal(1, planar);
        Assert.NotEqual((90, 160, 100), (yuv[0], yuv[layout.LumaBytes], yuv[layout.LumaBytes + layout.ChromaBytes]));
        Assert.True(yuv.Zip(viaRgb).All(p => Math.Abs(p.First - p.Second) <= 3),
            $"planar {(yuv[0], yuv[layout.LumaBytes], yuv[layout.LumaBytes + layout.ChromaBytes])} vs RGBA path {(viaRgb[0], viaRgb[layout.LumaBytes], viaRgb[layout.LumaBytes + layout.ChromaBytes])}");
    }

    [SkippableFact]
    public void Small_pictures_over_video_are_laid_in_yuv_as_the_rgba_path_lays_them()
    {
        // A "logo" (a half-transparent fading color card at an odd position) and a title band over a video: planar, and the same
        // picture as the RGBA path makes (exactly where the pictures are over one flat color, within its rounding elsewhere).
        var path = Video("under.mp4", "100+2*N", 118, 140); // inside RGB, so the RGBA path does not clamp it
        var logo = Clips.Color(9, 7, "#ff8000").Opacity(0.6).FadeIn(1).At(5, 3);
        var band = Clips.Color(W, 6, "white").Opacity(0.5).At(0, H - 6);
        var scene = Clips.Composite(W, H, Clips.Video(path), logo, band).WithDuration(2);
        var (yuv, planar) = Render(scene, 0.5);
        Assert.Equal(1, planar);
        var (viaRgb, _) = Render(scene, 0.5, planar: false);
        var worst = yuv.Select((b, i) => (Difference: Math.Abs(b - viaRgb[i]), Index: i)).MaxBy(d => d.Difference);
        Assert.True(worst.Difference <= 2, $"the planar frame should be the RGBA path's within rounding; byte {worst.Index} differs by {worst.Difference} ({yuv[worst.Index]} vs {viaRgb[worst.Index]})");
        Assert.NotEqual(yuv[0], yuv[5 + 4 * W]); // the logo shows
    }

    [SkippableFact]
    public void A_group_of_titles_over_video_stays_planar_and_is_the_rgba_paths_picture()
    {
        // A subtitle track is a frame-sized transparent composite of small captions: laid as its captions, not as one picture.
        var path = Video("grouped.mp4", "100+2*N", 118, 140);
        var titles = Clips.Composite(W, H, Clips.Color(12, 6, "#ff8000").Opacity(0.6).At(6, H - 10), Clips.Color(8, 4, "white").At(30, 2),
            Clips.Color(W, H, "transparent"));
        var scene = Clips.Composite(W, H, Clips.Video(path), titles.At(0, 0)).WithDuration(2);
        var (yuv, planar) = Render(scene, 0.5);
        Assert.Equal(1, planar);
        var (viaRgb, _) = Render(scene, 0.5, planar: false);
        var worst = yuv.Select((b, i) => (Difference: Math.Abs(b - viaRgb[i]), Index: i)).MaxBy(d => d.Difference);
        Assert.True(worst.Difference <= 2, $"the planar frame should be the RGBA path's within rounding; byte {worst.Index} differs by {worst.Difference}");

        // A group that is translucent itself, or whose layers reach outside it (and are cut by it), is still one picture: too large
        // for the planar path here, so the RGBA path makes the frame.
        Assert.Equal(0, Render(Clips.Composite(W, H, Clips.Video(path), titles.Opacity(0.5)).WithDuration(2), 0.5).PlanarFrames);
        var spilling = Clips.Composite(W, H / 2, Clips.Color(12, 6, "red").At(W - 4, 0));
        Assert.Equal(0, Render(Clips.Composite(W, H, Clips.Video(path), spilling).WithDuration(2), 0.5).PlanarFrames);
    }

    [SkippableFact]
    public void An_opaque_color_under_everything_is_the_background()
    {
        // The moviepy habit: a full-frame color clip first. It is the background, so the frame stays planar, with the same bytes.
        var path = Video("small.mp4", "120", 110, 140);
        var scene = Clips.Composite(W, H, Clips.Color(W, H, "#202020"), Clips.Video(path, W / 2, H / 2).At(8, 8)).WithDuration(1);
        var (yuv, planar) = Render(scene, 0.2);
        Assert.Equal(1, planar);
        Assert.Equal(Render(Clips.Composite(W, H, [Clips.Video(path, W / 2, H / 2).At(8, 8)], "#202020").WithDuration(1), 0.2).Yuv, yuv);

        var seeThrough = Clips.Composite(W, H, Clips.Color(W, H, "#20202080"), Clips.Video(path, W / 2, H / 2).At(8, 8)).WithDuration(1);
        Assert.Equal(0, Render(seeThrough, 0.2).PlanarFrames); // a translucent color is a picture, and covers the whole frame
    }

    [SkippableFact]
    public void Frames_the_planar_path_cannot_make_exactly_take_the_rgba_path()
    {
        var tagged = Video("tagged.mp4", "100", 120, 130);
        var mask = Clips.Composite(W, H, [Clips.Color(W / 2, H, "white")], "black");
        foreach (var (what, clip) in new (string, Clip)[]
        {
            ("a video at an odd position", Clips.Composite(W, H, Clips.Video(tagged).At(1, 0)).WithDuration(1)),
            ("a masked video", Clips.Composite(W, H, Clips.Video(tagged).WithMask(mask)).WithDuration(1)),
            ("a video under a picture covering more than a quarter of the frame", Clips.Composite(W, H, Clips.Video(tagged), Clips.Color(40, 40, "red")).WithDuration(1)),
            ("a video under a masked picture", Clips.Composite(W, H, Clips.Video(tagged), Clips.Color(8, 8, "red").WithMask(Clips.Color(8, 8, "white"))).WithDuration(1)),
            ("only pictures", Clips.Composite(W, H, Clips.Color(8, 8, "red")).WithDuration(1)),
            ("a composite with its own fade", Clips.Composite(W, H, Clips.Video(tagged)).WithDuration(1).FadeIn(0.5)),
        })
        {
            var (yuv, planar) = Render(clip, 0.2);
            Assert.True(planar == 0, $"{what} took the planar path");
            Assert.Equal(Render(clip, 0.2, planar: false).Yuv, yuv);
        }
    }
}
