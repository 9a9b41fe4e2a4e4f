namespace ScriptComposer.Dsl.Media;

/// <summary>What to do with an image's alpha channel.</summary>
public enum ImageAlpha
{
    /// <summary>The alpha is the clip's mask (the default).</summary>
    Keep,
    /// <summary>Every pixel is opaque; transparent areas show the colors stored under them.</summary>
    Ignore,
    /// <summary>The alpha becomes the picture: an opaque grayscale mask clip (white where the image is opaque).</summary>
    AsMask,
}
