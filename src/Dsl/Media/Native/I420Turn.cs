using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Media.Native;

/// <summary>
/// Turns an I420 picture a quarter, a half or three quarters clockwise, plane by plane, as ffmpeg's autorotate does with
/// <c>transpose=clock</c>, <c>hflip,vflip</c> and <c>transpose=cclock</c>: the same bytes. Quarter turns go in square tiles, so both
/// the rows read and the rows written stay in cache.
/// </summary>
internal static class I420Turn
{
    private const int Tile = 32;

    /// <param name="from">The stored picture's layout.</param>
    /// <param name="to">The turned picture's layout: <paramref name="from"/>'s, its sides traded for a quarter turn.</param>
    public static void Turn(ReadOnlySpan<byte> source, Yuv420Layout from, Span<byte> target, Yuv420Layout to, int clockwise)
    {
        Plane(source[..from.LumaBytes], from.Width, from.Height, target[..to.LumaBytes], clockwise);
        for (var plane = 0; plane < 2; plane++)
        {
            Plane(source.Slice(from.LumaBytes + plane * from.ChromaBytes, from.ChromaBytes), from.ChromaWidth, from.ChromaHeight,
                target.Slice(to.LumaBytes + plane * to.ChromaBytes, to.ChromaBytes), clockwise);
        }
    }

    /// <summary>
    /// The turned plane is height wide and width high: target (x, y) is source (y, height − 1 − x) turning clockwise, source
    /// (width − 1 − y, x) turning counterclockwise. Both lengths are checked by the caller.
    /// </summary>
    private static unsafe void QuarterTurn(ReadOnlySpan<byte> source, int width, int height, Span<byte> target, bool clockwise)
    {
        fixed (byte* from = source)
        fixed (byte* to = target)
        {
            for (var tileY = 0; tileY < width; tileY += Tile)
            {
                var yEnd = Math.Min(width, tileY + Tile);
                for (var tileX = 0; tileX < height; tileX += Tile)
                {
                    var xEnd = Math.Min(height, tileX + Tile);
                    for (var y = tileY; y < yEnd; y++)
                    {
                        var row = to + (long)y * height;
                        // Down a source column: the next target sample is a source row earlier (clockwise) or later.
                        var column = clockwise ? from + (long)(height - 1 - tileX) * width + y : from + (long)tileX * width + (width - 1 - y);
                        var step = clockwise ? -width : width;
                        for (var x = tileX; x < xEnd; x++, column += step)
                            row[x] = *column;
                    }
                }
            }
        }
    }

    /// <summary>One plane of <paramref name="width"/>×<paramref name="height"/> samples, turned into <paramref name="target"/>.</summary>
    private static void Plane(ReadOnlySpan<byte> source, int width, int height, Span<byte> target, int clockwise)
    {
        switch (clockwise)
        {
            case 180:
                for (var y = 0; y < height; y++)
                {
                    var row = source.Slice(y * width, width);
                    var turned = target.Slice((height - 1 - y) * width, width);
                    for (var x = 0; x < width; x++)
                        turned[width - 1 - x] = row[x];
                }
                return;
            case 90 or 270:
                if (source.Length < width * height || target.Length < width * height)
                    throw new ArgumentException($"A {width}x{height} plane needs {width * height} bytes on both sides.");
                QuarterTurn(source, width, height, target, clockwise == 90);
                return;
            default:
                source.CopyTo(target);
                return;
        }
    }
}
