using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace ScriptComposer.Gpu.Cpu;

/// <summary>
/// The 8-pixel (AVX2) forms of the twins' per-pixel math. Each helper performs the scalar code's float operations in the
/// same order (IEEE single precision in both, no FMA), so a vector lane gives the same bits as the scalar twin and the
/// CUDA kernel; <c>ToByte</c>'s add 0.5, clamp, truncate is <see cref="RoundV"/> (floor = truncation on values ≥ 0).
/// Pixels travel as four float vectors (R, G, B, A of 8 pixels) holding byte values.
/// </summary>
internal static partial class CpuKernels
{
    private const int Lanes = 8;

    private static readonly AsyncLocal<bool> ForceScalar = new();

    /// <summary>Whether the vector paths run: AVX2 is present and the caller's flow is not inside <see cref="ScalarOnly"/>.</summary>
    private static bool Vectors => Avx2.IsSupported && !ForceScalar.Value;

    /// <summary>
    /// Until disposed, kernels called from this flow (and their parallel workers) take the scalar paths, which otherwise only
    /// handle row tails: the tests check that both give the same bytes.
    /// </summary>
    internal static IDisposable ScalarOnly()
    {
        var before = ForceScalar.Value;
        ForceScalar.Value = true;
        return new Restore(before);
    }

    private sealed class Restore(bool before) : IDisposable
    {
        public void Dispose() => ForceScalar.Value = before;
    }

    /// <summary>ToByte's value as a float: add 0.5, clamp to [0, 255], truncate (the value stays a float holding an integer).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static float RoundF(float value) => MathF.Floor(Math.Clamp(value + 0.5f, 0f, 255f));

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> RoundV(Vector256<float> value) =>
        Avx.Floor(Avx.Min(Avx.Max(value + Vector256.Create(0.5f), Vector256<float>.Zero), Vector256.Create(255f)));

    /// <summary>8 RGBA8 pixels at <paramref name="pixels"/> as four float vectors.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Load8(ref byte pixels, out Vector256<float> r, out Vector256<float> g, out Vector256<float> b, out Vector256<float> a)
    {
        var v = Unsafe.ReadUnaligned<Vector256<int>>(ref pixels);
        var low = Vector256.Create(0xFF);
        r = Avx.ConvertToVector256Single(v & low);
        g = Avx.ConvertToVector256Single(Avx2.ShiftRightLogical(v, 8) & low);
        b = Avx.ConvertToVector256Single(Avx2.ShiftRightLogical(v, 16) & low);
        a = Avx.ConvertToVector256Single(Avx2.ShiftRightLogical(v, 24));
    }

    /// <summary>The luminance of 8 mask pixels, as <see cref="Luminance"/> (alpha ignored).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector256<float> Luminance8(ref byte pixels)
    {
        var v = Unsafe.ReadUnaligned<Vector256<int>>(ref pixels);
        var low = Vector256.Create(0xFF);
        var r = Avx.ConvertToVector256Single(v & low);
        var g = Avx.ConvertToVector256Single(Avx2.ShiftRightLogical(v, 8) & low);
        var b = Avx.ConvertToVector256Single(Avx2.ShiftRightLogical(v, 16) & low);
        return Vector256.Create(0.299f) * r + Vector256.Create(0.587f) * g + Vector256.Create(0.114f) * b;
    }

    /// <summary>Stores four float vectors holding integers in [0, 255] as 8 RGBA8 pixels.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store8(ref byte pixels, Vector256<float> r, Vector256<float> g, Vector256<float> b, Vector256<float> a)
    {
        var v = Avx.ConvertToVector256Int32WithTruncation(r)
            | Avx2.ShiftLeftLogical(Avx.ConvertToVector256Int32WithTruncation(g), 8)
            | Avx2.ShiftLeftLogical(Avx.ConvertToVector256Int32WithTruncation(b), 16)
            | Avx2.ShiftLeftLogical(Avx.ConvertToVector256Int32WithTruncation(a), 24);
        Unsafe.WriteUnaligned(ref pixels, v);
    }

    /// <summary>Stores 8 floats holding integers in [0, 255] as 8 bytes.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void StoreBytes8(ref byte target, Vector256<float> values)
    {
        var i = Avx.ConvertToVector256Int32WithTruncation(values);
        var shorts = Sse2.PackSignedSaturate(i.GetLower(), i.GetUpper());
        var bytes = Sse2.PackUnsignedSaturate(shorts, shorts);
        Unsafe.WriteUnaligned(ref target, bytes.AsUInt64().ToScalar());
    }

    /// <summary>"Over" of one pixel (the body of <see cref="Composite"/>): d = round(s·m + d·(1 − s.a·m/255)), alpha round(s.a·m + d.a·keep).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OverV(Vector256<float> sr, Vector256<float> sg, Vector256<float> sb, Vector256<float> sa, Vector256<float> m,
        ref Vector256<float> dr, ref Vector256<float> dg, ref Vector256<float> db, ref Vector256<float> da)
    {
        var sam = sa * m;
        var keep = Vector256.Create(1f) - sam * Vector256.Create(1f / 255f);
        dr = RoundV(sr * m + dr * keep);
        dg = RoundV(sg * m + dg * keep);
        db = RoundV(sb * m + db * keep);
        da = RoundV(sam + da * keep);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void OverF(float sr, float sg, float sb, float sa, float m, ref float dr, ref float dg, ref float db, ref float da)
    {
        var sam = sa * m;
        var keep = 1f - sam * (1f / 255f);
        dr = RoundF(sr * m + dr * keep);
        dg = RoundF(sg * m + dg * keep);
        db = RoundF(sb * m + db * keep);
        da = RoundF(sam + da * keep);
    }

    /// <summary>The body of <see cref="Fade"/>: c = round(c·keep + color·amount/255·a), alpha kept.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FadeV(in FadeConstants f, ref Vector256<float> r, ref Vector256<float> g, ref Vector256<float> b, Vector256<float> a)
    {
        var keep = Vector256.Create(f.Keep);
        r = RoundV(r * keep + Vector256.Create(f.R) * a);
        g = RoundV(g * keep + Vector256.Create(f.G) * a);
        b = RoundV(b * keep + Vector256.Create(f.B) * a);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void FadeF(in FadeConstants f, ref float r, ref float g, ref float b, float a)
    {
        r = RoundF(r * f.Keep + f.R * a);
        g = RoundF(g * f.Keep + f.G * a);
        b = RoundF(b * f.Keep + f.B * a);
    }
}
