using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;
using static ScriptComposer.Dsl.Clips;
using Image = ScriptComposer.Dsl.Image;

namespace ScriptComposer.Tests.Dsl;

/// <summary>Frames as arrays: the <see cref="Image"/> type, Map, MapTime, GetFrame, IterFrames and Frames drawing into an Image.</summary>
public class FrameArrayTests
{
    private static readonly Rgba Red = new(255, 0, 0);
    private static readonly Rgba Blue = new(0, 0, 255);

    /// <summary>A 4x2 picture, left half red, right half blue, lasting 2 s.</summary>
    private static Clip Halves() => Composite(4, 2, [Color(2, 2, "red"), Color(2, 2, "blue").At(2, 0)], "transparent").WithDuration(2);

    [Fact]
    public void Image_reads_and_writes_pixels_and_rows()
    {
        var image = new Image(3, 2);
        Assert.Equal(default, image[2, 1]);
        image[2, 1] = Red;
        Assert.Equal(Red, image[2, 1]);
        Assert.Equal(Red, image.Row(1)[2]);
        Assert.Equal(Red, image.Pixels[5]);
        image.Row(0).Fill(Blue);
        Assert.Equal(Blue, image[1, 0]);
        Assert.Equal([0, 0, 255, 255], image.Bytes[..4].ToArray());
    }

