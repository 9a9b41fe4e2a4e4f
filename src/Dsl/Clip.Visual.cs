using ScriptComposer.Dsl.Transforms;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl;

public abstract partial record Clip
{
    /// <summary>How this clip mixes with what is under it in a composite: normal, add, multiply, screen, overlay, darken, lighten.</summary>
    public BlendMode BlendMode { get; init; } = BlendMode.Normal;

    /// <summary>Sets how the clip mixes with what is under it: "normal", "add", "multiply", "screen", "overlay", "darken" or "lighten".</summary>
    public Clip Blend(string mode) => this with
    {
        BlendMode = Enum.TryParse<BlendMode>(mode, ignoreCase: true, out var parsed) && Enum.IsDefined(parsed)
            ? parsed
            : throw new ArgumentException($"Blend mode '{mode}' is unknown; use one of {string.Join(", ", Enum.GetNames<BlendMode>().Select(n => n.ToLowerInvariant()))}.", nameof(mode)),
    };

    /// <summary>Flips the picture left to right.</summary>
    public Clip MirrorX() => Apply(new MirrorEffect(Horizontal: true));

    /// <summary>Flips the picture top to bottom.</summary>
    public Clip MirrorY() => Apply(new MirrorEffect(Horizontal: false));

    /// <summary>
    /// Turns the picture counter-clockwise by <paramref name="degrees"/>; with <paramref name="expand"/> the clip grows to
    /// hold the whole turned picture, otherwise it keeps its size and the corners are cut. Uncovered pixels are <paramref name="background"/>.
    /// </summary>
    public Clip Rotate(double degrees, bool expand = true, ColorValue background = default)
    {
        if (!double.IsFinite(degrees))
            throw new ArgumentOutOfRangeException(nameof(degrees), $"Rotate needs a finite angle in degrees; got {degrees}.");
        var (w, h) = expand ? RotatedSize(Width, Height, degrees) : (Width, Height);
        return Apply(new RotateEffect(_ => degrees, w, h, background.Or(Rgba.Transparent, nameof(background))));
    }

    /// <summary>
    /// Turns the picture by an angle that changes with the clip's time. With <paramref name="expand"/> the clip becomes a
    /// square as wide as the picture's diagonal, so every angle fits.
    /// </summary>
    public Clip Rotate(Func<double, double> degrees, bool expand = true, ColorValue background = default)
    {
        NullArgument.ThrowIfNull(degrees);
        var side = (int)Math.Ceiling(Math.Sqrt((double)Width * Width + (double)Height * Height));
        var (w, h) = expand ? (side, side) : (Width, Height);
        return Apply(new RotateEffect(degrees, w, h, background.Or(Rgba.Transparent, nameof(background))));
    }

    /// <summary>Adds <paramref name="amount"/> (−1 to 1) to every color channel.</summary>
    public Clip Brightness(double amount) => Colors(p => p with { Brightness = (float)Range(amount, -1, 1, nameof(amount)) });

    /// <summary>A brightness that changes with the clip's time (<c>t => value</c> or <c>Keyframes</c>), each value brought into −1 to 1.</summary>
    public Clip Brightness(Func<double, double> amount) =>
        Apply(AnimatedColorEffect.Of(Required(amount, nameof(amount)), -1, 1, "brightness", (p, v) => p with { Brightness = v }));

    /// <summary>Scales contrast around middle gray: 1 keeps it, 0 makes everything gray, 2 doubles it (moviepy's lum_contrast contrast c is 1 + c).</summary>
    public Clip Contrast(double factor) => Colors(p => p with { Contrast = (float)Range(factor, 0, 10, nameof(factor)) });

    /// <summary>A contrast that changes with the clip's time, each value brought into 0 to 10.</summary>
    public Clip Contrast(Func<double, double> factor) =>
        Apply(AnimatedColorEffect.Of(Required(factor, nameof(factor)), 0, 10, "contrast", (p, v) => p with { Contrast = v }));

    /// <summary>Raises every channel (0 to 1) to the power <paramref name="gamma"/>: above 1 darkens, below 1 lightens.</summary>
    public Clip Gamma(double gamma) => Colors(p => p with { Gamma = (float)Range(gamma, 0.01, 10, nameof(gamma)) });

    /// <summary>A gamma that changes with the clip's time, each value brought into 0.01 to 10.</summary>
    public Clip Gamma(Func<double, double> gamma) =>
        Apply(AnimatedColorEffect.Of(Required(gamma, nameof(gamma)), 0.01, 10, "gamma", (p, v) => p with { Gamma = v }));

    /// <summary>Scales saturation: 0 is gray, 1 keeps it, 2 doubles it.</summary>
    public Clip Saturation(double factor) => Colors(p => p with { Saturation = (float)Range(factor, 0, 10, nameof(factor)) });

    /// <summary>A saturation that changes with the clip's time, each value brought into 0 to 10.</summary>
    public Clip Saturation(Func<double, double> factor) =>
        Apply(AnimatedColorEffect.Of(Required(factor, nameof(factor)), 0, 10, "saturation", (p, v) => p with { Saturation = v }));

