using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ScriptComposer.Gpu.Cpu;

/// <summary>
/// Opaque I420 frames (and RGBA pictures) laid straight into an I420 frame (<see cref="IComputeBackend.MixI420Layers"/>): the twin of
/// <c>Kernels/yuv420_layers.cu</c>. Parallel over chroma rows (each with its two luma rows); per row, the background, then each layer's
/// span in order: a copy when the layer is BT.709 limited, opaque and unfaded, else its conversion, fade and mix in float32 (AVX2, 8
/// samples at a time, the scalar operations in the same order, so the same bytes); an RGBA picture is laid "over" per pixel (luma) and
/// per block (chroma), 8 at a time too where the blocks lie wholly on it.
/// </summary>
internal static partial class CpuKernels
{
    /// <summary>A visible layer as the kernel reads it: its pinned I420 frame (or RGBA picture), size, position and constants.</summary>
    internal readonly record struct PlanarLayer(nint Pixels, int Width, int Height, int X, int Y, CheckedYuv420Layer Plan);

    internal static unsafe void MixI420Layers(Span<byte> yuv, int width, int height, (byte Y, byte U, byte V) background, PlanarLayer[] layers)
    {
        var layout = new Yuv420Layout(width, height);
        fixed (byte* output = yuv)
        {
            var o = (nint)output;
            ForRowChunks(layout.ChromaHeight, 3L * width * Math.Max(1, layers.Length), (start, end) =>
            {
                for (var cy = start; cy < end; cy++)
                    PlanarRows((byte*)o, layout, cy, background, layers);
            });
        }
    }

    /// <summary>Luma rows 2·cy and 2·cy + 1 and chroma row cy of U and V.</summary>
    private static unsafe void PlanarRows(byte* output, Yuv420Layout layout, int cy, (byte Y, byte U, byte V) background, PlanarLayer[] layers)
    {
        for (var k = 0; k < 2; k++)
            PlanarRow(output, layout.Width, cy * 2 + k, background.Y, layers, plane: 0);
        PlanarRow(output + layout.LumaBytes, layout.ChromaWidth, cy, background.U, layers, plane: 1);
        PlanarRow(output + layout.LumaBytes + layout.ChromaBytes, layout.ChromaWidth, cy, background.V, layers, plane: 2);
    }

    /// <summary>Row <paramref name="row"/> of one plane (<paramref name="width"/> samples wide at <paramref name="plane0"/>; plane 0 = Y).</summary>
    private static unsafe void PlanarRow(byte* plane0, int width, int row, byte background, PlanarLayer[] layers, int plane)
    {
        var target = new Span<byte>(plane0 + (long)row * width, width);
        target.Fill(background);
        var shift = plane == 0 ? 0 : 1;
        foreach (var layer in layers)
        {
            if (layer.Plan.IsOverlay)
            {
                if (plane == 0)
                    OverlayLumaRow(layer, row, target);
                else
                    OverlayChromaRow(layer, row, target, plane);
                continue;
            }
            int lw = layer.Width >> shift, lh = layer.Height >> shift, lx = layer.X >> shift, ly = layer.Y >> shift;
            var sourceRow = row - ly;
            if ((uint)sourceRow >= (uint)lh)
                continue;
            var x0 = Math.Max(0, lx);
            var x1 = Math.Min(width, lx + lw);
            if (x0 >= x1)
                continue;
            // The layer's own planes: its chroma row and column for this span (luma rows share theirs with the row below or above).
            var pixels = (byte*)layer.Pixels;
            int cw = layer.Width / 2, ch = layer.Height / 2;
            var chromaRow = plane == 0 ? sourceRow / 2 : sourceRow;
            var chromaColumn = plane == 0 ? (x0 - lx) / 2 : x0 - lx;
            var chromaCount = plane == 0 ? (x1 - x0 + 1) / 2 : x1 - x0;
            var u = new ReadOnlySpan<byte>(pixels + (long)layer.Width * layer.Height + (long)chromaRow * cw + chromaColumn, chromaCount);
            var v = new ReadOnlySpan<byte>(pixels + (long)layer.Width * layer.Height + (long)cw * ch + (long)chromaRow * cw + chromaColumn, chromaCount);
            var p = layer.Plan;
            if (plane == 0)
            {
                var luma = new ReadOnlySpan<byte>(pixels + (long)sourceRow * layer.Width + (x0 - lx), x1 - x0);
                if (p.IsCopy)
                    luma.CopyTo(target[x0..x1]);
                else
                    MixLumaRow(luma, u, v, target[x0..x1], p);
            }
            else if (p.IsCopy)
            {
                (plane == 1 ? u : v).CopyTo(target[x0..x1]);
            }
            else
            {
                var c = p.Conversion;
                var (fromCb, fromCr, fade) = plane == 1 ? (c.CbCb, c.CbCr, p.FadeU) : (c.CrCb, c.CrCr, p.FadeV);
                MixChromaRow(u, v, target[x0..x1], fromCb, fromCr, fade, p);
            }
        }
    }

