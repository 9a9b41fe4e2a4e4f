using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

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
    internal static byte ToByte(float value) => KernelMath.ToByte(value);

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
        RowWorkers.Run(chunks, chunk =>
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
        var xEnd = (int)Math.Min(cw, (long)x0 + lw);
        var yStart = Math.Max(0, y0);
        var yEnd = (int)Math.Min(ch, (long)y0 + lh);
        if (xStart >= xEnd || yStart >= yEnd || opacity <= 0f)
            return;

        ForRows(yEnd - yStart, xEnd - xStart, row =>
        {
            var y = yStart + row;
            var ly = y - y0;
            var n = xEnd - xStart;
            var dst = canvas.AsSpan((y * cw + xStart) * 4, n * 4);
            var src = layer.AsSpan((ly * lw + xStart - x0) * 4, n * 4);
            var msk = mask is null ? default : mask.AsSpan((ly * lw + xStart - x0) * 4, n * 4);
            var i = 0;
            if (Vectors)
            {
                ref var d = ref MemoryMarshal.GetReference(dst);
                ref var s = ref MemoryMarshal.GetReference(src);
                ref var k = ref MemoryMarshal.GetReference(msk);
                var opacityV = Vector256.Create(opacity);
                for (; i + Lanes * 4 <= dst.Length; i += Lanes * 4)
                {
                    Load8(ref Unsafe.Add(ref s, i), out var sr, out var sg, out var sb, out var sa);
                    Load8(ref Unsafe.Add(ref d, i), out var dr, out var dg, out var db, out var da);
                    var m = mask is null ? opacityV : opacityV * (Luminance8(ref Unsafe.Add(ref k, i)) * Vector256.Create(1f / 255f));
                    OverV(sr, sg, sb, sa, m, ref dr, ref dg, ref db, ref da);
                    Store8(ref Unsafe.Add(ref d, i), dr, dg, db, da);
                }
            }
            for (; i < dst.Length; i += 4)
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
        var f = FadeConstants.For(color, amount);
        ForRows(height, width, y =>
        {
            var row = target.AsSpan(y * width * 4, width * 4);
            var i = 0;
            if (Vectors)
            {
                ref var p = ref MemoryMarshal.GetReference(row);
                for (; i + Lanes * 4 <= row.Length; i += Lanes * 4)
                {
                    Load8(ref Unsafe.Add(ref p, i), out var r, out var g, out var b, out var a);
                    FadeV(f, ref r, ref g, ref b, a);
                    Store8(ref Unsafe.Add(ref p, i), r, g, b, a);
                }
            }
            for (; i < row.Length; i += 4)
            {
                float a = row[i + 3];
                row[i] = ToByte(row[i] * f.Keep + f.R * a);
                row[i + 1] = ToByte(row[i + 1] * f.Keep + f.G * a);
                row[i + 2] = ToByte(row[i + 2] * f.Keep + f.B * a);
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
        // The vector path clamps t with max/min, which maps NaN to 0 where Math.Clamp keeps it; t is NaN-free when these hold.
        var vectors = Vectors && span > 0f && float.IsFinite(span) && float.IsFinite(g.X1) && float.IsFinite(g.Y1) && float.IsFinite(inv)
            && float.IsFinite(vx) && float.IsFinite(vy) && float.IsFinite(g.Radius) && float.IsFinite(g.Offset);
        ForRows(height, width, y =>
        {
            var row = target.AsSpan(y * width * 4, width * 4);
            var py = y + 0.5f - g.Y1;
            var x = 0;
            if (vectors)
            {
                ref var o = ref MemoryMarshal.GetReference(row);
                var steps = Vector256.Create(0f, 1f, 2f, 3f, 4f, 5f, 6f, 7f);
                for (; x + Lanes <= width; x += Lanes)
                {
                    var px = (Vector256.Create((float)x) + steps + Vector256.Create(0.5f)) - Vector256.Create(g.X1);
                    var t = GradientT8(g, px, py, vx, vy, inv, span);
                    var a = Vector256.Create(a1) + Vector256.Create(da) * t;
                    var s = a * Vector256.Create(1f / 255f);
                    Store8(ref Unsafe.Add(ref o, x * 4),
                        RoundV((Vector256.Create(r1) + Vector256.Create(dr) * t) * s),
                        RoundV((Vector256.Create(g1) + Vector256.Create(dg) * t) * s),
                        RoundV((Vector256.Create(b1) + Vector256.Create(db) * t) * s),
                        RoundV(a));
                }
            }
            for (; x < width; x++)
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

    /// <summary>The gradient parameter t of 8 pixels of a row, clamped to [0, 1]: <see cref="Gradient"/>'s scalar formula lane by lane.</summary>
    private static Vector256<float> GradientT8(in GradientParams g, Vector256<float> px, float py, float vx, float vy, float inv, float span)
    {
        Vector256<float> t;
        var offset = Vector256.Create(g.Offset);
        var spanV = Vector256.Create(span);
        if (g.Kind == GradientKind.Radial)
        {
            if (!(g.Radius > 0f))
                return Vector256.Create(1f);
            var pyV = Vector256.Create(py);
            t = (Avx.Sqrt(px * px + pyV * pyV) - Vector256.Create(g.Offset * g.Radius)) / Vector256.Create(span * g.Radius);
        }
        else
        {
            var along = (px * Vector256.Create(vx) + Vector256.Create(py * vy)) * Vector256.Create(inv);
            t = (along - offset) / spanV;
            if (g.Kind == GradientKind.Bilinear)
                t = Avx.Max(t, (-along - offset) / spanV);
        }
        return Avx.Min(Avx.Max(t, Vector256<float>.Zero), Vector256.Create(1f));
    }

    /// <summary>A premultiplied pixel as straight-alpha floats (colors 0..255, alpha 0..1; transparent is all 0): what a user's pixel or transition function receives. Twin: sc_straight.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Float4 StraightPixel(ReadOnlySpan<byte> pixel)
    {
        var a = (float)pixel[3];
        return pixel[3] == 0 ? new Float4(0f, 0f, 0f, 0f) : new Float4(pixel[0] / a, pixel[1] / a, pixel[2] / a, a * (1f / 255f));
    }

    /// <summary>Stores what a user's function returned (straight, 0..1, NaN as 0) as a premultiplied pixel. Twin: sc_premultiplied.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static void StorePremultiplied(Span<byte> pixel, Float4 output)
    {
        var alpha = Clamp01(output.W) * 255f;
        pixel[0] = ToByte(Clamp01(output.X) * alpha);
        pixel[1] = ToByte(Clamp01(output.Y) * alpha);
        pixel[2] = ToByte(Clamp01(output.Z) * alpha);
        pixel[3] = ToByte(alpha);
    }

    internal static void Premultiply(byte[] target, int width, int height)
    {
        ForRows(height, width, y =>
        {
            var row = target.AsSpan(y * width * 4, width * 4);
            var i = 0;
            if (Vectors)
            {
                ref var p = ref MemoryMarshal.GetReference(row);
                for (; i + Lanes * 4 <= row.Length; i += Lanes * 4)
                {
                    Load8(ref Unsafe.Add(ref p, i), out var r, out var g, out var b, out var a);
                    var s = a * Vector256.Create(1f / 255f);
                    Store8(ref Unsafe.Add(ref p, i), RoundV(r * s), RoundV(g * s), RoundV(b * s), a);
                }
            }
            for (; i < row.Length; i += 4)
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
            var i = 0;
            if (Vectors)
            {
                ref var p = ref MemoryMarshal.GetReference(row);
                for (; i + Lanes * 4 <= row.Length; i += Lanes * 4)
                {
                    Load8(ref Unsafe.Add(ref p, i), out var r, out var g, out var b, out var a);
                    var zero = Vector256.Equals(a, Vector256<float>.Zero);
                    var s = Vector256.ConditionalSelect(zero, Vector256<float>.Zero, Vector256.Create(255f) / a);
                    Store8(ref Unsafe.Add(ref p, i), RoundV(r * s), RoundV(g * s), RoundV(b * s), a);
                }
            }
            for (; i < row.Length; i += 4)
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
        if (Vectors)
        {
            ResizeVector(source, sw, sh, target, tw, th);
            return;
        }
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

    /// <summary>
    /// The twin of sc_rgba_to_yuv420, parallel over pairs of rows: each pair is spread into float planes and converted by
    /// <see cref="YuvRowPair"/> (the same code the fused composite writes its output with).
    /// </summary>
    internal static void ConvertToYuv420(byte[] source, int width, int height, Span<byte> yuv)
    {
        var layout = new Yuv420Layout(width, height);
        unsafe
        {
            fixed (byte* output = yuv)
            {
                var o = (nint)output;
                var length = yuv.Length;
                ForRowChunks(layout.ChromaHeight, width * 2, (start, end) =>
                {
                    var planes = System.Buffers.ArrayPool<float>.Shared.Rent(width * 8);
                    try
                    {
                        var target = new Span<byte>((void*)o, length);
                        for (var cy = start; cy < end; cy++)
                        {
                            var y0 = cy * 2;
                            var two = y0 + 1 < height;
                            SpreadRow(source.AsSpan(y0 * width * 4, width * 4), planes.AsSpan(0, width * 4), width);
                            if (two)
                                SpreadRow(source.AsSpan((y0 + 1) * width * 4, width * 4), planes.AsSpan(width * 4, width * 4), width);
                            YuvRowPair(planes, width, two, target, layout, cy);
                        }
                    }
                    finally
                    {
                        System.Buffers.ArrayPool<float>.Shared.Return(planes);
                    }
                });
            }
        }
    }
}
