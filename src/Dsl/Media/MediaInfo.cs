namespace ScriptComposer.Dsl.Media;

/// <summary>What probing a video file told us.</summary>
public sealed record MediaInfo(string Path, int Width, int Height, double Duration, FrameRate FrameRate, string PixelFormat, bool HasAudio, int AudioChannels = 2)
{
    /// <summary>Whether the decoded frames carry an alpha channel that must be premultiplied.</summary>
    public bool HasAlpha => PixelFormat.Contains('a', StringComparison.Ordinal) && PixelFormat is not ("gray" or "nv12" or "nv21");
}