    /// <summary>Multiplies the color channels (moviepy's <c>multiply_color</c>/<c>colorx</c>).</summary>
    public Clip ColorX(double factor) => ColorX(factor, factor, factor);

    /// <summary>A channel factor that changes with the clip's time, each value brought into 0 to 100.</summary>
    public Clip ColorX(Func<double, double> factor) =>
        Apply(AnimatedColorEffect.Of(Required(factor, nameof(factor)), 0, 100, "ColorX", (p, v) => p with { MultiplyR = v, MultiplyG = v, MultiplyB = v }));

    /// <summary>Multiplies red, green and blue by their own factors.</summary>
    public Clip ColorX(double red, double green, double blue) => Colors(p => p with
    {
        MultiplyR = (float)Range(red, 0, 100, nameof(red)),
        MultiplyG = (float)Range(green, 0, 100, nameof(green)),
        MultiplyB = (float)Range(blue, 0, 100, nameof(blue)),
    });

    /// <summary>
    /// Turns the picture gray by luma: BT.709 weights by default (how bright each channel looks), or your own, normalized by
    /// their sum. moviepy's <c>blackwhite()</c> averages the three channels, which makes pure blue as bright as pure green;
    /// <c>BlackAndWhite(1, 1, 1)</c> gives its result.
    /// </summary>
    public Clip BlackAndWhite(double red = 0.2126, double green = 0.7152, double blue = 0.0722)
    {
        if (!(red >= 0 && green >= 0 && blue >= 0 && red + green + blue > 0))
            throw new ArgumentOutOfRangeException(nameof(red), $"Black-and-white weights must be 0 or more and not all 0; got ({red}, {green}, {blue}).");
        return Colors(p => p with { BlackWhite = true, GrayWeights = ((float)red, (float)green, (float)blue) });
    }

    /// <summary>Inverts the colors (keeping alpha).</summary>
    public Clip Invert() => Colors(p => p with { Invert = true });

    /// <summary>A Gaussian blur of <paramref name="sigma"/> pixels.</summary>
    public Clip Blur(double sigma) => Apply(new BlurEffect((float)Range(sigma, 0, 500, nameof(sigma))));

    /// <summary>A Gaussian blur whose sigma changes with the clip's time (a rack focus: <c>Blur(t => 8 * (1 - t))</c>), each value brought into 0 to 500.</summary>
    public Clip Blur(Func<double, double> sigma) => Apply(new AnimatedBlurEffect(Required(sigma, nameof(sigma))));

    /// <summary>
    /// Makes pixels near <paramref name="color"/> transparent (green screen): closer than <paramref name="threshold"/>
    /// (0 to 255, distance in chroma) is cut, farther than threshold + <paramref name="softness"/> kept, in between faded.
    /// </summary>
    public Clip ChromaKey(ColorValue color, double threshold = 40, double softness = 20) =>
        Apply(new ChromaKeyEffect(new ChromaKeyParams(color.Resolve(nameof(color)), (float)Range(threshold, 0, 442, nameof(threshold)), (float)Range(softness, 0, 442, nameof(softness)))));

    /// <summary>A chroma key whose threshold changes with the clip's time, each value brought into 0 to 442.</summary>
    public Clip ChromaKey(ColorValue color, Func<double, double> threshold, double softness = 20) =>
        Apply(new AnimatedChromaKeyEffect(color.Resolve(nameof(color)), Required(threshold, nameof(threshold)), (float)Range(softness, 0, 442, nameof(softness))));

    /// <summary>Runs a per-pixel function made with <c>PixelEffect(cuda: ..., cpu: ...)</c> over the picture.</summary>
    public Clip Apply(PixelEffect effect)
    {
        NullArgument.ThrowIfNull(effect);
        return Apply(new CustomEffect(effect));
    }

    private Clip Apply(PictureEffect effect) => Wrap(inner => new EffectClip(inner, effect) { Duration = Duration });

    private Clip Colors(Func<ColorParams, ColorParams> change) => Apply(new ColorEffect(change(ColorParams.Identity)));

    private Func<double, double> Required(Func<double, double> function, string name, [System.Runtime.CompilerServices.CallerMemberName] string operation = "") =>
        AnimatedSize.Checked(function ?? throw new ArgumentNullException(name, $"{operation}'s {name} must be a number, a t => value function or Keyframes; got null."), this, name, operation);

    private static double Range(double value, double min, double max, string name) =>
        value >= min && value <= max ? value : throw new ArgumentOutOfRangeException(name, $"{name} must be between {min} and {max}; got {value}.");

    /// <summary>The bounding box of a w×h picture turned by <paramref name="degrees"/>; exact at multiples of 90°.</summary>
    internal static (int Width, int Height) RotatedSize(int width, int height, double degrees)
    {
        var radians = degrees * Math.PI / 180;
        double c = Math.Abs(Math.Cos(radians)), s = Math.Abs(Math.Sin(radians));
        // Round away float noise (cos 90° is 6e-17) before taking the ceiling.
        return ((int)Math.Ceiling(Math.Round(width * c + height * s, 6)), (int)Math.Ceiling(Math.Round(width * s + height * c, 6)));
    }
}
