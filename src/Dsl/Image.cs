using System.Runtime.InteropServices;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl;

/// <summary>
/// A frame as an array a script can work with (moviepy's frame as a NumPy array): <see cref="Width"/>×<see cref="Height"/>
/// pixels of <see cref="Rgba"/>, straight alpha (a half-transparent red is (255, 0, 0, 128)), row by row from the top left.
/// <c>image[x, y]</c> reads and writes one pixel, <see cref="Row"/> and <see cref="Pixels"/> give spans for fast loops, and
/// <see cref="Fill"/>, <see cref="Copy"/>, <see cref="Crop"/> and <see cref="Blit"/> do the common whole-picture work.
/// </summary>
public sealed class Image
{
    private readonly Rgba[] _pixels;

    /// <summary>A <paramref name="width"/>×<paramref name="height"/> image, transparent black.</summary>
    public Image(int width, int height)
    {
        if (width < 1 || height < 1 || width > Clips.MaxSide || height > Clips.MaxSide)
            throw new ArgumentOutOfRangeException(width < 1 || width > Clips.MaxSide ? nameof(width) : nameof(height),
                $"An Image is 1 to {Clips.MaxSide} pixels on each side; got {width}x{height}.");
        Width = width;
        Height = height;
        _pixels = new Rgba[width * height];
    }

    public int Width { get; }

    public int Height { get; }

    /// <summary>Every pixel, row after row: pixel (x, y) is at <c>y * Width + x</c>.</summary>
    public Span<Rgba> Pixels => _pixels;

    /// <summary>The bytes of <see cref="Pixels"/>: red, green, blue, alpha for each pixel.</summary>
    public Span<byte> Bytes => MemoryMarshal.AsBytes(_pixels.AsSpan());

    /// <summary>Row <paramref name="y"/>, <see cref="Width"/> pixels from the left.</summary>
    public Span<Rgba> Row(int y)
    {
        if ((uint)y >= (uint)Height)
            throw new ArgumentOutOfRangeException(nameof(y), $"Row {y} is outside this {Width}x{Height} image: rows go from 0 to {Height - 1}.");
        return _pixels.AsSpan(y * Width, Width);
    }

    /// <summary>The pixel at column <paramref name="x"/>, row <paramref name="y"/> (0, 0 is the top left).</summary>
    public Rgba this[int x, int y]
    {
        get => _pixels[Index(x, y)];
        set => _pixels[Index(x, y)] = value;
    }

    /// <summary>Sets every pixel to <paramref name="color"/>; returns this image.</summary>
    public Image Fill(ColorValue color)
    {
        _pixels.AsSpan().Fill(color.Resolve(nameof(color)));
        return this;
    }

    /// <summary>A new image with the same pixels.</summary>
    public Image Copy()
    {
        var copy = new Image(Width, Height);
        _pixels.CopyTo(copy._pixels, 0);
        return copy;
    }

    /// <summary>A new image of the <paramref name="width"/>×<paramref name="height"/> rectangle whose top left is (<paramref name="x"/>, <paramref name="y"/>).</summary>
    public Image Crop(int x, int y, int width, int height)
    {
        if (x < 0 || y < 0 || width < 1 || height < 1 || (long)x + width > Width || (long)y + height > Height)
            throw new ArgumentOutOfRangeException(nameof(x),
                $"Crop({x}, {y}, {width}, {height}) is not a rectangle inside this {Width}x{Height} image: need x, y ≥ 0, width and height ≥ 1, x + width ≤ {Width} and y + height ≤ {Height}.");
        var cut = new Image(width, height);
        for (var row = 0; row < height; row++)
            _pixels.AsSpan((y + row) * Width + x, width).CopyTo(cut.Row(row));
        return cut;
    }

    /// <summary>
    /// Lays <paramref name="source"/> over this image with its top left at (<paramref name="x"/>, <paramref name="y"/>), by its
    /// alpha times <paramref name="opacity"/> (source over); parts outside this image are left out. Returns this image.
    /// </summary>
    public Image Blit(Image source, int x, int y, double opacity = 1)
    {
        NullArgument.ThrowIfNull(source);
        if (!(opacity >= 0 && opacity <= 1))
            throw new ArgumentOutOfRangeException(nameof(opacity), $"Blit's opacity is from 0 to 1; got {opacity}.");
        int left = Math.Max(0, x), top = Math.Max(0, y);
        int right = (int)Math.Min(Width, (long)x + source.Width), bottom = (int)Math.Min(Height, (long)y + source.Height);
        for (var row = top; row < bottom; row++)
        {
            var from = source.Row(row - y);
            var to = Row(row);
            for (var column = left; column < right; column++)
                to[column] = Over(from[column - x], to[column], opacity);
        }
        return this;
    }

    /// <summary>An image made from premultiplied RGBA bytes (the device's format), in straight alpha.</summary>
    internal static Image FromPremultiplied(ReadOnlySpan<byte> rgba, int width, int height)
    {
        var image = new Image(width, height);
        var bytes = image.Bytes;
        for (var i = 0; i < bytes.Length; i += 4)
        {
            var a = rgba[i + 3];
            bytes[i + 3] = a;
            if (a == 0)
                continue;
            for (var c = 0; c < 3; c++)
                bytes[i + c] = (byte)Math.Min(255, (rgba[i + c] * 255 + a / 2) / a);
        }
        return image;
    }

    private int Index(int x, int y)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
            throw new ArgumentOutOfRangeException(nameof(x), $"Pixel ({x}, {y}) is outside this {Width}x{Height} image: x goes from 0 to {Width - 1}, y from 0 to {Height - 1}.");
        return y * Width + x;
    }

    private static Rgba Over(Rgba top, Rgba bottom, double opacity)
    {
        var a = top.A / 255.0 * opacity;
        if (a <= 0)
            return bottom;
        var b = bottom.A / 255.0;
        var outA = a + b * (1 - a);
        byte Channel(byte t, byte u) => (byte)Math.Round((t * a + u * b * (1 - a)) / outA);
        return new Rgba(Channel(top.R, bottom.R), Channel(top.G, bottom.G), Channel(top.B, bottom.B), (byte)Math.Round(outA * 255));
    }
}
