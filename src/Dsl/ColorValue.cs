using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl;

/// <summary>
/// A color wherever the DSL takes one: a name or hex string (<c>"orange"</c>, <c>"#ff8800"</c>, <c>"#ff880080"</c>), a tuple of
/// 0–255 values (<c>(255, 136, 0)</c>, <c>(255, 136, 0, 128)</c>), or <c>Rgb(255, 136, 0)</c> / <c>Rgba(255, 136, 0, 128)</c>.
/// Converting never throws: the method that takes the color reads it (<see cref="Resolve"/>), so a mistake is reported with
/// that method's parameter name, at the script line that called it. <c>default</c> means "not given" (the method's default).
/// </summary>
public readonly record struct ColorValue
{
    private readonly Rgba _rgba;
    private readonly string? _text;
    private readonly string? _problem;

    private ColorValue(Rgba rgba, string? text, string? problem)
    {
        _rgba = rgba;
        _text = text;
        _problem = problem;
        IsGiven = true;
    }

    /// <summary>False for <c>default</c> and a null string: the method's own default applies.</summary>
    public bool IsGiven { get; }

    public static implicit operator ColorValue(string? text) => text is null ? default : new(default, text, null);

    public static implicit operator ColorValue(Rgba rgba) => new(rgba, null, null);

    public static implicit operator ColorValue((int R, int G, int B) rgb) => FromInts(rgb.R, rgb.G, rgb.B, 255);

    public static implicit operator ColorValue((int R, int G, int B, int A) rgba) => FromInts(rgba.R, rgba.G, rgba.B, rgba.A);

    /// <summary>The color, or <paramref name="fallback"/> when none was given.</summary>
    /// <exception cref="ArgumentException">The value is not a color (named after <paramref name="parameterName"/>).</exception>
    public Rgba Or(Rgba fallback, string parameterName = "color") => IsGiven ? Resolve(parameterName) : fallback;

    /// <summary>The color.</summary>
    /// <exception cref="ArgumentException">None was given, or the value is not a color (named after <paramref name="parameterName"/>).</exception>
    public Rgba Resolve(string parameterName = "color") =>
        TryResolve(out var rgba, out var problem) ? rgba : throw new ArgumentException(problem, parameterName);

    /// <summary>The color, or why the value is not one.</summary>
    public bool TryResolve(out Rgba rgba, out string problem)
    {
        rgba = default;
        problem = "";
        if (!IsGiven)
        {
            problem = "No color was given. " + Forms;
            return false;
        }
        if (_problem is not null)
        {
            problem = _problem;
            return false;
        }
        if (_text is null)
        {
            rgba = _rgba;
            return true;
        }
        if (ColorParser.TryParse(_text, out rgba))
            return true;
        problem = $"'{_text}' is not a color. {Forms}";
        return false;
    }

    /// <summary>The ways to write a color, for messages.</summary>
    public const string Forms =
        "Write a name such as \"white\" or \"orange\", hex as \"#ff8800\" (\"#ff880080\" with alpha), a tuple of 0-255 values such as (255, 136, 0) or (255, 136, 0, 128), or Rgb(255, 136, 0).";

    /// <summary>The color from 0–255 channel values, refusing any outside that range.</summary>
    internal static ColorValue FromInts(int r, int g, int b, int a)
    {
        foreach (var (name, value) in new[] { ("red", r), ("green", g), ("blue", b), ("alpha", a) })
        {
            if (value is < 0 or > 255)
                return new(default, null, $"A color's {name} is {value}; each channel of (r, g, b) or (r, g, b, a) goes from 0 to 255.");
        }
        return new(new Rgba((byte)r, (byte)g, (byte)b, (byte)a), null, null);
    }

    public override string ToString() => !IsGiven ? "(default)" : _text ?? (_problem is null ? _rgba.ToString() : "(not a color)");
}
