using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ScriptComposer.Gpu.Cpu;

/// <summary>
/// The fused composite (<see cref="IComputeBackend.CompositeLayers"/>): one pass per output row over every layer. A row of the
/// canvas lives in four float planes (R, G, B, A of a worker's scratch, in L1/L2) from the background fill to the last layer, so
/// each pixel is read from and written to memory once; every step rounds exactly where the unfused path stores a byte (the
/// planes only ever hold integers 0..255), so the result is the unfused sequence's bytes. The I420 variant composes two rows and
/// writes their Y, U and V at once. Twin of the kernels <see cref="Cuda.LayerKernel"/> generates.
/// </summary>
internal static partial class CpuKernels
{
    /// <summary>One layer of a fused pass, resolved: its pixels, placement, opacity in (0, 1], mask, mode and fade (if any).</summary>
    internal readonly record struct FusedLayer(
        byte[] Pixels, int Width, int Height, int X, int Y, float Opacity, byte[]? Mask, BlendMode Mode, bool HasFade, FadeConstants Fade);

    /// <summary>Runs <paramref name="chunk"/>(start, end) over [0, rows) in parallel chunks of about <see cref="MinRowsPerItem"/> rows.</summary>
    internal static void ForRowChunks(int rows, long pixelsPerRow, Action<int, int> chunk)
    {
        if (rows * pixelsPerRow < 64 * 1024)
        {
            chunk(0, rows);
            return;
        }
        var chunks = Math.Max(1, rows / MinRowsPerItem);
        RowWorkers.Run(chunks, c => chunk((int)((long)c * rows / chunks), (int)((long)(c + 1) * rows / chunks)));
    }

