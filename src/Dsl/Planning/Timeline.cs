namespace ScriptComposer.Dsl.Planning;

/// <summary>
/// Resolves the clip graph at a moment, without pixels: which layers of a composite are showing, at which of
/// their own times, where, and how far faded. Plain arithmetic, so it is tested on its own.
/// </summary>
public static class Timeline
{
    /// <summary>
    /// The clip's own time at its parent's <paramref name="parentTime"/>, or null when it is not showing then
    /// (it shows over [Start, End); a clip without a duration shows from its start on).
    /// </summary>
    public static double? LocalTime(Clip clip, double parentTime)
    {
        var local = parentTime - clip.Start;
        if (local < -TimeEpsilon.Seconds)
            return null;
        if (clip.Duration is { } duration && local >= duration - TimeEpsilon.Seconds)
            return null;
        return Math.Max(0, local);
    }

    /// <summary>The layers of <paramref name="composite"/> showing at its own time <paramref name="time"/>, bottom first.</summary>
    public static IReadOnlyList<ActiveLayer> ActiveLayers(CompositeClip composite, double time)
    {
        var layers = new List<ActiveLayer>(composite.Layers.Count);
        ActiveLayers(composite, time, layers);
        return layers;
    }

    /// <summary>Adds the layers of <paramref name="composite"/> showing at its own time <paramref name="time"/> to <paramref name="layers"/>, bottom first.</summary>
    public static void ActiveLayers(CompositeClip composite, double time, List<ActiveLayer> layers)
    {
        var content = time + composite.SourceOffset;
        for (var i = 0; i < composite.Layers.Count; i++)
        {
            var layer = composite.Layers[i];
            if (!layer.HasPicture || LocalTime(layer, content) is not { } local)
                continue;
            var opacity = Opacity(layer, local);
            if (opacity <= 0f)
                continue;
            var (x, y) = layer.Position.Resolve(local, composite.Width, composite.Height, layer.Width, layer.Height);
            if (x >= composite.Width || y >= composite.Height || x + layer.Width <= 0 || y + layer.Height <= 0)
                continue;
            layers.Add(new ActiveLayer(layer, local, x, y, opacity));
        }
    }

    /// <summary>The clip's opacity at its own time: its factor, its curve and its crossfades multiplied, clamped to [0, 1].</summary>
    public static float Opacity(Clip clip, double localTime)
    {
        double opacity = clip.OpacityFactor;
        if (clip.OpacityCurve is { } curve)
        {
            var value = curve(localTime);
            if (!double.IsFinite(value))
                throw new ScriptComposerException($"The opacity function of {clip.Describe()} returned {value} at {localTime:0.###} s; it must return a number from 0 to 1.");
            opacity *= Math.Clamp(value, 0, 1);
        }
        if (clip.CrossFadeInDuration is { } fadeIn && localTime < fadeIn)
            opacity *= Math.Max(0, localTime) / fadeIn;
        if (clip.CrossFadeOutDuration is { } fadeOut)
        {
            var duration = clip.Duration ?? throw new ScriptComposerException(
                $"{clip.Describe()} has a CrossFadeOut but no duration, so it has no end to fade toward. Give it one with WithDuration(seconds) or WithEnd(seconds).");
            var remaining = duration - localTime;
            if (remaining < fadeOut)
                opacity *= Math.Max(0, remaining) / fadeOut;
        }
        return (float)Math.Clamp(opacity, 0, 1);
    }

    /// <summary>
    /// The fades active at the clip's own time <paramref name="localTime"/>, in the order they apply (in, then out).
    /// A fade-in is fully the color at time 0; a fade-out is fully the color at the clip's end.
    /// </summary>
    public static FadeSteps Fades(Clip clip, double localTime)
    {
        var steps = FadeSteps.None;
        if (clip.FadeInEffect is { } fadeIn && localTime < fadeIn.Duration)
            steps = steps.Then(new FadeStep(fadeIn.Color, (float)(1 - Math.Max(0, localTime) / fadeIn.Duration)));
        if (clip.FadeOutEffect is { } fadeOut)
        {
            var duration = clip.Duration ?? throw new ScriptComposerException(
                $"{clip.Describe()} has a FadeOut but no duration, so it has no end to fade toward. Give it one with WithDuration(seconds) or WithEnd(seconds).");
            var remaining = duration - localTime;
            if (remaining < fadeOut.Duration)
                steps = steps.Then(new FadeStep(fadeOut.Color, (float)(1 - Math.Max(0, remaining) / fadeOut.Duration)));
        }
        return steps;
    }

    /// <summary>The time in a clip's source (a video's own clock) at the clip's own time.</summary>
    public static double SourceTime(Clip clip, double localTime) => localTime + clip.SourceOffset;
}
