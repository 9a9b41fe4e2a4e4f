using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Planning.Nodes;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Gpu;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Planning;

/// <summary>
/// The planner on its own, with no ffmpeg and no pixels: for each kind of composition, the plan's nodes, whether the frame is mixed
/// in Y'CbCr (and why not), and the fused kernel's shape.
/// </summary>
public sealed class FramePlannerTests
{
    private static readonly FramePlanner Planner = new();

    /// <summary>A video clip whose file is never opened: planning only reads what probing would have said.</summary>
    private static VideoClip Video(int width = 64, int height = 36, double duration = 10, string path = "/media/clip.mp4", string pixelFormat = "yuv420p") =>
        (VideoClip)new VideoClip(new MediaInfo(path, width, height, duration, new FrameRate(25), pixelFormat, false), width, height) { Duration = duration };

    private static FramePlan I420(Clip clip, double time) => Planner.Plan(clip, time, PipeFormat.I420);

    private static string ShapeOf(PlanNode node) => string.Join(",", ((CompositeNode)node).Shape);

    [Fact]
    public void Stills_are_one_fused_pass_of_lent_sources_and_never_planar()
    {
        var scene = Composite(64, 36, Color(64, 36, "navy"), Color(8, 8, "orange").At(t => (10 * t, 4))).WithDuration(2);

        var plan = I420(scene, 0.5);

        Assert.False(plan.IsPlanar);
        Assert.Equal(PlanarRefusal.NoVideo, plan.RgbaBecause);
        var composite = Assert.IsType<CompositeNode>(plan.Picture);
        Assert.Equal([new ColorSource(64, 36, new Rgba(0, 0, 128)), new ColorSource(8, 8, new Rgba(255, 165, 0))], composite.Layers.Select(l => l.Picture));
        Assert.Equal([(0, 0), (5, 4)], composite.Layers.Select(l => (l.X, l.Y)));
        Assert.Equal("0,0", ShapeOf(composite));
    }

    [Fact]
    public void A_fade_is_folded_into_the_pass_and_both_fades_at_once_apply_the_first_before()
    {
        var fading = Color(16, 16, "white").WithDuration(1).FadeIn(1).FadeOut(1);
        var scene = Composite(64, 36, fading).WithDuration(1);

        var layer = Assert.IsType<CompositeNode>(I420(scene, 0.25).Picture).Layers.Single();

        Assert.Equal(new FadeNode(new ColorSource(16, 16, Gpu.Rgba.White), new FadeStep(Gpu.Rgba.Black, 0.75f)), layer.Picture);
        Assert.Equal(new FadeStep(Gpu.Rgba.Black, 0.25f), layer.Fade);
        Assert.Equal("0f", ShapeOf(I420(scene, 0.25).Picture));
        Assert.Equal("0f", ShapeOf(I420(Composite(64, 36, Color(16, 16, "white").WithDuration(2).FadeIn(1)).WithDuration(2), 0.5).Picture));
        Assert.Equal("0", ShapeOf(I420(Composite(64, 36, Color(16, 16, "white").WithDuration(2).FadeIn(1)).WithDuration(2), 1.5).Picture));
    }

    [Fact]
    public void A_crossfade_of_two_videos_is_planar_with_the_second_at_half_opacity()
    {
        var first = Video(path: "/media/a.mp4").Subclip(0, 2);
        var second = Video(path: "/media/b.mp4").Subclip(0, 2).WithStart(1).CrossFadeIn(1);

        var plan = I420(Composite(64, 36, first, second), 1.5);

        var planar = Assert.IsType<PlanarCompositeNode>(plan.Picture);
        Assert.Null(plan.RgbaBecause);
        Assert.Equal([("/media/a.mp4", 37L, 1f), ("/media/b.mp4", 12L, 0.5f)], planar.Layers.Select(l => (l.Video!.Media.Path, l.Video.Frame, l.Opacity)));
    }

    [Fact]
    public void A_grid_of_videos_is_planar_over_its_background_with_each_video_where_the_grid_puts_it()
    {
        var grid = Grid(new Clip[,] { { Video(), Video().Subclip(1) }, { Video().Subclip(2), Video().Subclip(3) } }).WithDuration(4);

        var planar = Assert.IsType<PlanarCompositeNode>(I420(grid, 0.2).Picture);

        Assert.Equal((128, 72, Gpu.Rgba.Black), (planar.Width, planar.Height, planar.Background));
        Assert.Equal([(0, 0, 5L), (64, 0, 30L), (0, 36, 55L), (64, 36, 80L)], planar.Layers.Select(l => (l.X, l.Y, l.Video!.Frame)));
    }

