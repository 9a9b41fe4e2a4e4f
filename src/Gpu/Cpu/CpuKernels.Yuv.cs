using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ScriptComposer.Gpu.Cpu;

/// <summary>
/// I420 in (<see cref="IComputeBackend.UploadYuv420"/>): the twin of <c>sc_yuv420_to_rgba</c> in <c>Kernels/yuv420_to_rgba.cu</c>.
/// Parallel over pairs of rows (one chroma row each); the AVX2 path converts 8 chroma samples (16 pixels of two rows) at a time
/// with the scalar code's float operations in the same order, and its to-byte step (add 0.5, truncate to int, saturate to
/// 0..255 by packing) gives what <see cref="ToByte"/>'s add 0.5, clamp, truncate gives for every value these sums can take.
/// </summary>
internal static partial class CpuKernels
{
    /// <summary>An I420 frame (exactly <see cref="Yuv420Layout.TotalBytes"/>) to opaque RGBA8 in <paramref name="target"/>.</summary>
    internal static unsafe void Yuv420ToRgba(ReadOnlySpan<byte> i420, byte[] target, int width, int height, in YuvConstants constants)
    {
        var layout = new Yuv420Layout(width, height);
        var k = constants;
        fixed (byte* input = i420)
        {
            var p = (nint)input;
            var length = i420.Length;
            ForRowChunks(layout.ChromaHeight, 2L * width, (start, end) =>
            {
                var yuv = new ReadOnlySpan<byte>((void*)p, length);
                for (var cy = start; cy < end; cy++)
                    YuvRowPairToRgba(yuv, target, width, height, layout, cy, k);
            });
        }
    }

    /// <summary>Rows 2·cy and (when inside the image) 2·cy + 1, from chroma row cy.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void YuvRowPairToRgba(ReadOnlySpan<byte> yuv, Span<byte> rgba, int width, int height, Yuv420Layout layout, int cy, in YuvConstants k)
    {
        var rows = Math.Min(2, height - cy * 2);
        var chromaWidth = layout.ChromaWidth;
        var luma0 = yuv.Slice(cy * 2 * width, width);
        var luma1 = rows == 2 ? yuv.Slice((cy * 2 + 1) * width, width) : luma0;
        var u = yuv.Slice(layout.LumaBytes + cy * chromaWidth, chromaWidth);
        var v = yuv.Slice(layout.LumaBytes + layout.ChromaBytes + cy * chromaWidth, chromaWidth);
        var out0 = rgba.Slice(cy * 2 * width * 4, width * 4);
        var out1 = rows == 2 ? rgba.Slice((cy * 2 + 1) * width * 4, width * 4) : out0;

        var cx = 0;
        if (Vectors)
        {
            var yOffset = Vector256.Create(k.YOffset);
            var yScale = Vector256.Create(k.YScale);
            var cScale = Vector256.Create(k.CScale);
            var low = Vector256.Create(0, 0, 1, 1, 2, 2, 3, 3);
            var high = Vector256.Create(4, 4, 5, 5, 6, 6, 7, 7);
            ref var pu = ref MemoryMarshal.GetReference(u);
            ref var pv = ref MemoryMarshal.GetReference(v);
            for (; cx * 2 + Lanes * 2 <= width; cx += Lanes)
            {
                var cb = (Bytes8(ref Unsafe.Add(ref pu, cx)) - Vector256.Create(128f)) * cScale;
                var cr = (Bytes8(ref Unsafe.Add(ref pv, cx)) - Vector256.Create(128f)) * cScale;
                var rc = Vector256.Create(k.Rv) * cr;
                var gc = Vector256.Create(k.Gu) * cb + Vector256.Create(k.Gv) * cr;
                var bc = Vector256.Create(k.Bu) * cb;
                // Each chroma lane serves two neighbouring pixels: lanes 0..3 spread over pixels 0..7, lanes 4..7 over 8..15.
                var rcLow = Avx2.PermuteVar8x32(rc, low);
                var gcLow = Avx2.PermuteVar8x32(gc, low);
                var bcLow = Avx2.PermuteVar8x32(bc, low);
                var rcHigh = Avx2.PermuteVar8x32(rc, high);
                var gcHigh = Avx2.PermuteVar8x32(gc, high);
                var bcHigh = Avx2.PermuteVar8x32(bc, high);
                var x = cx * 2;
                for (var row = 0; row < rows; row++)
                {
                    ref var luma = ref MemoryMarshal.GetReference(row == 0 ? luma0 : luma1);
                    ref var output = ref MemoryMarshal.GetReference(row == 0 ? out0 : out1);
                    var y = (Bytes8(ref Unsafe.Add(ref luma, x)) - yOffset) * yScale;
                    StoreOpaque8(ref Unsafe.Add(ref output, x * 4), y + rcLow, y - gcLow, y + bcLow);
                    y = (Bytes8(ref Unsafe.Add(ref luma, x + Lanes)) - yOffset) * yScale;
                    StoreOpaque8(ref Unsafe.Add(ref output, (x + Lanes) * 4), y + rcHigh, y - gcHigh, y + bcHigh);
                }
            }
        }
        for (; cx < chromaWidth; cx++)
        {
            var cb = (u[cx] - 128f) * k.CScale;
            var cr = (v[cx] - 128f) * k.CScale;
            var rc = k.Rv * cr;
            var gc = k.Gu * cb + k.Gv * cr;
            var bc = k.Bu * cb;
            for (var row = 0; row < rows; row++)
            {
                var luma = row == 0 ? luma0 : luma1;
                var output = row == 0 ? out0 : out1;
                for (var x = cx * 2; x < Math.Min(cx * 2 + 2, width); x++)
                {
                    var y = (luma[x] - k.YOffset) * k.YScale;
                    output[x * 4] = ToByte(y + rc);
                    output[x * 4 + 1] = ToByte(y - gc);
                    output[x * 4 + 2] = ToByte(y + bc);
                    output[x * 4 + 3] = 255;
                }
            }
        }
    }

