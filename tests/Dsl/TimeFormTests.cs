using ScriptComposer.Dsl;

namespace ScriptComposer.Tests.Dsl;

/// <summary>Times as moviepy users write them: counted back from the end, endless loops, and clock strings.</summary>
public class TimeFormTests
{
    private static readonly FrameRate Rate = new(30);

    private static List<int> Frames(Clip clip, int count) =>
        Enumerable.Range(0, count).Select(i => CpuRender.At(clip, Rate.TimeOf(i))[0, 0].R).ToList();

    [Fact]
    public void Subclip_with_a_negative_start_counts_from_the_end()
    {
        var clip = CpuRender.FrameCounter(2).Subclip(-0.5);

        Assert.Equal(0.5, clip.Duration!.Value, 9);
        Assert.Equal(Enumerable.Range(45, 15), Frames(clip, 15));
    }

    [Fact]
    public void Subclip_with_negative_start_and_end_takes_the_part_between_them()
    {
        var clip = CpuRender.FrameCounter(2).Subclip(-1, -0.5);

        Assert.Equal(0.5, clip.Duration!.Value, 9);
        Assert.Equal(Enumerable.Range(30, 15), Frames(clip, 15));
    }

    [Fact]
    public void Subclip_counting_back_past_the_start_is_refused_with_both_times()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CpuRender.FrameCounter(2).Subclip(-3));

        Assert.Contains("Subclip(-3)", error.Message);
        Assert.Contains("-1 s", error.Message);
        Assert.Contains("2 s long", error.Message);
    }

    [Fact]
    public void Loop_without_a_count_repeats_for_as_long_as_its_composite_shows_it()
    {
        var looped = CpuRender.FrameCounter(0.5).Loop();
        Assert.Null(looped.Duration);

        var scene = Clips.Composite(2, 2, looped).WithDuration(2);
        Assert.Equal(Enumerable.Range(0, 60).Select(i => i % 15), Frames(scene, 60));
    }

    [Theory]
    [InlineData("65.5", 65.5)]
    [InlineData("1:05", 65)]
    [InlineData("1:05.5", 65.5)]
    [InlineData("00:01:05.5", 65.5)]
    [InlineData("01:00:00", 3600)]
    [InlineData(" 0:00.25 ", 0.25)]
    [InlineData("-0:02", -2)]
    public void Clock_strings_read_as_seconds(string text, double seconds)
    {
        Assert.Equal(seconds, Seconds.Parse(text).Value, 9);
    }

    [Theory]
    [InlineData("")]
    [InlineData("1:65")]
    [InlineData("1:2:3:4")]
    [InlineData("1.5:00")]
    [InlineData("a:05")]
    [InlineData("1::05")]
    public void Strings_that_are_not_times_are_refused_with_the_forms_that_are(string text)
    {
        var error = Assert.Throws<ArgumentException>(() => Seconds.Parse(text));

        Assert.Contains($"'{text}' is not a time", error.Message);
        Assert.Contains("\"1:05.5\"", error.Message);
    }

    [Fact]
    public void Clock_strings_go_wherever_seconds_go()
    {
        var clip = CpuRender.FrameCounter(2);

        Assert.Equal(clip.Subclip(0.5, 1.5), clip.Subclip("0:00.5", "0:01.5"));
        Assert.Equal(clip.WithStart(65), clip.WithStart("1:05"));
        Assert.Equal(clip.WithDuration(1.25), clip.WithDuration("00:00:01.25"));
        Assert.Equal(clip.WithEnd(1.5).Duration, clip.WithEnd("0:01.5").Duration);
        Assert.Equal(clip.Loop(seconds: 4.5).Duration, clip.Loop("0:04.5").Duration);
        Assert.Equal(clip.CutOut(0.5, 1).Duration, clip.CutOut("0:00.5", "0:01").Duration);
        Assert.Equal(clip.Freeze(1, 0.5).Duration, clip.Freeze("0:01", "0:00.5").Duration);
        Assert.Equal(clip.CrossFadeIn(0.5), clip.CrossFadeIn("0:00.5"));
        Assert.Equal(clip.FadeOut(0.5), clip.FadeOut("0:00.5"));
        Assert.Equal(2, Clips.Silence("0:02").Duration);
        Assert.Equal(90, Clips.Tone(440, "1:30").Duration);
    }
}