    /// <summary>
    /// A luma span: s = round(((16 + ky·(Y − iy)) + a·(U − 128)) + b·(V − 128)) with U and V of each sample's block, then
    /// d = round(round(s·keep + fade)·opacity + d·inverse) — sc_yuv420_layer and sc_yuv420_mix. The span starts on a block.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MixLumaRow(ReadOnlySpan<byte> luma, ReadOnlySpan<byte> u, ReadOnlySpan<byte> v, Span<byte> target, in CheckedYuv420Layer p)
    {
        var c = p.Conversion;
        var i = 0;
        if (Vectors)
        {
            ref var y = ref MemoryMarshal.GetReference(luma);
            ref var cb = ref MemoryMarshal.GetReference(u);
            ref var cr = ref MemoryMarshal.GetReference(v);
            ref var d = ref MemoryMarshal.GetReference(target);
            var half = Vector256.Create(128f);
            if (c.IsIdentity)
            {
                // The conversion gives every sample back exactly (1·(Y − 16) + 16 + 0·Cb + 0·Cr): skip its arithmetic.
                for (; i + Lanes <= target.Length; i += Lanes)
                    StoreBytes8(ref Unsafe.Add(ref d, i), Mix(Bytes8(ref Unsafe.Add(ref y, i)), Bytes8(ref Unsafe.Add(ref d, i)), p, p.FadeY));
            }
            for (; i + Lanes <= target.Length; i += Lanes)
            {
                var s = RoundV(Vector256.Create(16f) + Vector256.Create(c.LumaScale) * (Bytes8(ref Unsafe.Add(ref y, i)) - Vector256.Create(c.LumaOffset))
                    + Vector256.Create(c.LumaCb) * (Bytes4Doubled(ref Unsafe.Add(ref cb, i / 2)) - half)
                    + Vector256.Create(c.LumaCr) * (Bytes4Doubled(ref Unsafe.Add(ref cr, i / 2)) - half));
                StoreBytes8(ref Unsafe.Add(ref d, i), Mix(s, Bytes8(ref Unsafe.Add(ref d, i)), p, p.FadeY));
            }
        }
        for (; i < target.Length; i++)
        {
            var s = RoundF(16f + c.LumaScale * (luma[i] - c.LumaOffset) + c.LumaCb * (u[i / 2] - 128f) + c.LumaCr * (v[i / 2] - 128f));
            target[i] = (byte)Mix(s, target[i], p, p.FadeY);
        }
    }

    /// <summary>A chroma span: s = round((128 + fromCb·(U − 128)) + fromCr·(V − 128)), then mixed as <see cref="MixLumaRow"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MixChromaRow(ReadOnlySpan<byte> u, ReadOnlySpan<byte> v, Span<byte> target, float fromCb, float fromCr, float fade, in CheckedYuv420Layer p)
    {
        var i = 0;
        if (Vectors)
        {
            ref var cb = ref MemoryMarshal.GetReference(u);
            ref var cr = ref MemoryMarshal.GetReference(v);
            ref var d = ref MemoryMarshal.GetReference(target);
            var half = Vector256.Create(128f);
            if (p.Conversion.IsIdentity)
            {
                // U' = U (1·Cb + 0·Cr) or V' = V: skip the arithmetic, as MixLumaRow does.
                ref var own = ref fromCb == 1f ? ref cb : ref cr;
                for (; i + Lanes <= target.Length; i += Lanes)
                    StoreBytes8(ref Unsafe.Add(ref d, i), Mix(Bytes8(ref Unsafe.Add(ref own, i)), Bytes8(ref Unsafe.Add(ref d, i)), p, fade));
            }
            for (; i + Lanes <= target.Length; i += Lanes)
            {
                var s = RoundV(half + Vector256.Create(fromCb) * (Bytes8(ref Unsafe.Add(ref cb, i)) - half)
                    + Vector256.Create(fromCr) * (Bytes8(ref Unsafe.Add(ref cr, i)) - half));
                StoreBytes8(ref Unsafe.Add(ref d, i), Mix(s, Bytes8(ref Unsafe.Add(ref d, i)), p, fade));
            }
        }
        for (; i < target.Length; i++)
        {
            var s = RoundF(128f + fromCb * (u[i] - 128f) + fromCr * (v[i] - 128f));
            target[i] = (byte)Mix(s, target[i], p, fade);
        }
    }

