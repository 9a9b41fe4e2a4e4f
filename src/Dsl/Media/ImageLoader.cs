using SkiaSharp;

namespace ScriptComposer.Dsl.Media;

/// <summary>Decodes PNG and JPEG files with SkiaSharp straight into RGBA8 premultiplied pixels.</summary>
public static class ImageLoader
{
    public static StillImage Load(string path)
    {
        if (!File.Exists(path))
            throw new ScriptComposerException(
                Directory.Exists(path) ? $"'{path}' is a folder, not an image file. Give the path of a PNG or JPEG file." :
                $"The image file '{path}' does not exist. Check the path (relative paths are resolved from the script's folder).");
        using var codec = SKCodec.Create(path)
            ?? throw new ScriptComposerException($"'{path}' is not an image SkiaSharp can read. Give a PNG or JPEG file.");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Premul);
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
        return new StillImage(Path.GetFullPath(path), info.Width, info.Height, pixels);
    }
}
