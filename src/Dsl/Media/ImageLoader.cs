using SkiaSharp;

namespace ScriptComposer.Dsl.Media;

/// <summary>Decodes PNG and JPEG files with SkiaSharp straight into RGBA8 premultiplied pixels.</summary>
public static class ImageLoader
{
    public static StillImage Load(string path, ImageAlpha alpha = ImageAlpha.Keep)
    {
        if (!File.Exists(path))
            throw new ScriptComposerException(
                Directory.Exists(path) ? $"'{path}' is a folder, not an image file. Give the path of a PNG or JPEG file." :
                $"The image file '{path}' does not exist. Check the path (relative paths are resolved from the script's folder).");
        using var codec = SKCodec.Create(path)
            ?? throw new ScriptComposerException($"'{path}' is not an image SkiaSharp can read. Give a PNG or JPEG file.");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, alpha == ImageAlpha.Keep ? SKAlphaType.Premul : SKAlphaType.Unpremul);
        var pixels = new byte[info.BytesSize];
        unsafe
        {
            fixed (byte* p = pixels)
            {
                var result = codec.GetPixels(info, (IntPtr)p);
                if (result is not (SKCodecResult.Success or SKCodecResult.IncompleteInput))
                    throw new ScriptComposerException($"'{path}' could not be decoded ({result}). The file may be damaged.");
            }
        }
        if (alpha != ImageAlpha.Keep)
            ReplaceAlpha(pixels, alpha);
        return new StillImage(Path.GetFullPath(path), info.Width, info.Height, pixels);
    }

    /// <summary>Makes straight-alpha pixels opaque (so they are premultiplied as they stand), or turns alpha into gray.</summary>
    private static void ReplaceAlpha(Span<byte> pixels, ImageAlpha alpha)
    {
        for (var i = 0; i < pixels.Length; i += 4)
        {
            if (alpha == ImageAlpha.AsMask)
                pixels[i] = pixels[i + 1] = pixels[i + 2] = pixels[i + 3];
            pixels[i + 3] = 255;
        }
    }
}
