using System.Runtime.CompilerServices;

namespace ScriptComposer.Gpu.Cpu;

/// <summary>
/// The CPU twins of the CUDA kernels in <c>Kernels/*.cu</c>: the same float math, the same rounding
/// (add 0.5, clamp to [0, 255], truncate), parallel over rows. Keep each method in step with its kernel.
/// </summary>
internal static partial class CpuKernels
{
    /// <summary>Rows per parallel work item: enough work per item that scheduling stays cheap.</summary>
    private const int MinRowsPerItem = 8;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static byte ToByte(float value) => (byte)Math.Clamp(value + 0.5f, 0f, 255f);

    /// <summary>Clamp to [0, 1], NaN to 0 — sc_clamp01.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Clamp01(float value) => value > 0f ? (value < 1f ? value : 1f) : 0f;

    /// <summary>sc_bilinear.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static byte Bilinear(byte p11, byte p12, byte p21, byte p22, float wx, float wy)
    {
        var top = p11 + (p12 - p11) * wx;
        var bottom = p21 + (p22 - p21) * wx;
        return ToByte(top + (bottom - top) * wy);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float Luminance(byte r, byte g, byte b) => 0.299f * r + 0.587f * g + 0.114f * b;

    internal static void ForRows(int height, int width, Action<int> row)
    {
        if ((long)height * width < 64 * 1024)
        {
            for (var y = 0; y < height; y++) row(y);
            return;
        }
        var chunks = Math.Max(1, height / MinRowsPerItem);
        Parallel.For(0, chunks, chunk =>
        {
            var start = (int)((long)chunk * height / chunks);
            var end = (int)((long)(chunk + 1) * height / chunks);
            for (var y = start; y < end; y++) row(y);
        });
    }

    internal static void Fill(byte[] target, int width, int height, Rgba color)
    {
        var a = color.A / 255f;
        uint packed = ToByte(color.R * a) | (uint)ToByte(color.G * a) << 8 | (uint)ToByte(color.B * a) << 16 | (uint)color.A << 24;
        var pixels = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, uint>(target.AsSpan(0, width * height * 4));
        pixels.Fill(packed);
    }

    internal static void Composite(byte[] canvas, int cw, int ch, byte[] layer, int lw, int lh, byte[]? mask, int x0, int y0, float opacity)
    {
        var xStart = Math.Max(0, x0);
        var xEnd = Math.Min(cw, x0 + lw);
        var yStart = Math.Max(0, y0);
        var yEnd = Math.Min(ch, y0 + lh);
        if (xStart >= xEnd || yStart >= yEnd || opacity <= 0f)
            return;

        ForRows(yEnd - yStart, xEnd - xStart, row =>
        {
            var y = yStart + row;
            var ly = y - y0;
            var dst = canvas.AsSpan((y * cw + xStart) * 4, (xEnd - xStart) * 4);
            var src = layer.AsSpan((ly * lw + xStart - x0) * 4, (xEnd - xStart) * 4);
            var msk = mask is null ? default : mask.AsSpan((ly * lw + xStart - x0) * 4, (xEnd - xStart) * 4);
            for (var i = 0; i < dst.Length; i += 4)
            {
                var m = opacity;
                if (mask is not null)
                    m *= Luminance(msk[i], msk[i + 1], msk[i + 2]) * (1f / 255f);
                var sa = src[i + 3] * m;
                var keep = 1f - sa * (1f / 255f);
                dst[i] = ToByte(src[i] * m + dst[i] * keep);
                dst[i + 1] = ToByte(src[i + 1] * m + dst[i + 1] * keep);
                dst[i + 2] = ToByte(src[i + 2] * m + dst[i + 2] * keep);
                dst[i + 3] = ToByte(sa + dst[i + 3] * keep);
            }
        });
    }

    internal static void Fade(byte[] target, int width, int height, Rgba color, float amount)
    {
        var keep = 1f - amount;
        float cr = color.R * amount * (1f / 255f), cg = color.G * amount * (1f / 255f), cb = color.B * amount * (1f / 255f);
        ForRows(height, width, y =>
        {
            var row = target.AsSpan(y * width * 4, width * 4);
            for (var i = 0; i < row.Length; i += 4)
            {
                float a = row[i + 3];
                row[i] = ToByte(row[i] * keep + cr * a);
                row[i + 1] = ToByte(row[i + 1] * keep + cg * a);
                row[i + 2] = ToByte(row[i + 2] * keep + cb * a);
            }
        });
    }

    internal static void Gradient(byte[] target, int width, int height, in GradientParams p)
    {
        var g = p;
        var vx = g.X2 - g.X1;
        var vy = g.Y2 - g.Y1;
        var norm2 = vx * vx + vy * vy;
        var inv = norm2 > 0f ? 1f / norm2 : 0f;
        var span = 1f - g.Offset;
        float r1 = g.Color1.R, g1 = g.Color1.G, b1 = g.Color1.B, a1 = g.Color1.A;
        float dr = g.Color2.R - r1, dg = g.Color2.G - g1, db = g.Color2.B - b1, da = g.Color2.A - a1;
        ForRows(height, width, y =>
        {
            var row = target.AsSpan(y * width * 4, width * 4);
            var py = y + 0.5f - g.Y1;
            for (var x = 0; x < width; x++)
            {
                var px = x + 0.5f - g.X1;
                float t;
                if (g.Kind == GradientKind.Radial)
                {
                    t = g.Radius > 0f ? (MathF.Sqrt(px * px + py * py) - g.Offset * g.Radius) / (span * g.Radius) : 1f;
                }
                else
                {
                    var along = (px * vx + py * vy) * inv;
                    t = (along - g.Offset) / span;
                    if (g.Kind == GradientKind.Bilinear)
                        t = MathF.Max(t, (-along - g.Offset) / span);
                }
                t = Math.Clamp(t, 0f, 1f);
                var a = a1 + da * t;
                var s = a * (1f / 255f);
                var i = x * 4;
                row[i] = ToByte((r1 + dr * t) * s);
                row[i + 1] = ToByte((g1 + dg * t) * s);
                row[i + 2] = ToByte((b1 + db * t) * s);
                row[i + 3] = ToByte(a);
            }
        });
    }

    internal static void Premultiply(byte[] target, int width, int height)
    {
        ForRows(height, width, y =>
        {
            var row = target.AsSpan(y * width * 4, width * 4);
            for (var i = 0; i < row.Length; i += 4)
            {
                var s = row[i + 3] * (1f / 255f);
                row[i] = ToByte(row[i] * s);
                row[i + 1] = ToByte(row[i + 1] * s);
                row[i + 2] = ToByte(row[i + 2] * s);
            }
        });
    }

    internal static void Unpremultiply(byte[] target, int width, int height)
    {
        ForRows(height, width, y =>
        {
            var row = target.AsSpan(y * width * 4, width * 4);
            for (var i = 0; i < row.Length; i += 4)
            {
                var a = row[i + 3];
                var s = a == 0 ? 0f : 255f / a;
                row[i] = ToByte(row[i] * s);
                row[i + 1] = ToByte(row[i + 1] * s);
                row[i + 2] = ToByte(row[i + 2] * s);
            }
        });
    }

    internal static void Resize(byte[] source, int sw, int sh, byte[] target, int tw, int th)
    {
        var scaleX = (float)sw / tw;
        var scaleY = (float)sh / th;
        ForRows(th, tw, y =>
        {
            var fy = Math.Clamp((y + 0.5f) * scaleY - 0.5f, 0f, sh - 1);
            var y1 = (int)fy;
            var y2 = Math.Min(y1 + 1, sh - 1);
            var wy = fy - y1;
            var row = target.AsSpan(y * tw * 4, tw * 4);
            for (var x = 0; x < tw; x++)
            {
                var fx = Math.Clamp((x + 0.5f) * scaleX - 0.5f, 0f, sw - 1);
                var x1 = (int)fx;
                var x2 = Math.Min(x1 + 1, sw - 1);
                var wx = fx - x1;
                int i11 = (y1 * sw + x1) * 4, i12 = (y1 * sw + x2) * 4, i21 = (y2 * sw + x1) * 4, i22 = (y2 * sw + x2) * 4;
                for (var c = 0; c < 4; c++)
                    row[x * 4 + c] = Bilinear(source[i11 + c], source[i12 + c], source[i21 + c], source[i22 + c], wx, wy);
            }
        });
    }

    internal static void ConvertToYuv420(byte[] source, int width, int height, Span<byte> yuv)
    {
        var layout = new Yuv420Layout(width, height);
        var yPlane = yuv[..layout.LumaBytes];
        for (var y = 0; y < height; y++)
        {
            var row = source.AsSpan(y * width * 4, width * 4);
            var outRow = yPlane.Slice(y * width, width);
            for (var x = 0; x < width; x++)
                outRow[x] = ToByte(16f + (0.2126f * row[x * 4] + 0.7152f * row[x * 4 + 1] + 0.0722f * row[x * 4 + 2]) * (219f / 255f));
        }

        var uPlane = yuv.Slice(layout.LumaBytes, layout.ChromaBytes);
        var vPlane = yuv.Slice(layout.LumaBytes + layout.ChromaBytes, layout.ChromaBytes);
        for (var cy = 0; cy < layout.ChromaHeight; cy++)
        {
            for (var cx = 0; cx < layout.ChromaWidth; cx++)
            {
                float r = 0, g = 0, b = 0;
                var n = 0;
                for (var dy = 0; dy < 2; dy++)
                {
                    var y = cy * 2 + dy;
                    if (y >= height) continue;
                    for (var dx = 0; dx < 2; dx++)
                    {
                        var x = cx * 2 + dx;
                        if (x >= width) continue;
                        var i = (y * width + x) * 4;
                        r += source[i]; g += source[i + 1]; b += source[i + 2];
                        n++;
                    }
                }
                var s = 1f / n;
                r *= s; g *= s; b *= s;
                var o = cy * layout.ChromaWidth + cx;
                uPlane[o] = ToByte(128f + (-0.1146f * r - 0.3854f * g + 0.5f * b) * (224f / 255f));
                vPlane[o] = ToByte(128f + (0.5f * r - 0.4542f * g - 0.0458f * b) * (224f / 255f));
            }
        }
    }
}
