namespace ScriptComposer.Gpu.Diagnostics;

/// <summary>
/// Labels that tell pixel effects apart in a table of timings (<c>sc bench SCRIPT</c>, <c>sc render --profile</c>): an effect's name
/// in quotes; where distinct effects share a name (two unnamed ones, or one factory's effects), where each was made
/// (<see cref="PixelEffect.Origin"/>) follows, and where that is shared too (one function making both), #1, #2 in the order given.
/// </summary>
public static class EffectLabels
{
    /// <summary>A label for each distinct effect of <paramref name="effects"/> (the same instance given twice is one effect).</summary>
    public static IReadOnlyDictionary<PixelEffect, string> For(IEnumerable<PixelEffect> effects)
    {
        var labels = new Dictionary<PixelEffect, string>(ReferenceEqualityComparer.Instance);
        var distinct = effects.Distinct(ReferenceEqualityComparer.Instance).Cast<PixelEffect>().ToList();
        foreach (var named in distinct.GroupBy(e => e.Name, StringComparer.Ordinal))
        {
            var quoted = $"'{named.Key}'";
            if (named.Count() == 1)
            {
                labels[named.First()] = quoted;
                continue;
            }
            foreach (var made in named.GroupBy(e => e.Origin, StringComparer.Ordinal))
            {
                var where = made.Key is { } origin ? $"{quoted} ({origin})" : quoted;
                var same = made.ToList();
                for (var i = 0; i < same.Count; i++)
                    labels[same[i]] = same.Count == 1 ? where : $"{where} #{i + 1}";
            }
        }
        return labels;
    }
}