    [Fact]
    public void A_full_frame_color_under_the_video_becomes_the_background()
    {
        var scene = Composite(64, 36, Color(64, 36, "#202020"), Video(32, 18).At(16, 8)).WithDuration(2);

        var planar = Assert.IsType<PlanarCompositeNode>(I420(scene, 0).Picture);

        Assert.Equal(new Rgba(32, 32, 32), planar.Background);
        Assert.Single(planar.Layers);
    }

    [Fact]
    public void A_mask_or_a_blend_mode_sends_the_frame_through_rgba_with_its_shape()
    {
        var masked = Composite(64, 36, Video(), Color(16, 16, "red").WithMask(Color(16, 16, "#808080"))).WithDuration(2);
        var multiplied = Composite(64, 36, Video(), Color(16, 16, "red").Blend("multiply")).WithDuration(2);

        Assert.Equal(PlanarRefusal.MaskOrBlendMode, I420(masked, 0).RgbaBecause);
        Assert.Equal("0,0m", ShapeOf(I420(masked, 0).Picture));
        Assert.Equal(new ColorSource(16, 16, new Rgba(128, 128, 128)), ((CompositeNode)I420(masked, 0).Picture).Layers[1].Mask);
        Assert.Equal(PlanarRefusal.MaskOrBlendMode, I420(multiplied, 0).RgbaBecause);
        Assert.Equal("0,2", ShapeOf(I420(multiplied, 0).Picture));
    }

    [Fact]
    public void A_group_of_titles_over_a_video_is_laid_title_by_title_where_the_group_stands()
    {
        var titles = Composite(32, 18, Color(8, 4, "white").At(2, 2), Color(8, 4, "yellow").At(20, 10)).WithDuration(2);
        var scene = Composite(64, 36, Video(), titles.At(10, 12)).WithDuration(2);

        var planar = Assert.IsType<PlanarCompositeNode>(I420(scene, 0).Picture);

        Assert.Equal([(0, 0, false), (12, 14, true), (30, 22, true)], planar.Layers.Select(l => (l.X, l.Y, l.Picture is not null)));
    }

    [Fact]
    public void A_video_at_an_odd_position_is_a_picture_and_a_large_one_keeps_the_frame_rgba()
    {
        var odd = Composite(64, 36, Video().At(1, 0)).WithDuration(2);
        var smallOdd = Composite(64, 36, Video(), Video(16, 8).At(3, 3)).WithDuration(2);

        Assert.Equal(PlanarRefusal.NoVideo, I420(odd, 0).RgbaBecause);
        var planar = Assert.IsType<PlanarCompositeNode>(I420(smallOdd, 0).Picture);
        Assert.IsType<VideoSource>(planar.Layers[1].Picture);
        Assert.Equal(PlanarRefusal.LargePictures, I420(Composite(64, 36, Video(), Color(40, 30, "red")).WithDuration(2), 0).RgbaBecause);
    }

    [Fact]
    public void Odd_sizes_fading_frames_and_rgba_outputs_say_why_they_are_not_planar()
    {
        Assert.Equal(PlanarRefusal.OddSize, I420(Composite(63, 36, Video(62, 36)).WithDuration(2), 0).RgbaBecause);
        Assert.Equal(PlanarRefusal.FrameFades, I420(Composite(64, 36, Video()).WithDuration(2).FadeIn(1), 0.5).RgbaBecause);
        Assert.Equal(PlanarRefusal.RgbaOutput, Planner.Plan(Composite(64, 36, Video()).WithDuration(2), 0, PipeFormat.Rgba).RgbaBecause);
        Assert.Equal(PlanarRefusal.TurnedOff, new FramePlanner { PlanarPath = false }.Plan(Video(), 0, PipeFormat.I420).RgbaBecause);
        Assert.Equal(PlanarRefusal.NotComposite, I420(Color(64, 36, "red").Resize(scale: 2), 0).RgbaBecause);
        Assert.Null(I420(Video(), 0).Reason);
    }

    [Theory]
    [InlineData("yuv420p", true)]
    [InlineData("yuvj420p", true)]
    [InlineData("yuv420p10le", true)]
    [InlineData("nv12", true)]
    [InlineData("yuv444p", false)]
    [InlineData("yuv422p10le", false)]
    [InlineData("bgr0", false)]
    [InlineData("gbrp", false)]
    [InlineData("yuva420p", false)]
    public void Only_a_video_with_4_2_0_chroma_is_mixed_in_I420(string pixelFormat, bool planar)
    {
        var plan = I420(Composite(64, 36, Video(pixelFormat: pixelFormat)).WithDuration(2), 0);

        Assert.Equal(planar, plan.IsPlanar);
        if (!planar)
            Assert.Equal(PlanarRefusal.NoVideo, plan.RgbaBecause);
    }

