using System.Runtime.CompilerServices;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cuda;

namespace ScriptComposer.Dsl.Transitions;

/// <summary>
/// How one picture gives way to another over <see cref="Duration"/> seconds: for <c>Concatenate(clips, transition: ...)</c> and for a
/// layer coming in over the layers under it (<c>clip.TransitionIn(...)</c>). The names follow ffmpeg's <c>xfade</c> filter, and so do
/// the pictures of those it has (<see cref="Named"/> takes its names); <see cref="Dissolve"/>, <see cref="RectOpen"/> and the covers are
/// ScriptComposer's own, and <see cref="Custom(Seconds, string?, TransitionFunction?, string, string, int, string?)"/> is a user's, written like a <c>PixelEffect</c>.
/// </summary>
public sealed record Transition
{
    private static readonly Dictionary<string, TransitionKind> Names = new(StringComparer.Ordinal)
    {
        ["fade"] = TransitionKind.Fade,
        ["wipeleft"] = TransitionKind.WipeLeft, ["wiperight"] = TransitionKind.WipeRight,
        ["wipeup"] = TransitionKind.WipeUp, ["wipedown"] = TransitionKind.WipeDown,
        ["wipetl"] = TransitionKind.WipeTopLeft, ["wipetr"] = TransitionKind.WipeTopRight,
        ["wipebl"] = TransitionKind.WipeBottomLeft, ["wipebr"] = TransitionKind.WipeBottomRight,
        ["slideleft"] = TransitionKind.SlideLeft, ["slideright"] = TransitionKind.SlideRight,
        ["slideup"] = TransitionKind.SlideUp, ["slidedown"] = TransitionKind.SlideDown,
        ["coverleft"] = TransitionKind.CoverLeft, ["coverright"] = TransitionKind.CoverRight,
        ["coverup"] = TransitionKind.CoverUp, ["coverdown"] = TransitionKind.CoverDown,
        ["circleopen"] = TransitionKind.CircleOpen, ["circleclose"] = TransitionKind.CircleClose,
        ["rectcrop"] = TransitionKind.RectCrop, ["rectopen"] = TransitionKind.RectOpen,
        ["dissolve"] = TransitionKind.Dissolve, ["zoomin"] = TransitionKind.ZoomIn,
    };

    private static readonly Lazy<KernelCompiler?> Compiler = new(() =>
    {
        var compiler = new KernelCompiler();
        return compiler.NvrtcStatus.IsAvailable ? compiler : null;
    });

    private Transition(string name, TransitionKind kind, double duration, Rgba color, TransitionEffect? effect)
    {
        Name = name;
        Kind = kind;
        Duration = duration;
        Color = color;
        Effect = effect;
    }

    /// <summary>The xfade name ("wipeleft"), or the user transition's own name.</summary>
    public string Name { get; }

    /// <summary>Which built-in kernel draws it; not used when <see cref="Effect"/> is set.</summary>
    public TransitionKind Kind { get; }

    /// <summary>How long the two pictures overlap, in seconds.</summary>
    public double Duration { get; }

    /// <summary>The color a fade through a color or a rectangle crop passes through (straight alpha).</summary>
    public Rgba Color { get; }

    /// <summary>A user's transition (see <see cref="Custom(Seconds, string?, TransitionFunction?, string, string, int, string?)"/>); null for the built-in ones.</summary>
    public TransitionEffect? Effect { get; }

    /// <summary>Every name <see cref="Named"/> knows: ffmpeg's xfade names and ScriptComposer's own (coverleft, rectopen, ...).</summary>
    public static IReadOnlyCollection<string> KnownNames => Names.Keys;

    /// <summary>A crossfade: each pixel mixed from the first picture to the second (xfade's <c>fade</c>).</summary>
    public static Transition Fade(Seconds seconds) => Of("fade", TransitionKind.Fade, seconds);

    /// <summary>The first picture fades to black, the second from it (xfade's <c>fadeblack</c>).</summary>
    public static Transition FadeBlack(Seconds seconds) => new("fadeblack", TransitionKind.FadeColor, Checked(seconds), Rgba.Black, null);

    /// <summary>The first picture fades to white, the second from it (xfade's <c>fadewhite</c>).</summary>
    public static Transition FadeWhite(Seconds seconds) => new("fadewhite", TransitionKind.FadeColor, Checked(seconds), Rgba.White, null);

