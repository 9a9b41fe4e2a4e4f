using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Dsl.Transitions;
using ScriptComposer.Host.Scripting;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Transitions;

/// <summary>Transitions check their arguments where the script makes them, and say what to write instead.</summary>
public sealed class TransitionArgumentTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("sc-transitions-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void A_transition_lasts_a_positive_time(double seconds)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Transition.WipeLeft(seconds));
        Assert.Equal("seconds", error.ParamName);
        Assert.Contains("positive number of seconds", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_unknown_name_lists_the_known_ones()
    {
        var error = Assert.Throws<ArgumentException>(() => Transition.Named("wipeleftt", 1));
        Assert.Equal("name", error.ParamName);
        Assert.Contains("'wipeleftt'", error.Message, StringComparison.Ordinal);
        Assert.Contains("wipeleft, ", error.Message, StringComparison.Ordinal);
        Assert.Contains("fadeblack", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_known_name_makes_its_transition()
    {
        foreach (var name in Transition.KnownNames.Append("fadeblack").Append("fadewhite"))
            Assert.Equal(name, Transition.Named(name, "0:01.5").Name);
        Assert.Equal(1.5, Transition.Named("dissolve", "0:01.5").Duration);
        Assert.Equal(ScriptComposer.Gpu.Rgba.White, Transition.FadeWhite(1).Color);
        Assert.Equal(Transition.SlideUp(2), Transition.Named("slideup", 2));
    }

    [Fact]
    public void A_transition_longer_than_a_clip_it_joins_is_refused_with_the_longest_that_fits()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Concatenate([Color(8, 8).WithDuration(3), Color(8, 8).WithDuration(0.5), Color(8, 8).WithDuration(2)], transition: Transition.Fade(1)));
        Assert.Equal("transition", error.ParamName);
        Assert.Contains("lasts 1 s, longer than", error.Message, StringComparison.Ordinal);
        Assert.Contains("(0.5 s)", error.Message, StringComparison.Ordinal);
        Assert.Contains("at most 0.5 s", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clip_cannot_come_in_over_longer_than_it_lasts()
    {
        var error = Assert.Throws<ArgumentException>(() => Color(8, 8).WithDuration(0.4).TransitionIn(Transition.CircleOpen(1)));
        Assert.Equal("transition", error.ParamName);
        Assert.Contains("WithDuration(0.4)", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Concatenate_overlaps_each_pair_by_the_transition()
    {
        var clips = new[] { Color(8, 8).WithDuration(2), Color(4, 4).WithDuration(3), Color(8, 8).WithDuration(1) };
        var joined = Concatenate(clips, transition: Transition.SlideLeft(0.5), method: "compose");
        Assert.Equal(5, joined.Duration!.Value, 9);
        Assert.Equal([0, 1.5, 4], joined.Layers.Select(l => l.Start));
        Assert.Equal([null, Transition.SlideLeft(0.5), Transition.SlideLeft(0.5)], joined.Layers.Select(l => l.TransitionInEffect));
        Assert.Equal(1, Concatenate([Color(8, 8).WithDuration(1)], transition: Transition.Fade(5)).Duration!.Value, 9);
    }

    [Fact]
    public void A_script_with_a_transition_too_long_is_stopped_at_its_line()
    {
        var path = Path.Combine(_folder, "long.csx");
        File.WriteAllText(path, "var a = Color(32, 16, \"red\").WithDuration(2);\nvar b = Color(32, 16, \"blue\").WithDuration(0.5);\nvar both = Concatenate([a, b], transition: Transition.WipeLeft(1));\n");
        var error = Assert.Throws<ScriptRuntimeException>(() => new ScriptHost().Evaluate(path, ScriptArgs.Empty));
        Assert.Equal(3, error.Line);
        Assert.StartsWith($"{path}(3): error: The wipeleft transition lasts 1 s", error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_custom_transitions_cuda_body_that_does_not_compile_is_reported_at_its_line_in_the_script()
    {
        Kernels.Requirements.Nvrtc();
        var error = Assert.Throws<ScriptComposerException>(() =>
            Transition.Custom(1, cuda: "float4 c = a;\nreturn no_such_thing(c, b);", cpu: (a, _, _, _, _) => a, name: "broken", file: "show.csx", line: 10));
        Assert.StartsWith("show.csx(11): error: the CUDA source of transition broken (starting on line 10) does not compile", error.Message, StringComparison.Ordinal);
        Assert.Contains("line 2: error", error.Message, StringComparison.Ordinal);
        Assert.NotNull(Transition.Custom(1, cuda: "return x < p * width ? b : a;").Effect);
    }
}
