namespace ScriptComposer.Dsl.Transforms;

/// <summary>One change to a clip's picture, applied on the backend by an <see cref="EffectClip"/>. Records, so effects compare by value.</summary>
public abstract record PictureEffect
{
    /// <summary>The size of the picture the effect makes from one of <paramref name="width"/>×<paramref name="height"/>.</summary>
    public virtual (int Width, int Height) OutputSize(int width, int height) => (width, height);

    /// <summary>
    /// The effect as it is at the clip's source time <paramref name="time"/>: an effect whose values change over time (a
    /// <c>t => value</c>) gives its constant form with the values of that moment, which is what a plan carries.
    /// </summary>
    public virtual PictureEffect At(double time) => this;

    /// <summary>
    /// The value of a script function at <paramref name="time"/>, brought into [<paramref name="min"/>, <paramref name="max"/>];
    /// a value that is not a number is an error naming the function and the moment.
    /// </summary>
    protected static double Sample(Func<double, double> function, double time, double min, double max, string what)
    {
        var value = function(time);
        if (!double.IsFinite(value))
            throw new ScriptComposerException($"The {what} function returned {value} at {time:0.###} s; it must return a number from {min} to {max}.");
        return Math.Clamp(value, min, max);
    }
}