    internal static void CompositeLayers(byte[] canvas, int cw, int ch, (byte R, byte G, byte B, byte A) background, FusedLayer[] layers)
    {
        ForRowChunks(ch, (long)cw * (layers.Length + 1), (start, end) =>
        {
            var planes = ArrayPool<float>.Shared.Rent(cw * 4);
            try
            {
                for (var y = start; y < end; y++)
                {
                    ComposeRow(planes.AsSpan(0, cw * 4), cw, y, background, layers);
                    GatherRow(planes.AsSpan(0, cw * 4), canvas.AsSpan(y * cw * 4, cw * 4), cw);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(planes);
            }
        });
    }

    internal static unsafe void CompositeLayersToI420(int cw, int ch, (byte R, byte G, byte B, byte A) background, FusedLayer[] layers, Span<byte> yuv)
    {
        var layout = new Yuv420Layout(cw, ch);
        fixed (byte* output = yuv)
        {
            var o = (nint)output;
            var length = yuv.Length;
            ForRowChunks(layout.ChromaHeight, 2L * cw * (layers.Length + 1), (start, end) =>
            {
                var planes = ArrayPool<float>.Shared.Rent(cw * 8);
                try
                {
                    var target = new Span<byte>((void*)o, length);
                    for (var cy = start; cy < end; cy++)
                    {
                        var y0 = cy * 2;
                        var two = y0 + 1 < ch;
                        ComposeRow(planes.AsSpan(0, cw * 4), cw, y0, background, layers);
                        if (two)
                            ComposeRow(planes.AsSpan(cw * 4, cw * 4), cw, y0 + 1, background, layers);
                        YuvRowPair(planes, cw, two, target, layout, cy);
                    }
                }
                finally
                {
                    ArrayPool<float>.Shared.Return(planes);
                }
            });
        }
    }

    /// <summary>Canvas row <paramref name="y"/> into <paramref name="planes"/> (R, G, B, A of <paramref name="cw"/> floats each).</summary>
    // The row workers here and in CpuKernels.Yuv are optimised at first call: a render of a few hundred frames otherwise
    // spends its first hundred in unoptimised tier-0 code, several times slower for vector intrinsics (measured: 25 ms a
    // frame at first, 3.5 ms once tiered up, for the 2x2 grid benchmark).
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ComposeRow(Span<float> planes, int cw, int y, (byte R, byte G, byte B, byte A) background, FusedLayer[] layers)
    {
        var vectors = Vectors;
        var r = planes[..cw];
        var g = planes.Slice(cw, cw);
        var b = planes.Slice(cw * 2, cw);
        var a = planes.Slice(cw * 3, cw);
        r.Fill(background.R);
        g.Fill(background.G);
        b.Fill(background.B);
        a.Fill(background.A);
        foreach (ref readonly var layer in layers.AsSpan())
        {
            if (y < layer.Y || y >= (long)layer.Y + layer.Height)
                continue;
            var xs = Math.Max(0, layer.X);
            var xe = (int)Math.Min(cw, (long)layer.X + layer.Width);
            if (xs >= xe)
                continue;
            var n = xe - xs;
            var offset = ((y - layer.Y) * layer.Width + (xs - layer.X)) * 4;
            var src = layer.Pixels.AsSpan(offset, n * 4);
            var mask = layer.Mask is null ? default : layer.Mask.AsSpan(offset, n * 4);
            if (layer.Mode == BlendMode.Normal)
                OverRow(r.Slice(xs, n), g.Slice(xs, n), b.Slice(xs, n), a.Slice(xs, n), src, mask, layer.Mask is not null, layer, vectors);
            else
                BlendRow(r.Slice(xs, n), g.Slice(xs, n), b.Slice(xs, n), a.Slice(xs, n), src, mask, layer.Mask is not null, layer);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void OverRow(Span<float> r, Span<float> g, Span<float> b, Span<float> a, ReadOnlySpan<byte> src, ReadOnlySpan<byte> mask, bool hasMask, in FusedLayer layer, bool vectors)
    {
        var n = r.Length;
        var i = 0;
        var fade = layer.Fade;
        if (vectors)
        {
            ref var s = ref MemoryMarshal.GetReference(src);
            ref var k = ref MemoryMarshal.GetReference(mask);
            ref var pr = ref MemoryMarshal.GetReference(r);
            ref var pg = ref MemoryMarshal.GetReference(g);
            ref var pb = ref MemoryMarshal.GetReference(b);
            ref var pa = ref MemoryMarshal.GetReference(a);
            var opacity = Vector256.Create(layer.Opacity);
            for (; i + Lanes <= n; i += Lanes)
            {
                Load8(ref Unsafe.Add(ref s, i * 4), out var sr, out var sg, out var sb, out var sa);
                if (layer.HasFade)
                    FadeV(fade, ref sr, ref sg, ref sb, sa);
                var m = hasMask ? opacity * (Luminance8(ref Unsafe.Add(ref k, i * 4)) * Vector256.Create(1f / 255f)) : opacity;
                var dr = Vector256.LoadUnsafe(ref pr, (nuint)i);
                var dg = Vector256.LoadUnsafe(ref pg, (nuint)i);
                var db = Vector256.LoadUnsafe(ref pb, (nuint)i);
                var da = Vector256.LoadUnsafe(ref pa, (nuint)i);
                OverV(sr, sg, sb, sa, m, ref dr, ref dg, ref db, ref da);
                dr.StoreUnsafe(ref pr, (nuint)i);
                dg.StoreUnsafe(ref pg, (nuint)i);
                db.StoreUnsafe(ref pb, (nuint)i);
                da.StoreUnsafe(ref pa, (nuint)i);
            }
        }
        for (; i < n; i++)
        {
            var j = i * 4;
            float sr = src[j], sg = src[j + 1], sb = src[j + 2], sa = src[j + 3];
            if (layer.HasFade)
                FadeF(fade, ref sr, ref sg, ref sb, sa);
            var m = layer.Opacity;
            if (hasMask)
                m *= Luminance(mask[j], mask[j + 1], mask[j + 2]) * (1f / 255f);
            OverF(sr, sg, sb, sa, m, ref r[i], ref g[i], ref b[i], ref a[i]);
        }
    }

    /// <summary>A blend mode other than normal, pixel by pixel: <see cref="CompositeBlend"/>'s math on the planes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void BlendRow(Span<float> r, Span<float> g, Span<float> b, Span<float> a, ReadOnlySpan<byte> src, ReadOnlySpan<byte> mask, bool hasMask, in FusedLayer layer)
    {
        var fade = layer.Fade;
        var mode = layer.Mode;
        for (var i = 0; i < r.Length; i++)
        {
            var j = i * 4;
            float sr = src[j], sg = src[j + 1], sb = src[j + 2], sw = src[j + 3];
            if (layer.HasFade)
                FadeF(fade, ref sr, ref sg, ref sb, sw);
            var m = layer.Opacity;
            if (hasMask)
                m *= Luminance(mask[j], mask[j + 1], mask[j + 2]) * (1f / 255f);
            var dw = a[i];
            var sa = sw * m;
            var keep = 1f - sa * (1f / 255f);
            var ab = dw * (1f / 255f);
            var sab = sa * ab;
            r[i] = BlendChannelF(mode, sr, sw, r[i], dw, m, sab, ab, keep);
            g[i] = BlendChannelF(mode, sg, sw, g[i], dw, m, sab, ab, keep);
            b[i] = BlendChannelF(mode, sb, sw, b[i], dw, m, sab, ab, keep);
            a[i] = RoundF(sa + dw * keep);
        }
    }

    /// <summary><see cref="BlendChannel"/> on floats holding the same byte values.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float BlendChannelF(BlendMode mode, float s, float sw, float d, float dw, float m, float sab, float ab, float keep)
    {
        var cs = sw == 0f ? 0f : Clamp01(s / sw);
        var cb = dw == 0f ? 0f : Clamp01(d / dw);
        return RoundF(s * m * (1f - ab) + sab * Blend(mode, cb, cs) + d * keep);
    }

    /// <summary>RGBA8 pixels spread into four float planes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void SpreadRow(ReadOnlySpan<byte> pixels, Span<float> planes, int width)
    {
        var r = planes[..width];
        var g = planes.Slice(width, width);
        var b = planes.Slice(width * 2, width);
        var a = planes.Slice(width * 3, width);
        var x = 0;
        if (Vectors)
        {
            ref var p = ref MemoryMarshal.GetReference(pixels);
            for (; x + Lanes <= width; x += Lanes)
            {
                Load8(ref Unsafe.Add(ref p, x * 4), out var vr, out var vg, out var vb, out var va);
                vr.StoreUnsafe(ref MemoryMarshal.GetReference(r), (nuint)x);
                vg.StoreUnsafe(ref MemoryMarshal.GetReference(g), (nuint)x);
                vb.StoreUnsafe(ref MemoryMarshal.GetReference(b), (nuint)x);
                va.StoreUnsafe(ref MemoryMarshal.GetReference(a), (nuint)x);
            }
        }
        for (; x < width; x++)
        {
            r[x] = pixels[x * 4];
            g[x] = pixels[x * 4 + 1];
            b[x] = pixels[x * 4 + 2];
            a[x] = pixels[x * 4 + 3];
        }
    }

    /// <summary>Four float planes (integers 0..255) gathered into RGBA8 pixels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void GatherRow(ReadOnlySpan<float> planes, Span<byte> pixels, int width)
    {
        var r = planes[..width];
        var g = planes.Slice(width, width);
        var b = planes.Slice(width * 2, width);
        var a = planes.Slice(width * 3, width);
        var x = 0;
        if (Vectors)
        {
            ref var p = ref MemoryMarshal.GetReference(pixels);
            for (; x + Lanes <= width; x += Lanes)
            {
                Store8(ref Unsafe.Add(ref p, x * 4),
                    Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(r), (nuint)x),
                    Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(g), (nuint)x),
                    Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(b), (nuint)x),
                    Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(a), (nuint)x));
            }
        }
        for (; x < width; x++)
        {
            pixels[x * 4] = (byte)r[x];
            pixels[x * 4 + 1] = (byte)g[x];
            pixels[x * 4 + 2] = (byte)b[x];
            pixels[x * 4 + 3] = (byte)a[x];
        }
    }

    /// <summary>
    /// Chroma row <paramref name="cy"/> of an I420 frame from canvas rows 2·cy (planes[0, 4w)) and, when <paramref name="two"/>,
    /// 2·cy + 1 (planes[4w, 8w)): their Y, and the U and V of each 2×2 block (clipped at odd edges) — sc_rgba_to_yuv420's math.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void YuvRowPair(ReadOnlySpan<float> planes, int width, bool two, Span<byte> yuv, Yuv420Layout layout, int cy)
    {
        for (var k = 0; k < (two ? 2 : 1); k++)
            LumaRow(planes.Slice(k * width * 4, width * 4), width, yuv.Slice((cy * 2 + k) * width, width));

        var chromaWidth = layout.ChromaWidth;
        var u = yuv.Slice(layout.LumaBytes + cy * chromaWidth, chromaWidth);
        var v = yuv.Slice(layout.LumaBytes + layout.ChromaBytes + cy * chromaWidth, chromaWidth);
        var r0 = planes[..width];
        var g0 = planes.Slice(width, width);
        var b0 = planes.Slice(width * 2, width);
        var r1 = two ? planes.Slice(width * 4, width) : default;
        var g1 = two ? planes.Slice(width * 5, width) : default;
        var b1 = two ? planes.Slice(width * 6, width) : default;
        var cx = 0;
        if (Vectors)
        {
            var scale = Vector256.Create(two ? 0.25f : 0.5f);
            for (; cx * 2 + Lanes * 2 <= width; cx += Lanes)
            {
                var r = PairSums(r0, r1, cx * 2, two) * scale;
                var g = PairSums(g0, g1, cx * 2, two) * scale;
                var b = PairSums(b0, b1, cx * 2, two) * scale;
                StoreBytes8(ref Unsafe.Add(ref MemoryMarshal.GetReference(u), cx), RoundV(Vector256.Create(128f)
                    + (Vector256.Create(-0.1146f) * r - Vector256.Create(0.3854f) * g + Vector256.Create(0.5f) * b) * Vector256.Create(224f / 255f)));
                StoreBytes8(ref Unsafe.Add(ref MemoryMarshal.GetReference(v), cx), RoundV(Vector256.Create(128f)
                    + (Vector256.Create(0.5f) * r - Vector256.Create(0.4542f) * g - Vector256.Create(0.0458f) * b) * Vector256.Create(224f / 255f)));
            }
        }
        for (; cx < chromaWidth; cx++)
        {
            float r = 0, g = 0, b = 0;
            var n = 0;
            for (var dy = 0; dy < (two ? 2 : 1); dy++)
            {
                var rr = dy == 0 ? r0 : r1;
                var gg = dy == 0 ? g0 : g1;
                var bb = dy == 0 ? b0 : b1;
                for (var dx = 0; dx < 2; dx++)
                {
                    var x = cx * 2 + dx;
                    if (x >= width) continue;
                    r += rr[x]; g += gg[x]; b += bb[x];
                    n++;
                }
            }
            var s = 1f / n;
            r *= s; g *= s; b *= s;
            u[cx] = ToByte(KernelMath.Bt709U(r, g, b));
            v[cx] = ToByte(KernelMath.Bt709V(r, g, b));
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void LumaRow(ReadOnlySpan<float> planes, int width, Span<byte> target)
    {
        var r = planes[..width];
        var g = planes.Slice(width, width);
        var b = planes.Slice(width * 2, width);
        var x = 0;
        if (Vectors)
        {
            for (; x + Lanes <= width; x += Lanes)
            {
                var l = Vector256.Create(0.2126f) * Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(r), (nuint)x)
                    + Vector256.Create(0.7152f) * Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(g), (nuint)x)
                    + Vector256.Create(0.0722f) * Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(b), (nuint)x);
                StoreBytes8(ref Unsafe.Add(ref MemoryMarshal.GetReference(target), x), RoundV(Vector256.Create(16f) + l * Vector256.Create(219f / 255f)));
            }
        }
        for (; x < width; x++)
            target[x] = ToByte(KernelMath.Bt709Y(r[x], g[x], b[x]));
    }

    /// <summary>
    /// Sums of horizontal pairs of 16 values from x (and of the row below when <paramref name="two"/>): lane i is
    /// p[x + 2i] + p[x + 2i + 1] (+ the same below). The values are integers, so every order of the sums is exact.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> PairSums(ReadOnlySpan<float> row0, ReadOnlySpan<float> row1, int x, bool two)
    {
        var lo = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(row0), (nuint)x);
        var hi = Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(row0), (nuint)(x + Lanes));
        if (two)
        {
            lo += Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(row1), (nuint)x);
            hi += Vector256.LoadUnsafe(ref MemoryMarshal.GetReference(row1), (nuint)(x + Lanes));
        }
        // hadd gives [lo01 lo23 hi01 hi23 | lo45 lo67 hi45 hi67]; the permute puts the 64-bit pairs in order.
        return Avx2.Permute4x64(Avx.HorizontalAdd(lo, hi).AsDouble(), 0b11_01_10_00).AsSingle();
    }
}
