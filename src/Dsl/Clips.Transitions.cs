using ScriptComposer.Dsl.Layout;
using ScriptComposer.Dsl.Transitions;

namespace ScriptComposer.Dsl;

public static partial class Clips
{
    /// <summary>
    /// Plays clips one after another, each overlapping the one before by the transition's duration and coming in over it with
    /// <paramref name="transition"/> (ffmpeg's <c>xfade</c> between each pair, <c>offset</c> = where the first clip's end minus the
    /// duration falls), e.g. <c>Concatenate([a, b, c], transition: Transition.WipeLeft(0.5))</c>. The whole lasts the sum of the
    /// durations less one transition per pair. <paramref name="method"/> "chain" uses the first clip's size and places clips at
    /// the top-left; "compose" uses the largest size and centers them.
    /// </summary>
    public static CompositeClip Concatenate(IEnumerable<Clip> clips, Transition transition, string method = "chain", ColorValue bg = default)
    {
        NullArgument.ThrowIfNull(clips);
        NullArgument.ThrowIfNull(transition);
        var list = clips.ToList();
        if (list.Count == 0)
            throw new ArgumentException("Concatenate needs at least one clip.", nameof(clips));
        var compose = method switch
        {
            "chain" => false,
            "compose" => true,
            _ => throw new ArgumentException($"Concatenate method '{method}' is unknown; use \"chain\" or \"compose\".", nameof(method)),
        };
        foreach (var clip in list)
        {
            if (clip.Duration is not { } duration)
                throw new ArgumentException($"{clip.Describe()} has no duration, so nothing could follow it. Give it one with WithDuration(seconds).", nameof(clips));
            if (list.Count > 1 && transition.Duration > duration + TimeEpsilon.Seconds)
                throw new ArgumentException(
                    $"The {transition.Name} transition lasts {transition.Duration:0.###} s, longer than {clip.Describe()} ({duration:0.###} s), which it overlaps. " +
                    $"Use a transition of at most {list.Min(c => c.Duration!.Value):0.###} s (the shortest clip), or longer clips.", nameof(transition));
        }
        var width = compose ? list.Max(c => c.Width) : list[0].Width;
        var height = compose ? list.Max(c => c.Height) : list[0].Height;
        var layers = new List<Clip>(list.Count);
        var start = 0.0;
        for (var i = 0; i < list.Count; i++)
        {
            var layer = list[i].WithStart(start).At(compose ? Pos.Center : Pos.TopLeft);
            layers.Add(i == 0 ? layer : layer with { TransitionInEffect = transition });
            start += list[i].Duration!.Value - transition.Duration;
        }
        return Composite(width, height, layers, bg.Or(Gpu.Rgba.Black, nameof(bg)));
    }
}
