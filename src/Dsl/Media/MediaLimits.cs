using System.Globalization;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// How large a picture sc agrees to decode. A file's header can claim any size (a 545-byte PNG may declare
/// 20000x20000, 1.6 GB of pixels), so every image and video is measured from its header before anything is decoded.
/// The host sets <see cref="MaxPixels"/> from <c>SC_MAX_PIXELS</c> once at start.
/// </summary>
public static class MediaLimits
{
    /// <summary>The default budget: 100 megapixels (a 10000x10000 picture, 400 MB as RGBA).</summary>
    public const long DefaultMaxPixels = 100_000_000;

    private static long _maxPixels = DefaultMaxPixels;

    /// <summary>The most pixels (width × height) a single image or video frame may have.</summary>
    public static long MaxPixels
    {
        get => Volatile.Read(ref _maxPixels);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref _maxPixels, value);
        }
    }

    /// <summary>Refuses a picture of <paramref name="width"/>×<paramref name="height"/> beyond <see cref="MaxPixels"/>, naming the file.</summary>
    public static void RequireWithinBudget(string path, long width, long height, string kind)
    {
        var pixels = width * height;
        if (pixels <= MaxPixels)
            return;
        throw new ScriptComposerException(
            $"The {kind} '{path}' is {width}x{height} ({Megapixels(pixels)} megapixels), more than the {Megapixels(MaxPixels)} megapixels " +
            $"sc decodes at most ({(pixels * 4 / 1e6).ToString("0.##", CultureInfo.InvariantCulture)} MB as RGBA). Scale it down first " +
            $"(ffmpeg -i IN -vf scale=3840:-2 OUT), or raise the limit with SC_MAX_PIXELS={pixels} if the size is meant.");
    }

    /// <summary>
    /// Reads a budget as <c>SC_MAX_PIXELS</c> gives it: a whole number of pixels, or of megapixels with an M suffix ("250M").
    /// </summary>
    /// <exception cref="ScriptComposerException">The text is neither.</exception>
    public static long ParseMaxPixels(string text)
    {
        var trimmed = text.Trim();
        var mega = trimmed.EndsWith('M') || trimmed.EndsWith('m');
        if (long.TryParse(mega ? trimmed[..^1] : trimmed, NumberStyles.None, CultureInfo.InvariantCulture, out var number)
            && number > 0 && number <= (mega ? long.MaxValue / 1_000_000 : long.MaxValue))
            return mega ? number * 1_000_000 : number;
        throw new ScriptComposerException(
            $"SC_MAX_PIXELS is '{text}', which is not a number of pixels. Give a whole number (400000000) or megapixels (400M), or unset it for the default of {Megapixels(DefaultMaxPixels)} megapixels.");
    }

    private static string Megapixels(long pixels) => (pixels / 1e6).ToString("0.###", CultureInfo.InvariantCulture);
}
