using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Tests.Scripting;

/// <summary>Mistakes a moviepy user makes, refused at compile time with what to write instead.</summary>
public sealed class TeachingErrorTests : IDisposable
{
    private static readonly ScriptHost Host = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("sc-teach-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string code)
    {
        var path = Path.Combine(_folder, $"s{Guid.NewGuid():N}.csx");
        File.WriteAllText(path, code);
        return path;
    }

    private IReadOnlyList<string> ErrorsOf(string code) =>
        Assert.Throws<ScriptCompilationException>(() => Host.Evaluate(Write(code), ScriptArgs.Empty)).Diagnostics.Select(d => d.Text).ToList();

    [Fact]
    public void Loop_with_a_bare_number_must_say_times_or_seconds()
    {
        var errors = ErrorsOf("var c = Color(8, 8).WithDuration(1);\nvar d = 2.5;\nvar l = c.Loop(d);\n");

        var error = Assert.Single(errors);
        Assert.Contains("(3,9): error CS0619", error);
        Assert.Contains("Loop(times: n)", error);
        Assert.Contains("Loop(seconds: s)", error);
    }

    [Fact]
    public void Loop_named_times_or_seconds_or_a_clock_string_compiles()
    {
        var evaluation = Host.Evaluate(Write("""
            var c = Color(8, 8).WithDuration(1);
            Render(c.Loop(3), "a.mp4");
            Render(c.Loop(times: 2), "b.mp4");
            Render(c.Loop(seconds: 2.5), "c.mp4");
            Render(c.Loop("0:01.5"), "d.mp4");
            """), ScriptArgs.Empty);

        Assert.Equal([3.0, 2.0, 2.5, 1.5], evaluation.Outputs.Select(o => o.Clip.Duration!.Value));
    }

    [Fact]
    public void Colors_as_tuples_and_Rgb_compile_in_a_script()
    {
        var evaluation = Host.Evaluate(Write("""
            var a = Color(8, 8, (255, 136, 0)).WithDuration(1);
            var b = Color(8, 8, Rgba(255, 136, 0, 128)).WithDuration(1).FadeIn(0.5, Rgb(0, 0, 255));
            var t = Text("hi", color: (255, 255, 255), stroke: ((0, 0, 0), 2));
            Render(Composite(16, 16, [a, b, t.WithDuration(1)], bg: (0, 0, 64)), "a.mp4");
            """), ScriptArgs.Empty);

        Assert.Single(evaluation.Outputs);
    }

    [Theory]
    [InlineData("var c = Color(8, 8).WithDuration(1).fadein(0.5);", "CS1061", "moviepy's 'fadein' is 'FadeIn' here")]
    [InlineData("var c = Color(8, 8).WithDuration(1).set_position(\"center\");", "CS1061", "moviepy's 'set_position' is 'At' here")]
    [InlineData("var c = Color(8, 8).WithDuration(1).subclip(0, 0.5);", "CS1061", "moviepy's 'subclip' is 'Subclip' here")]
    [InlineData("var c = Color(8, 8).WithDuration(1).speedx(2);", "CS1061", "moviepy's 'speedx' is 'Speed' here")]
    [InlineData("var c = Color(8, 8).WithDuration(1).resize(0.5);", "CS1061", "moviepy's 'resize' is 'Resize' here")]
    [InlineData("var c = Color(8, 8).WithDuration(1).volumex(0.5);", "CS1061", "moviepy's 'volumex' is 'Volume' here")]
    [InlineData("var c = concatenate_videoclips(new[] { Color(8, 8) });", "CS0103", "moviepy's 'concatenate_videoclips' is 'Concatenate' here")]
    [InlineData("var c = Color(8, 8).WithDuration(1).FadeOutt(0.5);", "CS1061", "Did you mean 'FadeOut'?")]
    [InlineData("var c = Color(8, 8).WithDuration(1).with_duration(2);", "CS1061", "moviepy's 'with_duration' is 'WithDuration' here")]
    [InlineData("var c = Colr(8, 8);", "CS0103", "Did you mean 'Color'?")]
    [InlineData("var c = Color(8, 8).WithDuration(1).cross_fade_in(1);", "CS1061", "Did you mean 'CrossFadeIn'?")]
    public void An_unknown_name_gets_the_DSL_spelling(string code, string id, string hint)
    {
        var error = Assert.Single(ErrorsOf(code));

        Assert.Contains($"(1,", error);
        Assert.Contains($"error {id}", error);
        Assert.Contains(hint, error);
    }

    [Theory]
    [InlineData("var c = Color(8, 8).WithDuration(1).Resize(0.5);", "Resize(scale: 0.5)")]
    [InlineData("var f = 0.25;\nvar c = Color(8, 8).WithDuration(1).Resize(f);", "Resize(scale: f)")]
    public void A_factor_given_to_Resize_points_to_scale(string code, string hint)
    {
        var error = Assert.Single(ErrorsOf(code));

        Assert.Contains(hint, error);
    }

    [Fact]
    public void A_wrong_name_with_no_near_DSL_name_gets_no_hint()
    {
        var error = Assert.Single(ErrorsOf("var c = Color(8, 8).WithDuration(1).Xyzzyplugh();"));

        Assert.DoesNotContain("(Did you mean", error);
        Assert.DoesNotContain("moviepy", error);
    }
}
