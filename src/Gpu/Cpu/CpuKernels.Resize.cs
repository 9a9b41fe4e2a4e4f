using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ScriptComposer.Gpu.Cpu;

/// <summary>
/// The AVX2 paths of <see cref="Resize"/> and <see cref="ResampleAxis"/>. What depends on the column only (source indices,
/// weights) or on the row only is computed once per call with the scalar code's own expressions; 8 output pixels then go
/// through the scalar code's float operations in the same order, so the bytes are the scalar twin's. Source pixels are
/// fetched with gathers; a last partial group is computed in full (padded columns read pixel 0 with weight 0) and only its
/// real pixels are copied out.
/// </summary>
internal static partial class CpuKernels
{
    /// <summary>
    /// Bilinear resize, 8 columns at a time. Each source row's horizontal interpolation (the scalar code's top and bottom)
    /// depends on the source row and the column only, so a chunk of rows keeps the last two it computed: an upscale then
    /// does the horizontal work once per source row instead of twice per output row.
    /// </summary>
    private static void ResizeVector(byte[] source, int sw, int sh, byte[] target, int tw, int th)
    {
        var scaleX = (float)sw / tw;
        var scaleY = (float)sh / th;
        var groups = (tw + Lanes - 1) / Lanes;
        var x1s = new int[groups * Lanes];
        var x2s = new int[groups * Lanes];
        var wxs = new float[groups * Lanes];
        for (var x = 0; x < tw; x++)
        {
            var fx = Math.Clamp((x + 0.5f) * scaleX - 0.5f, 0f, sw - 1);
            var x1 = (int)fx;
            x1s[x] = x1;
            x2s[x] = Math.Min(x1 + 1, sw - 1);
            wxs[x] = fx - x1;
        }
        ForRowChunks(th, tw, (start, end) =>
        {
            var rowFloats = groups * Lanes * 4;
            var buffer = ArrayPool<float>.Shared.Rent(rowFloats * 2);
            try
            {
                Span<int> held = [-1, -1];
                for (var y = start; y < end; y++)
                {
                    var fy = Math.Clamp((y + 0.5f) * scaleY - 0.5f, 0f, sh - 1);
                    var y1 = (int)fy;
                    var y2 = Math.Min(y1 + 1, sh - 1);
                    var wy = fy - y1;
                    var top = HeldRow(held, y1, y2, source, sw, x1s, x2s, wxs, buffer, rowFloats);
                    var bottom = HeldRow(held, y2, y1, source, sw, x1s, x2s, wxs, buffer, rowFloats);
                    ResizeVerticalRow(buffer.AsSpan(top * rowFloats, rowFloats), buffer.AsSpan(bottom * rowFloats, rowFloats), wy,
                        target.AsSpan(y * tw * 4, tw * 4), tw);
                }
            }
            finally
            {
                ArrayPool<float>.Shared.Return(buffer);
            }
        });
    }

    /// <summary>The slot (0 or 1) holding source row <paramref name="row"/>'s horizontal pass, computing it if neither does (never evicting <paramref name="keep"/>).</summary>
    private static int HeldRow(Span<int> held, int row, int keep, byte[] source, int sw, int[] x1s, int[] x2s, float[] wxs, float[] buffer, int rowFloats)
    {
        if (held[0] == row)
            return 0;
        if (held[1] == row)
            return 1;
        var slot = held[0] == keep ? 1 : 0;
        ResizeHorizontalRow(source.AsSpan(row * sw * 4, sw * 4), x1s, x2s, wxs, buffer.AsSpan(slot * rowFloats, rowFloats));
        held[slot] = row;
        return slot;
    }

    /// <summary>
    /// p1 + (p2 − p1)·wx for every column and channel of one source row, as floats: per group of 8 columns, R, G, B, A
    /// vectors of 8.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ResizeHorizontalRow(ReadOnlySpan<byte> row, int[] x1s, int[] x2s, float[] wxs, Span<float> output)
    {
        var low = Vector256.Create(0xFF);
        fixed (byte* pixels = row)
        fixed (int* i1 = x1s, i2 = x2s)
        fixed (float* w = wxs, o = output)
        {
            var p = (int*)pixels;
            for (var x = 0; x < x1s.Length; x += Lanes)
            {
                var v1 = Avx2.GatherVector256(p, Avx.LoadVector256(i1 + x), 4);
                var v2 = Avx2.GatherVector256(p, Avx.LoadVector256(i2 + x), 4);
                var wx = Avx.LoadVector256(w + x);
                var at = o + x * 4;
                Avx.Store(at, Lerp(v1 & low, v2 & low, wx));
                Avx.Store(at + Lanes, Lerp(Avx2.ShiftRightLogical(v1, 8) & low, Avx2.ShiftRightLogical(v2, 8) & low, wx));
                Avx.Store(at + 2 * Lanes, Lerp(Avx2.ShiftRightLogical(v1, 16) & low, Avx2.ShiftRightLogical(v2, 16) & low, wx));
                Avx.Store(at + 3 * Lanes, Lerp(Avx2.ShiftRightLogical(v1, 24), Avx2.ShiftRightLogical(v2, 24), wx));
            }
        }
    }

