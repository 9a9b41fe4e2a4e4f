namespace ScriptComposer.Dsl.Transforms;

/// <summary>
/// The size of a clip whose size changes over time (an animated resize, crop or margin): the layout sees the largest it reaches,
/// found when the script line runs by asking the size function densely over the clip's whole duration, and each frame's picture is
/// centered in that box.
/// </summary>
internal static class AnimatedSize
{
    /// <summary>Samples per second of clip time (at least <see cref="MinSamples"/> over the clip): far finer than any frame rate.</summary>
    private const int SamplesPerSecond = 240;
    private const int MinSamples = 64;
    private const int MaxSamples = 200_000;

    /// <summary>The largest width and height <paramref name="size"/> reaches over [0, <paramref name="duration"/>].</summary>
    public static (int Width, int Height) Largest(Func<double, (int Width, int Height)> size, double duration)
    {
        var (width, height) = (1, 1);
        foreach (var t in Times(duration))
        {
            var (w, h) = size(t);
            (width, height) = (Math.Max(width, w), Math.Max(height, h));
        }
        return (width, height);
    }

    /// <summary>
    /// Asks <paramref name="value"/> over the clip's duration when the clip has one, so a function that gives no number
    /// (NaN, infinity) fails at the script line that passed it, naming the argument, instead of in the middle of a render.
    /// </summary>
    public static Func<double, double> Checked(Func<double, double> value, Clip clip, string name, string operation)
    {
        ArgumentNullException.ThrowIfNull(value, name);
        if (clip.Duration is not { } duration || !double.IsFinite(duration))
            return value;
        foreach (var t in Times(duration))
        {
            var v = value(t);
            if (!double.IsFinite(v))
                throw new ArgumentOutOfRangeException(name,
                    $"{operation}'s {name} function returned {v} at {t:0.###} s of {clip.Describe()}; it must return a finite number at every moment (check for a division by zero).");
        }
        return value;
    }

    /// <summary>Moments spread evenly over [0, <paramref name="duration"/>], ends included.</summary>
    private static IEnumerable<double> Times(double duration)
    {
        var samples = (int)Math.Clamp(Math.Ceiling(duration * SamplesPerSecond), MinSamples, MaxSamples);
        for (var i = 0; i <= samples; i++)
            yield return duration * i / samples;
    }

    /// <summary>The duration an animated size is sampled over, or an error naming the operation: an endless clip has no largest size.</summary>
    public static double DurationOf(Clip clip, string operation) =>
        clip.Duration ?? throw new InvalidOperationException(
            $"{operation} with a t => value needs to know how long {clip.Describe()} lasts, to find the largest size it reaches. Give it a duration first with WithDuration(seconds).");

    /// <summary>A side in pixels from a script function's value, or an error naming the function and the moment.</summary>
    public static int Pixels(double value, double time, string what, int min = 1)
    {
        if (!double.IsFinite(value) || Math.Round(value) < min || Math.Round(value) > Clips.MaxSide)
            throw new ScriptComposerException($"{what} function gave {value:0.###} pixels at {time:0.###} s; it must give {min} to {Clips.MaxSide} pixels.");
        return (int)Math.Round(value);
    }
}
