namespace ScriptComposer.Dsl.Transitions;

/// <summary>When a clip's <see cref="Clip.TransitionInEffect"/> is under way, and how far.</summary>
public static class TransitionTiming
{
    /// <summary>
    /// The progress of the clip's transition in at its own time, from 0 at its start toward 1, or null when it has none or it is
    /// over. In float, as the kernels take it: ffmpeg's xfade divides frame counts in float, and k/n rounds the same either way.
    /// </summary>
    public static float? Progress(Clip clip, double localTime)
    {
        if (clip.TransitionInEffect is not { } transition || localTime >= transition.Duration - TimeEpsilon.Seconds)
            return null;
        return (float)Math.Max(0, localTime / transition.Duration);
    }
}