    /// <summary>p1 + (p2 − p1)·w with the difference taken in integers, as <see cref="Bilinear"/> does.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Lerp(Vector256<int> p1, Vector256<int> p2, Vector256<float> w) =>
        Avx.ConvertToVector256Single(p1) + Avx.ConvertToVector256Single(p2 - p1) * w;

    /// <summary>ToByte(top + (bottom − top)·wy) of every pixel of an output row, from two rows of <see cref="ResizeHorizontalRow"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ResizeVerticalRow(ReadOnlySpan<float> top, ReadOnlySpan<float> bottom, float wy, Span<byte> row, int tw)
    {
        ref var t = ref MemoryMarshal.GetReference(top);
        ref var b = ref MemoryMarshal.GetReference(bottom);
        ref var o = ref MemoryMarshal.GetReference(row);
        var w = Vector256.Create(wy);
        Span<byte> tail = stackalloc byte[Lanes * 4];
        for (var x = 0; x < tw; x += Lanes)
        {
            var at = x * 4;
            var r = Mix(ref Unsafe.Add(ref t, at), ref Unsafe.Add(ref b, at), w);
            var g = Mix(ref Unsafe.Add(ref t, at + Lanes), ref Unsafe.Add(ref b, at + Lanes), w);
            var bl = Mix(ref Unsafe.Add(ref t, at + 2 * Lanes), ref Unsafe.Add(ref b, at + 2 * Lanes), w);
            var a = Mix(ref Unsafe.Add(ref t, at + 3 * Lanes), ref Unsafe.Add(ref b, at + 3 * Lanes), w);
            if (x + Lanes <= tw)
            {
                Store8(ref Unsafe.Add(ref o, at), r, g, bl, a);
            }
            else
            {
                Store8(ref MemoryMarshal.GetReference(tail), r, g, bl, a);
                tail[..((tw - x) * 4)].CopyTo(row[at..]);
            }
        }

        static Vector256<float> Mix(ref float top, ref float bottom, Vector256<float> wy)
        {
            var t = Vector256.LoadUnsafe(ref top);
            return RoundV(t + (Vector256.LoadUnsafe(ref bottom) - t) * wy);
        }
    }

    /// <summary>
    /// Each output position's taps along one axis, as <see cref="ResampleAxis"/> computes them: the clamped source index and
    /// the weight of tap t of position o at [o·Taps + t] (positions with fewer taps, and <paramref name="padded"/> positions
    /// past the end, get weight 0 at index 0, which adds +0 to a sum that is never −0), and the sum of the real weights in
    /// tap order.
    /// </summary>
    private static (int Taps, int[] Index, float[] Weight, float[] Sum) ResampleTaps(int inSize, int outSize, int filter, int padded)
    {
        var scale = (float)inSize / outSize;
        var widen = MathF.Max(scale, 1f);
        var support = (filter == 1 ? 2f : 3f) * widen;
        var taps = 1;
        for (var o = 0; o < outSize; o++)
        {
            var center = (o + 0.5f) * scale - 0.5f;
            taps = Math.Max(taps, (int)MathF.Floor(center + support) - ((int)MathF.Floor(center - support) + 1) + 1);
        }
        var index = new int[padded * taps];
        var weight = new float[padded * taps];
        var sums = new float[padded];
        sums.AsSpan().Fill(1f);
        for (var o = 0; o < outSize; o++)
        {
            var center = (o + 0.5f) * scale - 0.5f;
            var first = (int)MathF.Floor(center - support) + 1;
            var last = (int)MathF.Floor(center + support);
            var sum = 0f;
            for (var j = first; j <= last; j++)
            {
                var w = ResampleWeight(filter, (j - center) / widen);
                index[o * taps + j - first] = Math.Min(Math.Max(j, 0), inSize - 1);
                weight[o * taps + j - first] = w;
                sum += w;
            }
            sums[o] = sum;
        }
        return (taps, index, weight, sums);
    }

