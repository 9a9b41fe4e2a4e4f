using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Tests.Scripting;

/// <summary>moviepy's fx in a script: their moviepy names teach the DSL's, ambiguous loops do not compile, bad arguments stop at their line.</summary>
public sealed class MoviepyFxScriptTests : IDisposable
{
    private static readonly ScriptHost Host = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("sc-fx-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string code)
    {
        var path = Path.Combine(_folder, $"s{Guid.NewGuid():N}.csx");
        File.WriteAllText(path, code);
        return path;
    }

    private IReadOnlyList<string> ErrorsOf(string code) =>
        Assert.Throws<ScriptCompilationException>(() => Host.Evaluate(Write(code), ScriptArgs.Empty)).Diagnostics.Select(d => d.Text).ToList();

    [Theory]
    [InlineData("c.lum_contrast(10, 0.5)", "LumContrast")]
    [InlineData("c.accel_decel(2)", "AccelDecel")]
    [InlineData("c.time_symmetrize()", "TimeSymmetrize")]
    [InlineData("c.supersample(0.1, 5)", "Supersample")]
    [InlineData("c.mask_and(c)", "MaskAnd")]
    [InlineData("c.freeze_region(1)", "FreezeRegion")]
    [InlineData("c.headblur(1, 1, 4)", "HeadBlur")]
    [InlineData("c.make_loopable(0.5)", "MakeLoopable")]
    [InlineData("c.audio_left_right(1, 0)", "StereoVolume")]
    [InlineData("c.audio_normalize()", "AudioNormalize")]
    [InlineData("CompositeAudioClip(c)", "Mix")]
    public void A_moviepy_fx_name_suggests_the_DSL_spelling(string call, string spelling)
    {
        var error = Assert.Single(ErrorsOf($"var c = Color(8, 8).WithDuration(1);\nvar x = {call};\n"));
        Assert.Contains($"'{spelling}'", error, StringComparison.Ordinal);
    }

    [Fact]
    public void AudioLoop_with_a_bare_number_must_say_times_or_seconds()
    {
        var error = Assert.Single(ErrorsOf("var t = Tone(440, 1);\nvar d = 2.5;\nvar l = t.AudioLoop(d);\n"));
        Assert.Contains("(3,9): error CS0619", error, StringComparison.Ordinal);
        Assert.Contains("AudioLoop(times: n)", error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("var s = c.Supersample(0.1, 0);", "frames")]
    [InlineData("var s = c.Scroll(width: 99);", "width")]
    [InlineData("var s = c.LumContrast(lum: 1000);", "lum")]
    [InlineData("var s = c.FreezeRegion(0.5);", "region")]
    [InlineData("var s = Tone(440, 1).Pan(3);", "pan")]
    [InlineData("var s = AudioFrames((t, ch) => 0, 1, channels: 0);", "channels")]
    public void A_bad_fx_argument_is_an_error_at_its_line_naming_it(string line, string argument)
    {
        var path = Write($"var c = Color(8, 8).WithDuration(1);\n\n{line}\nRender(c, \"a.mp4\");\n");
        var error = Assert.Throws<ScriptRuntimeException>(() => Host.Evaluate(path, ScriptArgs.Empty));
        Assert.Equal(3, error.Line);
        Assert.Contains(argument, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_fx_compose_in_a_script()
    {
        var evaluation = Host.Evaluate(Write("""
            var c = Color(16, 16, "red").WithDuration(2);
            var fx = c.AccelDecel(3).TimeSymmetrize().Blink(0.5, 0.1).EvenSize().LumContrast(10, 0.2).Painting().Supersample(0.05, 3)
                      .MaskOr(Color(16, 16, "blue").WithDuration(9)).Scroll(8, 8, xSpeed: 2).MakeLoopable(1)
                      .HeadBlur(t => (4, 4), 3).FreezeRegion(0.5, region: (0, 0, 4, 4));
            var sound = Mix(Tone(440, 1).Pan(-1), AudioFrames((t, ch) => 0.1, 1, channels: 2).AudioNormalize(), Tone(220, 0.5).AudioLoop(times: 2));
            Render(fx.WithAudio(sound), "a.mp4");
            """), ScriptArgs.Empty);
        var output = Assert.Single(evaluation.Outputs);
        Assert.Equal(5, output.Clip.Duration);
    }
}
