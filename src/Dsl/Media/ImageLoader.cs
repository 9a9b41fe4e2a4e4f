using SkiaSharp;

namespace ScriptComposer.Dsl.Media;

/// <summary>
/// Decodes PNG and JPEG files with SkiaSharp straight into RGBA8 premultiplied pixels, upright: a photo whose EXIF orientation says
/// the camera was held on its side (or the picture is mirrored) is turned as every viewer shows it.
/// </summary>
public static class ImageLoader
{
    public static StillImage Load(string path, ImageAlpha alpha = ImageAlpha.Keep)
    {
        using var codec = Open(path);
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, alpha == ImageAlpha.Keep ? SKAlphaType.Premul : SKAlphaType.Unpremul);
        var pixels = new byte[info.BytesSize];
        unsafe
        {
            fixed (byte* p = pixels)
            {
                var result = codec.GetPixels(info, (IntPtr)p);
                if (result == SKCodecResult.IncompleteInput)
                    throw new ScriptComposerException(
                        $"'{path}' ends before its picture does: the file is cut short (an unfinished download or copy?), so part of it would be missing. Get or save the file again whole.");
                if (result != SKCodecResult.Success)
                    throw new ScriptComposerException($"'{path}' could not be decoded ({result}). The file may be damaged.");
            }
        }
        if (alpha != ImageAlpha.Keep)
            ReplaceAlpha(pixels, alpha);
        var (width, height, upright) = Upright(pixels, info.Width, info.Height, codec.EncodedOrigin);
        return new StillImage(Path.GetFullPath(path), width, height, upright);
    }

    /// <summary>
    /// The stored pixels turned or mirrored as <paramref name="origin"/> (the EXIF orientation) says, with the upright size: output pixel
    /// (x, y) is the stored pixel that orientation puts there.
    /// </summary>
    internal static (int Width, int Height, byte[] Pixels) Upright(byte[] pixels, int width, int height, SKEncodedOrigin origin)
    {
        if (origin is SKEncodedOrigin.TopLeft or (SKEncodedOrigin)0)
            return (width, height, pixels);
        var swapped = SwapsSides(origin);
        var (outWidth, outHeight) = swapped ? (height, width) : (width, height);
        var upright = GC.AllocateUninitializedArray<byte>(pixels.Length);
        // Output row y, pixel x is stored pixel start(y) + x * step: each orientation is a start and a step.
        (long Start, long Step) Walk(int y) => origin switch
        {
            SKEncodedOrigin.TopRight => ((long)y * width + width - 1, -1),                        // mirrored left to right
            SKEncodedOrigin.BottomRight => ((long)(height - 1 - y) * width + width - 1, -1),      // upside down
            SKEncodedOrigin.BottomLeft => ((long)(height - 1 - y) * width, 1),                    // mirrored top to bottom
            SKEncodedOrigin.LeftTop => (y, width),                                                // transposed
            SKEncodedOrigin.RightTop => ((long)(height - 1) * width + y, -width),                 // to be turned a quarter clockwise
            SKEncodedOrigin.RightBottom => ((long)(height - 1) * width + width - 1 - y, -width),  // transposed the other way
            SKEncodedOrigin.LeftBottom => (width - 1 - y, width),                                 // to be turned a quarter counterclockwise
            _ => ((long)y * width, 1),
        };
        unsafe
        {
            fixed (byte* from = pixels)
            fixed (byte* to = upright)
            {
                var source = (uint*)from;
                var target = (uint*)to;
                for (var y = 0; y < outHeight; y++)
                {
                    var (start, step) = Walk(y);
                    var row = target + (long)y * outWidth;
                    var pixel = source + start;
                    for (var x = 0; x < outWidth; x++, pixel += step)
                        row[x] = *pixel;
                }
            }
        }
        return (outWidth, outHeight, upright);
    }

    /// <summary>Whether the orientation turns the picture a quarter, so its width and height trade places.</summary>
    private static bool SwapsSides(SKEncodedOrigin origin) =>
        origin is SKEncodedOrigin.LeftTop or SKEncodedOrigin.RightTop or SKEncodedOrigin.RightBottom or SKEncodedOrigin.LeftBottom;

    /// <summary>The upright size an image's header declares, read without decoding its pixels (and refused, like <see cref="Load"/>, beyond the pixel budget).</summary>
    public static (int Width, int Height) ReadSize(string path)
    {
        using var codec = Open(path);
        return SwapsSides(codec.EncodedOrigin) ? (codec.Info.Height, codec.Info.Width) : (codec.Info.Width, codec.Info.Height);
    }

    /// <summary>A decoder for the file whose declared size is within <see cref="MediaLimits.MaxPixels"/>: a header can claim any size.</summary>
    private static SKCodec Open(string path)
    {
        InputFile.Require(path, "image", "Give the path of a PNG or JPEG file.");
        var codec = SKCodec.Create(path)
            ?? throw new ScriptComposerException($"'{path}' is not an image SkiaSharp can read. Give a PNG or JPEG file.");
        try
        {
            if (codec.Info.Width <= 0 || codec.Info.Height <= 0)
                throw new ScriptComposerException($"'{path}' declares a size of {codec.Info.Width}x{codec.Info.Height}, which cannot be decoded. The file may be damaged.");
            MediaLimits.RequireWithinBudget(path, codec.Info.Width, codec.Info.Height, "image");
            return codec;
        }
        catch
        {
            codec.Dispose();
            throw;
        }
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