    [Fact]
    public void Nested_and_transformed_clips_bake_their_own_opacity_and_mask_before_the_wrapper()
    {
        var inner = Color(16, 16, "red").Opacity(0.5).WithDuration(2);
        var resized = inner.Resize(width: 32);

        var picture = Planner.Picture(resized, 0);

        Assert.Equal(new ResizeNode(new BakeNode(new ColorSource(16, 16, new Rgba(255, 0, 0)), 0.5f, null), 32, 32, ResizeFilter.Bilinear), picture);
    }

    [Fact]
    public void An_output_with_alpha_bakes_the_clips_own_mask_and_opacity()
    {
        var clip = Color(16, 16, "red").WithMask(Color(16, 16, "#808080")).CrossFadeIn(1).WithDuration(2);

        var plan = Planner.Plan(clip, 0.5, PipeFormat.RgbaStraight);

        Assert.Equal(new BakeNode(new ColorSource(16, 16, new Rgba(255, 0, 0)), 0.5f, new ColorSource(16, 16, new Rgba(128, 128, 128))), plan.Picture);
        Assert.Equal(new ColorSource(16, 16, new Rgba(255, 0, 0)), Planner.Plan(clip, 0.5, PipeFormat.Rgba).Picture);
    }

    [Fact]
    public void Plans_compare_by_value_so_an_unchanged_frame_is_seen_as_one()
    {
        var scene = Composite(64, 36, Color(64, 36, "navy"), Color(8, 8, "orange").At(t => (t < 1 ? 0 : 10, 4))).WithDuration(2);

        Assert.Equal(I420(scene, 0.2), I420(scene, 0.6));
        Assert.Equal(I420(scene, 0.2).GetHashCode(), I420(scene, 0.6).GetHashCode());
        Assert.NotEqual(I420(scene, 0.6), I420(scene, 1.2));
        Assert.NotEqual(I420(Video(), 0.0), I420(Video(), 0.04));
    }

    [Fact]
    public void Planning_a_timeline_names_exactly_the_kernel_shapes_and_video_reads_the_render_uses()
    {
        var fps = new FrameRate(10);
        var mask = Gradient.Linear(24, 24, (0, 0), (24, 0), "black", "white");
        var scene = Composite(96, 54,
            Color(96, 54, "#102030"),
            Color(24, 24, "red").WithDuration(4).FadeIn(1).FadeOut(1).At(t => (4 * t, 8)),
            Color(24, 24, "lime").WithStart(3).WithDuration(4).WithMask(mask).CrossFadeIn(1).At(40, 10),
            Color(24, 24, "blue").WithStart(6).WithDuration(4).Blend("screen").At(60, 20)).WithDuration(10);

        var needs = Planner.Needs(scene, fps, 0, 100, PipeFormat.I420);
        using var backend = new ShapeRecordingBackend();
        using (var renderer = new FrameRenderer(backend))
        {
            // Drawn as a render draws them: each frame after the last, so some are repeats and some are drawn in parts.
            byte[][] buffers = [new byte[new Yuv420Layout(96, 54).TotalBytes], new byte[new Yuv420Layout(96, 54).TotalBytes]];
            for (var i = 0; i < 100; i++)
                renderer.ExecuteAfter(renderer.Planner.Plan(scene, fps.TimeOf(i), PipeFormat.I420), buffers[i % 2], i == 0 ? null : buffers[(i + 1) % 2]);
            Assert.True(renderer.PartialFrames > 0, "some frames are drawn in parts");
        }

        Assert.Equal(backend.Shapes.OrderBy(s => s.ToString()), needs.Shapes.OrderBy(s => s.ToString()));
        Assert.True(needs.Shapes.Count >= 5, $"the timeline has several shapes: {string.Join(" ", needs.Shapes)}");
        Assert.Empty(needs.Reads);
        Assert.Equal((100, 0), (needs.Frames, needs.PlanarFrames));
        var reads = Planner.Needs(Video().Subclip(1).Speed(2), new FrameRate(25), 0, 10, PipeFormat.I420).Reads;
        Assert.Equal(Enumerable.Range(0, 10).Select(i => 25 + 2L * i), reads.Select(r => r.Frame).Order());
    }
}