    /// <summary>8 bytes as 8 floats.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Bytes8(ref byte source) =>
        Avx.ConvertToVector256Single(Avx2.ConvertToVector256Int32(Vector128.CreateScalarUnsafe(Unsafe.ReadUnaligned<ulong>(ref source)).AsByte()));

    /// <summary>
    /// 8 opaque RGBA8 pixels from unrounded R, G, B: ToByte per channel as truncate(value + 0.5) saturated to 0..255 by the packs
    /// (the same byte as clamp-then-truncate: a sum in (−1, 0) truncates to 0, anything lower packs to 0, anything over 255 to 255;
    /// the sums here stay far inside int range), alpha 255.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreOpaque8(ref byte target, Vector256<float> r, Vector256<float> g, Vector256<float> b)
    {
        var half = Vector256.Create(0.5f);
        var ri = Avx.ConvertToVector256Int32WithTruncation(r + half);
        var gi = Avx.ConvertToVector256Int32WithTruncation(g + half);
        var bi = Avx.ConvertToVector256Int32WithTruncation(b + half);
        // Per 128-bit lane: [r0..r3 g0..g3] and [b0..b3 a0..a3] as 16-bit, then [r0..r3 g0..g3 b0..b3 a0..a3] as bytes.
        var rg = Avx2.PackUnsignedSaturate(ri, gi).AsInt16();
        var ba = Avx2.PackUnsignedSaturate(bi, Vector256.Create(255)).AsInt16();
        var planar = Avx2.PackUnsignedSaturate(rg, ba);
        var interleave = Vector256.Create((byte)0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15, 0, 4, 8, 12, 1, 5, 9, 13, 2, 6, 10, 14, 3, 7, 11, 15);
        Unsafe.WriteUnaligned(ref target, Avx2.Shuffle(planar, interleave));
    }
}
