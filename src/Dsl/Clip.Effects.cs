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

    /// <summary>
    /// An opacity that changes with the clip's own time, e.g. <c>Opacity(t => 0.5 + 0.5 * Math.Sin(t))</c> or
    /// <c>Opacity(new Keyframes((0, 0.0), (1, 1.0)))</c>; values are clamped to [0, 1].
    /// </summary>
    public Clip Opacity(Func<double, double> opacity)
    {
        NullArgument.ThrowIfNull(opacity);
        var previous = OpacityCurve;
        return this with { OpacityCurve = previous is null ? opacity : t => previous(t) * opacity(t) };
    }

    /// <summary>The clip appears by its opacity rising from 0 over its first <paramref name="seconds"/>, revealing what is under it.</summary>
    public Clip CrossFadeIn(Seconds seconds) => this with { CrossFadeInDuration = PositiveSeconds(seconds, "crossfade") };

    /// <summary>The clip disappears by its opacity falling to 0 over its last <paramref name="seconds"/>.</summary>
    public Clip CrossFadeOut(Seconds seconds) => this with { CrossFadeOutDuration = PositiveSeconds(seconds, "crossfade") };

    /// <summary>The picture appears from <paramref name="color"/> (black by default) over its first <paramref name="seconds"/>.</summary>
    public Clip FadeIn(Seconds seconds, ColorValue color = default) => this with { FadeInEffect = NewFade(seconds, color) };

    /// <summary>The picture turns into <paramref name="color"/> (black by default) over its last <paramref name="seconds"/>.</summary>
    public Clip FadeOut(Seconds seconds, ColorValue color = default) => this with { FadeOutEffect = NewFade(seconds, color) };

    /// <summary>
    /// Uses <paramref name="mask"/> (a clip of the same size, usually grayscale) as this clip's alpha: white shows, black hides.
    /// The mask plays with the clip: a later <c>Subclip</c>, <c>Speed</c> or <c>Reverse</c> changes both.
    /// </summary>
    public Clip WithMask(Clip mask)
    {
        NullArgument.ThrowIfNull(mask);
        if (mask.Width != Width || mask.Height != Height)
            throw new ArgumentException($"The mask {mask.Describe()} is {mask.Width}x{mask.Height} but {Describe()} is {Width}x{Height}; a mask must have its clip's size.", nameof(mask));
        return this with { Mask = mask };
    }

    private static Fade NewFade(double seconds, ColorValue color) => new(PositiveSeconds(seconds, "fade"), color.Or(Gpu.Rgba.Black, nameof(color)));

    private static double PositiveSeconds(double seconds, string what)
    {
        RequireFinite(seconds, nameof(seconds), $"{what} duration");
        if (seconds <= 0)
            throw new ArgumentOutOfRangeException(nameof(seconds), $"A {what} must last a positive number of seconds; got {seconds}.");
        return seconds;
    }
}
