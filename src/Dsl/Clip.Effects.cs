namespace ScriptComposer.Dsl;

public abstract partial record Clip
{
    /// <summary>Scales the clip's alpha by <paramref name="opacity"/>, from 0 (invisible) to 1 (as it is).</summary>
    public Clip Opacity(double opacity)
    {
        if (!(opacity >= 0 && opacity <= 1))
            throw new ArgumentOutOfRangeException(nameof(opacity), $"Opacity must be between 0 and 1; got {opacity}.");
        return this with { OpacityFactor = (float)(OpacityFactor * opacity) };
    }

    /// <summary>The picture appears from <paramref name="color"/> (black by default) over its first <paramref name="seconds"/>.</summary>
    public Clip FadeIn(double seconds, string color = "black") => this with { FadeInEffect = NewFade(seconds, color) };

    /// <summary>The picture turns into <paramref name="color"/> (black by default) over its last <paramref name="seconds"/>.</summary>
    public Clip FadeOut(double seconds, string color = "black") => this with { FadeOutEffect = NewFade(seconds, color) };

    /// <summary>Uses <paramref name="mask"/> (a clip of the same size, usually grayscale) as this clip's alpha: white shows, black hides.</summary>
    public Clip WithMask(Clip mask)
    {
        ArgumentNullException.ThrowIfNull(mask);
        if (mask.Width != Width || mask.Height != Height)
            throw new ArgumentException($"The mask {mask.Describe()} is {mask.Width}x{mask.Height} but {Describe()} is {Width}x{Height}; a mask must have its clip's size.", nameof(mask));
        return this with { Mask = mask };
    }

    private static Fade NewFade(double seconds, string color)
    {
        RequireFinite(seconds, nameof(seconds), "fade duration");
        if (seconds <= 0)
            throw new ArgumentOutOfRangeException(nameof(seconds), $"A fade must last a positive number of seconds; got {seconds}.");
        return new Fade(seconds, ColorParser.Parse(color, nameof(color)));
    }
}
