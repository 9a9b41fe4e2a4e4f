using ScriptComposer.Gpu;
using SkiaSharp;

namespace ScriptComposer.Tests.Support;

/// <summary>Straight-alpha RGBA8 pixels, row-major: a decoded video frame (alpha 255) or a PNG.</summary>
internal sealed class RgbaImage
{
    public RgbaImage(int width, int height, byte[] rgba, string source)
    {
        Assert.Equal(width * height * 4, rgba.Length);
        Width = width;
        Height = height;
        Pixels = rgba;
        Source = source;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Pixels { get; }

    /// <summary>Where the pixels came from, for messages: "hello.mp4 frame 45".</summary>
    public string Source { get; }

    public Rgba this[int x, int y]
    {
        get
        {
            if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
                throw new ArgumentOutOfRangeException(nameof(x), $"({x}, {y}) is outside {Source}, which is {Width}x{Height}.");
            var i = (y * Width + x) * 4;
            return new Rgba(Pixels[i], Pixels[i + 1], Pixels[i + 2], Pixels[i + 3]);
        }
    }

    /// <summary>Reads a PNG as straight RGBA8.</summary>
    public static RgbaImage LoadPng(string path)
    {
        Assert.True(File.Exists(path), $"The PNG '{path}' does not exist.");
        using var codec = SKCodec.Create(path) ?? throw new InvalidOperationException($"'{path}' is not an image SkiaSharp can read.");
        var info = new SKImageInfo(codec.Info.Width, codec.Info.Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        var pixels = new byte[info.BytesSize];
        unsafe
        {
            fixed (byte* p = pixels)
            {
                var result = codec.GetPixels(info, (IntPtr)p);
                Assert.True(result == SKCodecResult.Success, $"Decoding '{path}' gave {result}.");
            }
        }
        return new RgbaImage(info.Width, info.Height, pixels, Path.GetFileName(path));
    }

    /// <summary>Writes the pixels as a PNG (straight alpha).</summary>
    public void SavePng(string path)
    {
        var info = new SKImageInfo(Width, Height, SKColorType.Rgba8888, SKAlphaType.Unpremul);
        using var bitmap = new SKBitmap(info);
        Pixels.CopyTo(bitmap.GetPixelSpan());
        using var data = bitmap.Encode(SKEncodedImageFormat.Png, 100) ?? throw new InvalidOperationException($"Could not encode {path}.");
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        using var stream = File.Create(path);
        data.SaveTo(stream);
    }

    /// <summary>An image filled by <paramref name="pixel"/>(x, y), for test inputs.</summary>
    public static RgbaImage Create(int width, int height, Func<int, int, Rgba> pixel, string source = "generated")
    {
        var rgba = new byte[width * height * 4];
        for (var y = 0; y < height; y++)
        for (var x = 0; x < width; x++)
        {
            var c = pixel(x, y);
            var i = (y * width + x) * 4;
            (rgba[i], rgba[i + 1], rgba[i + 2], rgba[i + 3]) = (c.R, c.G, c.B, c.A);
        }
        return new RgbaImage(width, height, rgba, source);
    }
}
