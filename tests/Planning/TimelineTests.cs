using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Gpu;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Planning;

public class TimelineTests
{
    private static readonly Clip Background = Color(100, 50, "black");

    [Fact]
    public void A_layer_shows_from_its_start_up_to_but_not_at_its_end()
    {
        var layer = Color(10, 10, "red").WithStart(1).WithDuration(2);
        var scene = Composite(100, 50, Background, layer).WithDuration(4);
        var rate = new FrameRate(30);

        var showing = Enumerable.Range(0, 120).Where(i => Timeline.ActiveLayers((CompositeClip)scene, rate.TimeOf(i)).Any(l => l.Clip == layer)).ToList();

        Assert.Equal(60, showing.Count);
        Assert.Equal(30, showing[0]);
        Assert.Equal(89, showing[^1]);
    }

    [Fact]
    public void Local_time_counts_from_the_layer_start_and_subclip_offsets_the_source()
    {
        var layer = Color(10, 10, "red").WithDuration(10).Subclip(2, 6).WithStart(1);

        var local = Timeline.LocalTime(layer, 2.5);

        Assert.Equal(1.5, local!.Value, 9);
        Assert.Equal(3.5, Timeline.SourceTime(layer, local.Value), 9);
        Assert.Null(Timeline.LocalTime(layer, 0.5));
        Assert.Null(Timeline.LocalTime(layer, 5.0));
    }

    [Fact]
    public void Frame_indices_at_fractional_fps_land_on_the_right_source_frames()
    {
        // A 29.97 fps output reading a 29.97 fps source one-to-one never skips or repeats a source frame.
        var rate = FrameRate.FromDouble(29.97);
        var source = rate;

        var indices = Enumerable.Range(0, 5000).Select(i => source.FrameAt(rate.TimeOf(i))).ToList();

        Assert.Equal(Enumerable.Range(0, 5000).Select(i => (long)i), indices);
    }

    [Fact]
    public void Keyword_positions_resolve_against_canvas_and_clip_size()
    {
        var clip = Color(20, 10, "red");
        (int, int) At(Clip c) => c.Position.Resolve(0, 100, 50, c.Width, c.Height);

        Assert.Equal((40, 20), At(clip.At("center")));
        Assert.Equal((0, 20), At(clip.At("left")));
        Assert.Equal((80, 40), At(clip.At("right", "bottom")));
        Assert.Equal((40, 7), At(clip.At("center", 7)));
        Assert.Equal((25, 25), At(clip.AtRelative(0.25, 0.5)));
        Assert.Equal((80, 0), At(clip.At(ScriptComposer.Dsl.Layout.Pos.TopRight)));
        Assert.Equal((0, 40), At(clip.At("bottom-left")));
    }

    [Fact]
    public void Animated_positions_use_the_clip_time_and_round_half_up()
    {
        var clip = Color(20, 10, "red").WithStart(2).At(t => (10 + 5 * t, 2.5));
        var scene = (CompositeClip)Composite(100, 50, Background, clip).WithDuration(5);

        var layer = Timeline.ActiveLayers(scene, 3.0).Single(l => l.Clip == clip);

        Assert.Equal((15, 3), (layer.X, layer.Y));
    }

    [Fact]
    public void Layers_wholly_off_canvas_are_dropped_and_partly_off_are_kept()
    {
        var partly = Color(20, 20, "red").At(-10, -10);
        var wholly = Color(20, 20, "green").At(100, 0);
        var above = Color(20, 20, "blue").At(0, -20);
        var scene = (CompositeClip)Composite(100, 50, Background, partly, wholly, above).WithDuration(1);

        var layers = Timeline.ActiveLayers(scene, 0).Select(l => l.Clip).ToList();

        Assert.Equal([Background, partly], layers);
    }

    [Fact]
    public void Layers_keep_list_order_bottom_first()
    {
        var a = Color(10, 10, "red");
        var b = Color(10, 10, "green").At(5, 5);
        var scene = (CompositeClip)Composite(100, 50, Background, a, b).WithDuration(1);

        Assert.Equal([Background, a, b], Timeline.ActiveLayers(scene, 0).Select(l => l.Clip));
    }

    [Fact]
    public void Fades_go_from_the_color_to_the_picture_and_back()
    {
        var clip = Color(10, 10, "white").WithDuration(4).FadeIn(1).FadeOut(2, "red");

        Assert.Equal(1f, Timeline.Fades(clip, 0).Single().Amount, 5);
        Assert.Equal(0.5f, Timeline.Fades(clip, 0.5).Single().Amount, 5);
        Assert.Empty(Timeline.Fades(clip, 1.5));
        Assert.Equal(new FadeStep(new Rgba(255, 0, 0), 0.5f), Timeline.Fades(clip, 3).Single());
        Assert.Equal(0.0f, Timeline.Fades(clip, 2).SingleOrDefault().Amount, 5);
    }

    [Fact]
    public void FadeOut_without_a_duration_is_an_error_that_says_how_to_fix_it()
    {
        var clip = Color(10, 10, "white").FadeOut(1);

        var error = Assert.Throws<ScriptComposerException>(() => Timeline.Fades(clip, 0));

        Assert.Contains("WithDuration", error.Message);
    }

    [Fact]
    public void A_composite_lasts_until_its_last_layer_ends()
    {
        var scene = Composite(100, 50, Background, Color(10, 10, "red").WithStart(2).WithDuration(3), Color(10, 10, "red").WithDuration(1));

        Assert.Equal(5, scene.Duration);
    }
}
