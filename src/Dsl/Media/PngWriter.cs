using SkiaSharp;

namespace ScriptComposer.Dsl.Media;

/// <summary>Writes RGBA8 premultiplied pixels as a PNG (straight alpha in the file), through a temporary file.</summary>
public static class PngWriter
{
    public static void Write(string path, ReadOnlySpan<byte> premultipliedRgba, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        premultipliedRgba[..info.BytesSize].CopyTo(bitmap.GetPixelSpan());
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new ScriptComposerException($"SkiaSharp could not encode a {width}x{height} PNG for '{path}'.");
        OutputFile.WriteAtomically(path, temp =>
        {
            using var stream = File.Create(temp);
            data.SaveTo(stream);
        });
    }
}
