using SkiaSharp;

namespace ScriptComposer.Dsl.Media;

/// <summary>Writes RGBA8 premultiplied pixels as a PNG (straight alpha in the file), through a temporary file.</summary>
public static class PngWriter
{
    /// <summary>
    /// Encodes the PNG, writes it to a temporary file flushed to the disk (so a full disk shows here, not later), checks
    /// that the file holds every byte, and only then renames it to <paramref name="path"/>.
    /// </summary>
    public static void Write(string path, ReadOnlySpan<byte> premultipliedRgba, int width, int height)
    {
        var info = new SKImageInfo(width, height, SKColorType.Rgba8888, SKAlphaType.Premul);
        using var bitmap = new SKBitmap(info);
        premultipliedRgba[..info.BytesSize].CopyTo(bitmap.GetPixelSpan());
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100)
            ?? throw new ScriptComposerException($"SkiaSharp could not encode a {width}x{height} PNG for '{path}'.");
        OutputFile.WriteAtomically(path, temp =>
        {
            using var stream = new FileStream(temp, FileMode.CreateNew, FileAccess.Write);
            data.SaveTo(stream);
            stream.Flush(flushToDisk: true);
        }, temp =>
        {
            if (new FileInfo(temp).Length != data.Size)
                throw OutputFile.CouldNotWrite(path, $"{data.Size} bytes were written, but the file holds {new FileInfo(temp).Length}.");
        });
    }
}