    /// <summary>The first picture fades to <paramref name="color"/>, the second from it (xfade's <c>fadeblack</c> with any color).</summary>
    public static Transition FadeThrough(Seconds seconds, ColorValue color) =>
        new("fadethrough", TransitionKind.FadeColor, Checked(seconds), color.Or(Rgba.Black, nameof(color)), null);

    /// <summary>The edge between the pictures moves to the left, the second picture appearing from the right (xfade's <c>wipeleft</c>).</summary>
    public static Transition WipeLeft(Seconds seconds) => Of("wipeleft", TransitionKind.WipeLeft, seconds);

    /// <summary>The edge moves to the right (xfade's <c>wiperight</c>).</summary>
    public static Transition WipeRight(Seconds seconds) => Of("wiperight", TransitionKind.WipeRight, seconds);

    /// <summary>The edge moves up (xfade's <c>wipeup</c>).</summary>
    public static Transition WipeUp(Seconds seconds) => Of("wipeup", TransitionKind.WipeUp, seconds);

    /// <summary>The edge moves down (xfade's <c>wipedown</c>).</summary>
    public static Transition WipeDown(Seconds seconds) => Of("wipedown", TransitionKind.WipeDown, seconds);

    /// <summary>A diagonal wipe: the first picture shrinks into the top left corner (xfade's <c>wipetl</c>).</summary>
    public static Transition WipeTopLeft(Seconds seconds) => Of("wipetl", TransitionKind.WipeTopLeft, seconds);

    /// <summary>The first picture shrinks into the top right corner (xfade's <c>wipetr</c>).</summary>
    public static Transition WipeTopRight(Seconds seconds) => Of("wipetr", TransitionKind.WipeTopRight, seconds);

    /// <summary>The first picture shrinks into the bottom left corner (xfade's <c>wipebl</c>).</summary>
    public static Transition WipeBottomLeft(Seconds seconds) => Of("wipebl", TransitionKind.WipeBottomLeft, seconds);

    /// <summary>The first picture shrinks into the bottom right corner (xfade's <c>wipebr</c>).</summary>
    public static Transition WipeBottomRight(Seconds seconds) => Of("wipebr", TransitionKind.WipeBottomRight, seconds);

    /// <summary>A push: the second picture slides in from the right, pushing the first out to the left (xfade's <c>slideleft</c>).</summary>
    public static Transition SlideLeft(Seconds seconds) => Of("slideleft", TransitionKind.SlideLeft, seconds);

    /// <summary>A push to the right (xfade's <c>slideright</c>).</summary>
    public static Transition SlideRight(Seconds seconds) => Of("slideright", TransitionKind.SlideRight, seconds);

    /// <summary>A push upward (xfade's <c>slideup</c>).</summary>
    public static Transition SlideUp(Seconds seconds) => Of("slideup", TransitionKind.SlideUp, seconds);

    /// <summary>A push downward (xfade's <c>slidedown</c>).</summary>
    public static Transition SlideDown(Seconds seconds) => Of("slidedown", TransitionKind.SlideDown, seconds);

    /// <summary>The second picture slides in from the right over the first, which stays still (ffmpeg 7's <c>coverleft</c>).</summary>
    public static Transition CoverLeft(Seconds seconds) => Of("coverleft", TransitionKind.CoverLeft, seconds);

    /// <summary>The second picture slides in from the left over the first.</summary>
    public static Transition CoverRight(Seconds seconds) => Of("coverright", TransitionKind.CoverRight, seconds);

    /// <summary>The second picture slides in from the bottom over the first.</summary>
    public static Transition CoverUp(Seconds seconds) => Of("coverup", TransitionKind.CoverUp, seconds);

    /// <summary>The second picture slides in from the top over the first.</summary>
    public static Transition CoverDown(Seconds seconds) => Of("coverdown", TransitionKind.CoverDown, seconds);

    /// <summary>A soft-edged circle of the second picture opens from the center (xfade's <c>circleopen</c>).</summary>
    public static Transition CircleOpen(Seconds seconds) => Of("circleopen", TransitionKind.CircleOpen, seconds);

    /// <summary>A soft-edged circle of the first picture closes into the center (xfade's <c>circleclose</c>).</summary>
    public static Transition CircleClose(Seconds seconds) => Of("circleclose", TransitionKind.CircleClose, seconds);

