using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Tests.Scripting;

/// <summary>
/// The moving-value and frames-as-arrays API as a script writes it: the numbers, lambda and Keyframes forms of Resize side by side
/// compile without ambiguity, lambdas bind to Map, MapTime and both Frames forms, and a bad function is reported at its line.
/// </summary>
public sealed class MovingAndArrayScriptTests : IDisposable
{
    private static readonly ScriptHost Host = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("sc-moving-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string code)
    {
        var path = Path.Combine(_folder, "moving.csx");
        File.WriteAllText(path, code);
        return path;
    }

    [Fact]
    public void Every_form_compiles_and_means_what_it_says()
    {
        var path = Write("""
            var photo = Color(64, 32, "navy").WithDuration(2);
            var a = photo.Resize(width: 32);
            var b = photo.Resize(scale: 0.5);
            var c = photo.Resize(32, 16);
            var d = photo.Resize(height: 16, filter: "lanczos");
            var zoom = photo.Resize(scale: t => 1 + 0.25 * t);
            var grow = photo.Resize(width: new Keyframes((0, 64.0), (2, 96.0)));
            var pan = photo.CropCenter(t => (16 + 8 * t, 16), 32, 32).Brightness(t => 0.1 * t).Blur(new Keyframes((0, 0.0), (1, 2.0)));
            var eased = photo.Opacity(t => Interpolate(t, [0, 1], [0, 1], Easing.CubicBezier(0.4, 0, 0.2, 1), extrapolate: "clamp"));
            var springy = photo.Margin(t => 4 * Spring(t, damping: 12));
            var mapped = photo.Map((t, image) => image.Blit(new Image(4, 4).Fill((255, 0, 0)), 0, 0));
            var inPlace = photo.Map((t, image) => { image[0, 0] = new Rgba(255, 255, 255); });
            var slowed = photo.MapTime(t => t / 2);
            var drawn = Frames(8, 8, 1, (t, image) => image.Fill("red"));
            var bytes = Frames(8, 8, 1, (t, px) => px.Fill(255));
            Render(Composite(128, 64, zoom, grow, pan, eased, springy, mapped, inPlace, slowed, drawn, bytes), "out/x.mp4", fps: 10);
            Render(Composite(64, 32, a, b, c, d), "out/y.mp4", fps: 10);
            """);

        var evaluation = Host.Evaluate(path, ScriptArgs.Empty);

        var sizes = ((CompositeClip)evaluation.Outputs[1].Clip).Layers.Select(l => (l.Width, l.Height));
        Assert.Equal([(32, 16), (32, 16), (32, 16), (32, 16)], sizes);
        var moving = ((CompositeClip)evaluation.Outputs[0].Clip).Layers.Select(l => (l.Width, l.Height)).Take(2);
        Assert.Equal([(96, 48), (96, 48)], moving);
    }

    [Fact]
    public void A_function_that_gives_no_number_is_reported_at_its_script_line()
    {
        var path = Write("var photo = Color(64, 32, \"navy\").WithDuration(2);\nvar dim = photo.Gamma(t => Math.Sqrt(1 - t));\n");

        var error = Assert.Throws<ScriptRuntimeException>(() => Host.Evaluate(path, ScriptArgs.Empty));

        Assert.Equal(2, error.Line);
        Assert.Contains("Gamma's gamma function returned NaN", error.Diagnostic.Message);
    }
}