    [Fact]
    public void Image_names_the_pixel_outside_it_and_its_size()
    {
        var image = new Image(3, 2);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => image[3, 0]);
        Assert.Contains("Pixel (3, 0) is outside this 3x2 image", error.Message);
        Assert.Contains("Row 2 is outside", Assert.Throws<ArgumentOutOfRangeException>(() => image.Row(2).Length).Message);
        Assert.Equal("height", Assert.Throws<ArgumentOutOfRangeException>(() => new Image(3, 0)).ParamName);
    }

    [Fact]
    public void Fill_takes_any_colour_and_copy_is_its_own()
    {
        var image = new Image(2, 2).Fill("red");
        var copy = image.Copy().Fill((0, 0, 255, 128));
        Assert.Equal(Red, image[1, 1]);
        Assert.Equal(new Rgba(0, 0, 255, 128), copy[1, 1]);
        Assert.Equal("color", Assert.Throws<ArgumentException>(() => image.Fill("no-such-colour")).ParamName);
    }

    [Fact]
    public void Crop_cuts_a_rectangle_and_refuses_one_outside()
    {
        var image = new Image(4, 3);
        image[2, 1] = Red;
        var cut = image.Crop(1, 1, 2, 2);
        Assert.Equal((2, 2), (cut.Width, cut.Height));
        Assert.Equal(Red, cut[1, 0]);
        Assert.Contains("inside this 4x3 image", Assert.Throws<ArgumentOutOfRangeException>(() => image.Crop(3, 0, 2, 1)).Message);
    }

    [Fact]
    public void Blit_lays_an_image_over_by_its_alpha_clipped_at_the_edges()
    {
        var canvas = new Image(3, 3).Fill("blue");
        var stamp = new Image(2, 2).Fill("red");
        stamp[0, 0] = new Rgba(255, 0, 0, 0);
        stamp[1, 0] = new Rgba(255, 0, 0, 128);
        canvas.Blit(stamp, 1, 0);
        Assert.Equal(Blue, canvas[1, 0]);
        Assert.Equal(new Rgba(128, 0, 127), canvas[2, 0]);
        Assert.Equal(Red, canvas[1, 1]);
        Assert.Equal(Blue, canvas[0, 1]);

        canvas.Fill("blue").Blit(stamp, -1, -1).Blit(stamp, 2, 2);
        Assert.Equal(Red, canvas[0, 0]);
        Assert.Equal(Blue, canvas[2, 2]);
        Assert.Equal(Blue, canvas[1, 1]);
    }

    [Fact]
    public void Frames_draws_into_an_image_and_the_span_form_still_works()
    {
        var drawn = Frames(2, 2, 1, (t, image) => image[1, 0] = new Rgba((byte)(100 * t), 0, 0));
        CpuRender.At(drawn, 0.5).AssertPixel(1, 0, (50, 0, 0, 255));
        CpuRender.At(drawn, 0.5).AssertPixel(0, 0, (0, 0, 0, 0));

        var spans = Frames(2, 2, 1, (t, px) => px.Fill(255));
        CpuRender.At(spans, 0).AssertPixel(1, 1, (255, 255, 255, 255));
    }

    [Fact]
    public void Map_transforms_each_frame_with_its_time()
    {
        var mapped = Halves().Map((t, image) =>
        {
            var result = new Image(image.Width, image.Height);
            for (var y = 0; y < image.Height; y++)
                for (var x = 0; x < image.Width; x++)
                    result[image.Width - 1 - x, y] = image[x, y] with { G = (byte)(100 * t) };
            return result;
        });
        var frame = CpuRender.At(mapped, 1.5);
        frame.AssertPixel(0, 0, (0, 150, 255, 255));
        frame.AssertPixel(3, 1, (255, 150, 0, 255));
    }

    [Fact]
    public void Map_in_place_and_half_transparent_pixels_keep_their_straight_colour()
    {
        var mapped = Color(2, 1, "#ff000080").WithDuration(1).Map((t, image) => { image[1, 0] = image[0, 0] with { B = 255 }; });
        var frame = mapped.GetFrame(0);
        Assert.Equal(new Rgba(255, 0, 0, 128), frame[0, 0]);
        Assert.Equal(new Rgba(255, 0, 255, 128), frame[1, 0]);
    }

    [Fact]
    public void Map_frames_plan_equal_only_at_the_same_time()
    {
        var planner = new FramePlanner();
        var mapped = Composite(4, 2, Halves().Map((t, image) => image)).WithDuration(2);
        Assert.NotEqual(planner.Plan(mapped, 0.5, PipeFormat.Rgba), planner.Plan(mapped, 1, PipeFormat.Rgba));
        Assert.Equal(planner.Plan(mapped, 1, PipeFormat.Rgba), planner.Plan(mapped, 1, PipeFormat.Rgba));
    }

    [Fact]
    public void Map_counts_its_runs()
    {
        using var backend = new CpuBackend();
        using var renderer = new FrameRenderer(backend);
        var mapped = Halves().Map((t, image) => image);
        renderer.Render(mapped, 0).Dispose();
        renderer.Render(mapped, 1).Dispose();
        Assert.Equal(2, renderer.MappedFrames);
    }

    [Fact]
    public void A_map_that_returns_another_size_or_throws_names_the_clip_and_the_moment()
    {
        var wrong = Halves().Map((t, image) => new Image(2, 2));
        var error = Assert.Throws<ScriptComposerException>(() => CpuRender.At(wrong, 1));
        Assert.Contains("returned a 2x2 image at 1 s; it must return a 4x2 image", error.Message);

        var failing = Halves().Map((t, image) => image.Crop(0, 0, 9, 9));
        Assert.Contains("failed at 0 s: Crop(0, 0, 9, 9) is not a rectangle inside this 4x2 image", Assert.Throws<ScriptComposerException>(() => CpuRender.At(failing, 0)).Message);
    }

    [Fact]
    public void MapTime_shows_the_frame_of_the_function_of_time()
    {
        var faster = CpuRender.FrameCounter(4).MapTime(t => t * t);
        Assert.Equal(4, faster.Duration);
        Assert.Equal(120, CpuRender.At(faster, 2).Pixels[0]);
        Assert.Equal(7, CpuRender.At(faster, 0.5).Pixels[0]);
        Assert.Equal(2, CpuRender.FrameCounter(4).MapTime(t => 3 - t, duration: 2).Duration);
        Assert.Equal(0, CpuRender.At(CpuRender.FrameCounter(4).MapTime(t => -1), 1).Pixels[0]);
    }

    [Fact]
    public void MapTime_checks_its_function_at_the_call()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CpuRender.FrameCounter(2).MapTime(t => Math.Log(t - 1)));
        Assert.Equal("time", error.ParamName);
        Assert.Contains("MapTime's time function returned NaN at 0 s", error.Message);
        Assert.Equal("duration", Assert.Throws<ArgumentOutOfRangeException>(() => Halves().MapTime(t => t, duration: 0)).ParamName);
    }

    [Fact]
    public void GetFrame_returns_the_picture_as_an_image()
    {
        var frame = Halves().GetFrame(1);
        Assert.Equal((4, 2), (frame.Width, frame.Height));
        Assert.Equal(Red, frame[0, 0]);
        Assert.Equal(Blue, frame[3, 1]);
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Halves().GetFrame(3));
        Assert.Equal("t", error.ParamName);
        Assert.Contains("(2 s)", error.Message);
    }

    [Fact]
    public void IterFrames_enumerates_every_frame_at_the_rate()
    {
        var frames = CpuRender.FrameCounter(1).IterFrames(10).ToList();
        Assert.Equal(10, frames.Count);
        Assert.Equal(9, frames[3][0, 0].R);
        Assert.Contains("WithDuration", Assert.Throws<InvalidOperationException>(() => Color(2, 2, "red").IterFrames(10)).Message);
    }

    [Fact]
    public void The_verbose_report_says_where_a_map_ran()
    {
        var cuda = new RenderSummary("out.mp4", 10, 1, TimeSpan.FromSeconds(1), 100) { MappedFrames = 10, Backend = "cuda" };
        Assert.Contains("Map ran 10 times, in C# on the CPU: each frame was downloaded from the cuda device, mapped and uploaded again", cuda.PlanarReport);
        var cpu = cuda with { Backend = "cpu" };
        Assert.Contains("Map ran 10 times, in C# on the CPU", cpu.PlanarReport);
        Assert.DoesNotContain("downloaded", cpu.PlanarReport);
    }
}