    /// <summary>
    /// The first picture shrinks to a centered rectangle in <paramref name="color"/> (black by default), then the second grows from
    /// it (xfade's <c>rectcrop</c>).
    /// </summary>
    public static Transition RectCrop(Seconds seconds, ColorValue color = default) =>
        new("rectcrop", TransitionKind.RectCrop, Checked(seconds), color.Or(Rgba.Black, nameof(color)), null);

    /// <summary>A centered rectangle of the second picture grows to the whole frame (a rectangle reveal).</summary>
    public static Transition RectOpen(Seconds seconds) => Of("rectopen", TransitionKind.RectOpen, seconds);

    /// <summary>
    /// Pixels switch from the first picture to the second in a fixed random order, a share of them equal to the progress at each
    /// moment. xfade's <c>dissolve</c> draws its order from <c>sinf</c>, which no two math libraries compute alike; this one is an
    /// integer hash, the same pixels on every backend.
    /// </summary>
    public static Transition Dissolve(Seconds seconds) => Of("dissolve", TransitionKind.Dissolve, seconds);

    /// <summary>The first picture is magnified toward its center while it fades into the second (xfade's <c>zoomin</c>).</summary>
    public static Transition ZoomIn(Seconds seconds) => Of("zoomin", TransitionKind.ZoomIn, seconds);

    /// <summary>
    /// A user's transition, written like a <c>PixelEffect</c> over two pictures: <paramref name="cuda"/> is a CUDA C body that sees
    /// <c>float4 a, b</c> (the going and the coming picture, straight RGBA, 0 to 1), <c>float p</c> (progress, 0 to 1) and
    /// <c>int x, y, width, height</c> and returns a <c>float4</c>; <paramref name="cpu"/> is the same in C#, <c>(a, b, x, y, p) => ...</c>.
    /// </summary>
    public static Transition Custom(Seconds seconds, string? cuda = null, TransitionFunction? cpu = null, string name = "custom",
        [CallerFilePath] string file = "", [CallerLineNumber] int line = 0, [CallerArgumentExpression(nameof(cuda))] string? cudaExpression = null)
    {
        var duration = Checked(seconds);
        var effect = new TransitionEffect(cuda, cpu, name);
        if (effect.Cuda is not null && Compiler.Value is { } compiler)
        {
            try
            {
                // PTX for a widely supported architecture: enough to surface every compile error at the script's line.
                compiler.Compile(effect.Kernel.Source, new KernelTarget(75, Cubin: false));
            }
            catch (KernelCompileException e)
            {
                throw CudaBodyLines.CompileError(file, line, cudaExpression, $"transition {name}", TransitionEffectKernel.ParseLog(e.Log), e);
            }
        }
        return new(name, TransitionKind.Fade, duration, Rgba.Transparent, effect);
    }

    /// <summary>A user's transition made once with <c>new TransitionEffect(cuda: ..., cpu: ...)</c>.</summary>
    public static Transition Custom(Seconds seconds, TransitionEffect effect)
    {
        NullArgument.ThrowIfNull(effect);
        return new(effect.Name, TransitionKind.Fade, Checked(seconds), Rgba.Transparent, effect);
    }

    /// <summary>A transition by its xfade name: "fade", "fadeblack", "wipeleft", "slideup", "circleopen", "dissolve", ...</summary>
    public static Transition Named(string name, Seconds seconds)
    {
        NullArgument.ThrowIfNull(name);
        return name switch
        {
            "fadeblack" => FadeBlack(seconds),
            "fadewhite" => FadeWhite(seconds),
            _ when Names.TryGetValue(name, out var kind) => Of(name, kind, seconds),
            _ => throw new ArgumentException(
                $"There is no transition '{name}'. The transitions are fadeblack, fadewhite, {string.Join(", ", Names.Keys)}.", nameof(name)),
        };
    }

    /// <summary>The transition lasting <paramref name="seconds"/> instead.</summary>
    public Transition WithDuration(Seconds seconds) => new(Name, Kind, Checked(seconds), Color, Effect);

    public override string ToString() => $"{Name} ({Duration:0.###} s)";

    private static Transition Of(string name, TransitionKind kind, Seconds seconds) => new(name, kind, Checked(seconds), Rgba.Black, null);

    private static double Checked(Seconds seconds)
    {
        double value = seconds;
        if (!double.IsFinite(value) || value <= 0)
            throw new ArgumentOutOfRangeException(nameof(seconds), $"A transition must last a positive number of seconds; got {value}. Write e.g. Transition.Fade(1).");
        return value;
    }
}