    /// <summary>The horizontal pass of <see cref="ResampleAxis"/>: 8 columns at a time, each tap a gather.</summary>
    private static void ResampleHorizontalVector(byte[] source, int sw, byte[] target, int tw, int th, int filter)
    {
        var groups = (tw + Lanes - 1) / Lanes;
        var (taps, index, weight, sums) = ResampleTaps(sw, tw, filter, groups * Lanes);
        // Lane-major per group: tap t of the 8 columns of group g at [(g·taps + t)·8].
        var laneIndex = new int[index.Length];
        var laneWeight = new float[weight.Length];
        for (var g = 0; g < groups; g++)
            for (var t = 0; t < taps; t++)
                for (var lane = 0; lane < Lanes; lane++)
                {
                    laneIndex[(g * taps + t) * Lanes + lane] = index[(g * Lanes + lane) * taps + t];
                    laneWeight[(g * taps + t) * Lanes + lane] = weight[(g * Lanes + lane) * taps + t];
                }
        ForRows(th, tw * taps / 4 + 1, y => ResampleHorizontalRow(source.AsSpan(y * sw * 4, sw * 4), target.AsSpan(y * tw * 4, tw * 4), tw, taps, laneIndex, laneWeight, sums));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static unsafe void ResampleHorizontalRow(ReadOnlySpan<byte> row, Span<byte> output, int tw, int taps, int[] laneIndex, float[] laneWeight, float[] sums)
    {
        var low = Vector256.Create(0xFF);
        Span<byte> tail = stackalloc byte[Lanes * 4];
        fixed (byte* pixels = row)
        fixed (int* indices = laneIndex)
        fixed (float* weights = laneWeight, sum = sums)
        {
            var p = (int*)pixels;
            for (var x = 0; x < tw; x += Lanes)
            {
                Vector256<float> r = Vector256<float>.Zero, g = r, b = r, a = r;
                var at = x * taps;
                for (var t = 0; t < taps; t++, at += Lanes)
                {
                    var v = Avx2.GatherVector256(p, Avx.LoadVector256(indices + at), 4);
                    var w = Avx.LoadVector256(weights + at);
                    r += w * Avx.ConvertToVector256Single(v & low);
                    g += w * Avx.ConvertToVector256Single(Avx2.ShiftRightLogical(v, 8) & low);
                    b += w * Avx.ConvertToVector256Single(Avx2.ShiftRightLogical(v, 16) & low);
                    a += w * Avx.ConvertToVector256Single(Avx2.ShiftRightLogical(v, 24));
                }
                StoreLimited(output, x, tw, tail, r, g, b, a, Avx.LoadVector256(sum + x));
            }
        }
    }

    /// <summary>The vertical pass of <see cref="ResampleAxis"/>: every column of a row shares its taps, so 8 columns are 8 contiguous pixels.</summary>
    private static void ResampleVerticalVector(byte[] source, int sw, int sh, byte[] target, int tw, int th, int filter)
    {
        var (taps, index, weight, sums) = ResampleTaps(sh, th, filter, th);
        ForRows(th, tw * taps / 4 + 1, y => ResampleVerticalRow(source, sw, target.AsSpan(y * tw * 4, tw * 4), tw,
            index.AsSpan(y * taps, taps), weight.AsSpan(y * taps, taps), sums[y]));
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void ResampleVerticalRow(byte[] source, int sw, Span<byte> output, int tw, ReadOnlySpan<int> index, ReadOnlySpan<float> weight, float sum)
    {
        Span<byte> tail = stackalloc byte[Lanes * 4];
        var sumV = Vector256.Create(sum);
        var x = 0;
        for (; x < tw; x += Lanes)
        {
            Vector256<float> r = Vector256<float>.Zero, g = r, b = r, a = r;
            var count = Math.Min(Lanes, tw - x);
            for (var t = 0; t < index.Length; t++)
            {
                var w = Vector256.Create(weight[t]);
                Vector256<float> pr, pg, pb, pa;
                if (count == Lanes)
                {
                    Load8(ref source[(index[t] * sw + x) * 4], out pr, out pg, out pb, out pa);
                }
                else
                {
                    tail.Clear();
                    source.AsSpan((index[t] * sw + x) * 4, count * 4).CopyTo(tail);
                    Load8(ref MemoryMarshal.GetReference(tail), out pr, out pg, out pb, out pa);
                }
                r += w * pr;
                g += w * pg;
                b += w * pb;
                a += w * pa;
            }
            StoreLimited(output, x, tw, tail, r, g, b, a, sumV);
        }
    }

    /// <summary><see cref="WriteLimited"/> of 8 pixels from x (fewer at the row's end), each channel divided by its sum.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreLimited(Span<byte> output, int x, int tw, Span<byte> tail,
        Vector256<float> r, Vector256<float> g, Vector256<float> b, Vector256<float> a, Vector256<float> sum)
    {
        var oa = RoundV(a / sum);
        var or = Avx.Min(RoundV(r / sum), oa);
        var og = Avx.Min(RoundV(g / sum), oa);
        var ob = Avx.Min(RoundV(b / sum), oa);
        if (x + Lanes <= tw)
        {
            Store8(ref output[x * 4], or, og, ob, oa);
        }
        else
        {
            Store8(ref MemoryMarshal.GetReference(tail), or, og, ob, oa);
            tail[..((tw - x) * 4)].CopyTo(output[(x * 4)..]);
        }
    }
}
