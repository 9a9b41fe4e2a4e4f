namespace ScriptComposer.Dsl;

public static partial class Clips
{
    /// <summary>
    /// Frames drawn by the script into an <see cref="Dsl.Image"/> (moviepy's <c>VideoClip(make_frame)</c>): <paramref name="draw"/>
    /// gets the clip's time and a transparent width × height image each frame, e.g.
    /// <c>Frames(320, 240, 2, (t, image) => image.Fill((255, (int)(100 * t), 0)))</c>.
    /// </summary>
    public static FramesClip Frames(int width, int height, Seconds duration, Action<double, Image> draw)
    {
        NullArgument.ThrowIfNull(draw);
        return Frames(width, height, duration, (time, rgba) =>
        {
            var image = new Image(width, height);
            draw(time, image);
            image.Bytes.CopyTo(rgba);
        });
    }
}
