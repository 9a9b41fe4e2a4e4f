using ScriptComposer.Dsl;

namespace ScriptComposer.Tests.Dsl;

/// <summary>Time effects are frame-exact: each output frame shows exactly the source frame the effect says.</summary>
public class TimeEffectTests
{
    private static readonly FrameRate Rate = new(30);

    private static List<int> Frames(Clip clip) =>
        Enumerable.Range(0, (int)Rate.FrameCount(clip.Duration!.Value)).Select(i => CpuRender.At(clip, Rate.TimeOf(i))[0, 0].R).ToList();

    [Fact]
    public void Speed_two_shows_every_other_frame_and_halves_the_duration()
    {
        var clip = CpuRender.FrameCounter(2).Speed(2);

        Assert.Equal(1, clip.Duration);
        Assert.Equal(Enumerable.Range(0, 30).Select(i => 2 * i), Frames(clip));
    }

    [Fact]
    public void Half_speed_shows_each_frame_twice()
    {
        var clip = CpuRender.FrameCounter(0.5).Speed(0.5);

        Assert.Equal(Enumerable.Range(0, 30).Select(i => i / 2), Frames(clip));
    }

    [Fact]
    public void Reverse_starts_with_the_last_frame_and_ends_with_the_first()
    {
        var clip = CpuRender.FrameCounter(1).Reverse();

        Assert.Equal(Enumerable.Range(0, 30).Select(i => 29 - i), Frames(clip));
    }

    [Fact]
    public void Loop_repeats_whole_cycles_without_a_doubled_or_dropped_frame()
    {
        var clip = CpuRender.FrameCounter(0.5).Loop(3);

        Assert.Equal(1.5, clip.Duration!.Value, 9);
        Assert.Equal(Enumerable.Range(0, 45).Select(i => i % 15), Frames(clip));
        Assert.Equal(1.2, CpuRender.FrameCounter(0.5).Loop(seconds: 1.2).Duration!.Value, 9);
    }

    [Fact]
    public void Freeze_holds_a_frame_then_plays_on()
    {
        var clip = CpuRender.FrameCounter(0.5).Freeze(0.2, 0.1);

        var expected = Enumerable.Range(0, 6).Concat(Enumerable.Repeat(6, 3)).Concat(Enumerable.Range(6, 9)).ToList();
        Assert.Equal(expected, Frames(clip));
    }

    [Fact]
    public void FreezeLast_holds_the_last_frame_after_the_end()
    {
        var clip = CpuRender.FrameCounter(0.5).FreezeLast(0.2);

        Assert.Equal(0.7, clip.Duration!.Value, 9);
        Assert.Equal(Enumerable.Range(0, 15).Concat(Enumerable.Repeat(14, 6)), Frames(clip));
        Assert.Equal(Frames(clip), Frames(CpuRender.FrameCounter(0.5).Freeze(double.PositiveInfinity, 0.2)));
        Assert.Equal(Frames(clip), Frames(CpuRender.FrameCounter(0.5).Freeze(0.5, 0.2)));
        Assert.Throws<InvalidOperationException>(() => Clips.Color(2, 2).FreezeLast(1));
        Assert.Throws<ArgumentOutOfRangeException>(() => CpuRender.FrameCounter(0.5).FreezeLast(0));
    }

    [Fact]
    public void CutOut_skips_exactly_the_cut_frames()
    {
        var clip = CpuRender.FrameCounter(1).CutOut(0.2, 0.5);

        Assert.Equal(Enumerable.Range(0, 6).Concat(Enumerable.Range(15, 15)), Frames(clip));
    }

    [Fact]
    public void Time_effects_refuse_impossible_arguments()
    {
        var clip = CpuRender.FrameCounter(1);

        Assert.Throws<ArgumentOutOfRangeException>(() => clip.Speed(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => clip.Loop(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => clip.Freeze(2, 1));
        Assert.Throws<ArgumentOutOfRangeException>(() => clip.CutOut(0.5, 2));
        Assert.Throws<InvalidOperationException>(() => Clips.Color(2, 2).Reverse());
    }

    [Fact]
    public void Wrapped_clips_keep_their_place_on_the_parent()
    {
        var clip = CpuRender.FrameCounter(1).WithStart(2).At(5, 6).Speed(2);

        Assert.Equal(2, clip.Start);
        Assert.Equal(new ScriptComposer.Dsl.Layout.StaticPosition(5, 6), clip.Position);
    }

    [Fact]
    public void Concatenate_chains_clips_back_to_back()
    {
        var a = Clips.Color(2, 2, "red").WithDuration(0.5);
        var b = Clips.Color(2, 2, "blue").WithDuration(0.5);

        var both = Clips.Concatenate([a, b]);

        Assert.Equal(1, both.Duration);
        Assert.Equal((255, 0, 0, 255), CpuRender.At(both, Rate.TimeOf(14))[0, 0]);
        Assert.Equal((0, 0, 255, 255), CpuRender.At(both, Rate.TimeOf(15))[0, 0]);
    }

    [Fact]
    public void Concatenate_with_negative_padding_and_crossfade_blends_the_overlap()
    {
        var a = Clips.Color(2, 2, "red").WithDuration(1);
        var b = Clips.Color(2, 2, "blue").WithDuration(1).CrossFadeIn(0.5);

        var both = Clips.Concatenate([a, b], method: "compose", padding: -0.5);

        Assert.Equal(1.5, both.Duration);
        var middle = CpuRender.At(both, 0.75);
        middle.AssertPixel(0, 0, (128, 0, 127, 255));
    }

    [Fact]
    public void Concatenate_compose_centers_smaller_clips_on_the_largest()
    {
        var big = Clips.Color(10, 10, "red").WithDuration(1);
        var small = Clips.Color(2, 2, "white").WithDuration(1);

        var both = Clips.Concatenate([big, small], method: "compose");
        var frame = CpuRender.At(both, 1.5);

        Assert.Equal((10, 10), (frame.Width, frame.Height));
        frame.AssertPixel(4, 4, (255, 255, 255, 255));
        frame.AssertPixel(0, 0, (0, 0, 0, 255));
    }
}