    /// <summary>A picture over luma row <paramref name="row"/>: Y = round((16 + L(s)·219/255) + (1 − αs)·(Y − 16)) — sc_yuv420_overlay.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void OverlayLumaRow(in PlanarLayer layer, int row, Span<byte> target)
    {
        var ly = row - layer.Y;
        if ((uint)ly >= (uint)layer.Height)
            return;
        int x0 = Math.Max(0, layer.X), x1 = Math.Min(target.Length, layer.X + layer.Width);
        var o = layer.Plan.Opacity;
        var rgba = (byte*)layer.Pixels + (long)ly * layer.Width * 4;
        var x = x0;
        if (Vectors)
        {
            ref var d = ref MemoryMarshal.GetReference(target);
            var vo = Vector256.Create(o);
            for (; x + Lanes <= x1; x += Lanes)
            {
                Load8(ref rgba[(x - layer.X) * 4], out var r, out var g, out var b, out var a);
                r *= vo;
                g *= vo;
                b *= vo;
                var alpha = a * vo * Vector256.Create(1f / 255f);
                var luma = Vector256.Create(0.2126f) * r + Vector256.Create(0.7152f) * g + Vector256.Create(0.0722f) * b;
                StoreBytes8(ref Unsafe.Add(ref d, x), RoundV(Vector256.Create(16f) + luma * Vector256.Create(219f / 255f)
                    + (Vector256.Create(1f) - alpha) * (Bytes8(ref Unsafe.Add(ref d, x)) - Vector256.Create(16f))));
            }
        }
        for (; x < x1; x++)
        {
            var p = rgba + (x - layer.X) * 4;
            float r = p[0] * o, g = p[1] * o, b = p[2] * o, alpha = p[3] * o * (1f / 255f);
            target[x] = ToByte(KernelMath.Bt709Y(r, g, b) + (1f - alpha) * (target[x] - 16f));
        }
    }

    /// <summary>
    /// A picture over chroma row <paramref name="row"/> of U (plane 1) or V (plane 2): per block, the four pixels' bytes summed (whole
    /// numbers, so in any order; pixels off the picture add nothing), s̄ = Σ·opacity·0.25 and ᾱs = Σa·opacity·(1/255)·0.25, then
    /// U = round((128 + Cb(s̄)·224/255) + (1 − ᾱs)·(U − 128)) — sc_yuv420_overlay. Blocks wholly on the picture go 8 at a time.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void OverlayChromaRow(in PlanarLayer layer, int row, Span<byte> target, int plane)
    {
        var top = row * 2 - layer.Y;
        if (top + 1 < 0 || top >= layer.Height)
            return;
        int c0 = Math.Max(0, layer.X) / 2, c1 = Math.Min(target.Length, (layer.X + layer.Width + 1) / 2);
        // Blocks whose four pixels are all on the picture: columns from ⌈X/2⌉ to ⌊(X + W − 2)/2⌋, when both rows are.
        var bothRows = top >= 0 && top + 1 < layer.Height;
        int inside0 = Math.Max(c0, (layer.X + 1) >> 1), inside1 = bothRows ? Math.Min(c1, ((layer.X + layer.Width - 2) >> 1) + 1) : c0;
        var o = layer.Plan.Opacity;
        var rgba = (byte*)layer.Pixels;
        var cx = c0;
        for (; cx < c1 && (cx < inside0 || !Vectors); cx++)
            OverlayChroma(layer, rgba, top, cx, o, target, plane);
        if (Vectors)
        {
            ref var d = ref MemoryMarshal.GetReference(target);
            for (; cx + Lanes <= inside1; cx += Lanes)
            {
                ref var row0 = ref rgba[((long)top * layer.Width + cx * 2 - layer.X) * 4];
                ref var row1 = ref rgba[((long)(top + 1) * layer.Width + cx * 2 - layer.X) * 4];
                Load8(ref row0, out var r0, out var g0, out var b0, out var a0);
                Load8(ref Unsafe.Add(ref row0, Lanes * 4), out var r1, out var g1, out var b1, out var a1);
                Load8(ref row1, out var r2, out var g2, out var b2, out var a2);
                Load8(ref Unsafe.Add(ref row1, Lanes * 4), out var r3, out var g3, out var b3, out var a3);
                var r = BlockSums(r0 + r2, r1 + r3) * Vector256.Create(o) * Vector256.Create(0.25f);
                var g = BlockSums(g0 + g2, g1 + g3) * Vector256.Create(o) * Vector256.Create(0.25f);
                var b = BlockSums(b0 + b2, b1 + b3) * Vector256.Create(o) * Vector256.Create(0.25f);
                var keep = Vector256.Create(1f) - BlockSums(a0 + a2, a1 + a3) * Vector256.Create(o) * Vector256.Create(1f / 255f) * Vector256.Create(0.25f);
                var chroma = plane == 1
                    ? Vector256.Create(-0.1146f) * r - Vector256.Create(0.3854f) * g + Vector256.Create(0.5f) * b
                    : Vector256.Create(0.5f) * r - Vector256.Create(0.4542f) * g - Vector256.Create(0.0458f) * b;
                StoreBytes8(ref Unsafe.Add(ref d, cx), RoundV(Vector256.Create(128f) + chroma * Vector256.Create(224f / 255f)
                    + keep * (Bytes8(ref Unsafe.Add(ref d, cx)) - Vector256.Create(128f))));
            }
        }
        for (; cx < c1; cx++)
            OverlayChroma(layer, rgba, top, cx, o, target, plane);
    }

