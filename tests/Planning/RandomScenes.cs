using ScriptComposer.Dsl;
using static ScriptComposer.Dsl.Clips;

namespace ScriptComposer.Tests.Planning;

/// <summary>The pieces the planner's property tests build their random scenes from.</summary>
internal static class RandomScenes
{
    /// <summary>A drawn clip whose pixels change with time and position, with translucent parts.</summary>
    public static FramesClip Drawn(int width, int height, int seed, double duration = 10) => Frames(width, height, duration, (t, rgba) =>
    {
        var frame = (int)(t * 30);
        for (var i = 0; i < rgba.Length; i += 4)
        {
            var p = i / 4 + seed + frame;
            rgba[i] = (byte)(p * 7);
            rgba[i + 1] = (byte)(p * 13);
            rgba[i + 2] = (byte)(p * 29);
            rgba[i + 3] = (byte)(p % 3 == 0 ? 255 : p * 17);
        }
    });

    public static string Pick(Random random, string[] values) => values[random.Next(values.Length)];
}