    /// <summary>One block of <see cref="OverlayChromaRow"/>.</summary>
    private static unsafe void OverlayChroma(in PlanarLayer layer, byte* rgba, int top, int cx, float o, Span<byte> target, int plane)
    {
        int sr = 0, sg = 0, sb = 0, sa = 0;
        for (var dy = 0; dy < 2; dy++)
        {
            var py = top + dy;
            if ((uint)py >= (uint)layer.Height)
                continue;
            for (var dx = 0; dx < 2; dx++)
            {
                var px = cx * 2 + dx - layer.X;
                if ((uint)px >= (uint)layer.Width)
                    continue;
                var p = rgba + ((long)py * layer.Width + px) * 4;
                sr += p[0];
                sg += p[1];
                sb += p[2];
                sa += p[3];
            }
        }
        float r = sr * o * 0.25f, g = sg * o * 0.25f, b = sb * o * 0.25f, keep = 1f - sa * o * (1f / 255f) * 0.25f;
        target[cx] = ToByte((plane == 1 ? KernelMath.Bt709U(r, g, b) : KernelMath.Bt709V(r, g, b)) + keep * (target[cx] - 128f));
    }

    /// <summary>
    /// Sums of horizontal pairs of 16 values (8 in <paramref name="low"/>, then 8 in <paramref name="high"/>): lane i is values 2i and 2i + 1.
    /// The values are whole numbers, so the sums are exact.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> BlockSums(Vector256<float> low, Vector256<float> high) =>
        Avx2.Permute4x64(Avx.HorizontalAdd(low, high).AsDouble(), 0b11_01_10_00).AsSingle();

    /// <summary>round(round(s·keep + fade)·opacity + d·inverse), s and d already whole — sc_yuv420_mix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static float Mix(float s, float d, in CheckedYuv420Layer p, float fade) => RoundF(RoundF(s * p.Keep + fade) * p.Opacity + d * p.Inverse);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Mix(Vector256<float> s, Vector256<float> d, in CheckedYuv420Layer p, float fade) =>
        RoundV(RoundV(s * Vector256.Create(p.Keep) + Vector256.Create(fade)) * Vector256.Create(p.Opacity) + d * Vector256.Create(p.Inverse));

    /// <summary>4 bytes as 8 floats, each twice: [b0, b0, b1, b1, b2, b2, b3, b3] (a block's chroma for its two luma columns).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Bytes4Doubled(ref byte source)
    {
        var four = Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<uint>(ref source)).AsByte()));
        return Avx2.PermuteVar8x32(four, Vector256.Create(0, 0, 1, 1, 2, 2, 3, 3));
    }
}
