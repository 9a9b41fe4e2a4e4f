using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace ScriptComposer.Gpu.Cpu;

/// <summary>
/// Opaque I420 pictures laid straight into an I420 frame (<see cref="IComputeBackend.CompositeYuv420Layers"/>): the twin of
/// <c>Kernels/yuv420_layers.cu</c>. Parallel over chroma rows (each with its two luma rows); per row, the background, then each layer's
/// span in order: a copy when the layer is opaque and unfaded, else the mix in float32 (AVX2, 8 samples at a time, the scalar operations
/// in the same order, so the same bytes).
/// </summary>
internal static partial class CpuKernels
{
    /// <summary>A visible layer as the kernel reads it: its pinned I420 frame, size, position (all even) and constants.</summary>
    internal readonly record struct PlanarLayer(nint Pixels, int Width, int Height, int X, int Y, Yuv420LayerPlan Plan);

    internal static unsafe void CompositeYuv420Layers(Span<byte> yuv, int width, int height, (byte Y, byte U, byte V) background, PlanarLayer[] layers)
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

    /// <summary>Row <paramref name="row"/> of one plane (<paramref name="width"/> samples wide at <paramref name="plane"/>, 0 = Y).</summary>
    private static unsafe void PlanarRow(byte* plane0, int width, int row, byte background, PlanarLayer[] layers, int plane)
    {
        var target = new Span<byte>(plane0 + (long)row * width, width);
        target.Fill(background);
        var shift = plane == 0 ? 0 : 1;
        foreach (var layer in layers)
        {
            int lw = layer.Width >> shift, lh = layer.Height >> shift, lx = layer.X >> shift, ly = layer.Y >> shift;
            var sourceRow = row - ly;
            if ((uint)sourceRow >= (uint)lh)
                continue;
            var x0 = Math.Max(0, lx);
            var x1 = Math.Min(width, lx + lw);
            if (x0 >= x1)
                continue;
            var planeOffset = plane == 0 ? 0L : (long)layer.Width * layer.Height + (plane - 1) * (long)lw * lh;
            var source = new ReadOnlySpan<byte>((byte*)layer.Pixels + planeOffset + (long)sourceRow * lw + (x0 - lx), x1 - x0);
            var p = layer.Plan;
            if (p.IsCopy)
                source.CopyTo(target[x0..x1]);
            else
                MixRow(source, target[x0..x1], p.Opacity, p.Inverse, p.Keep, plane switch { 0 => p.FadeY, 1 => p.FadeU, _ => p.FadeV });
        }
    }

    /// <summary>d = round(round(s·keep + fade)·opacity + d·inverse) per sample — sc_yuv420_mix.</summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void MixRow(ReadOnlySpan<byte> source, Span<byte> target, float opacity, float inverse, float keep, float fade)
    {
        var i = 0;
        if (Vectors)
        {
            ref var s = ref MemoryMarshal.GetReference(source);
            ref var d = ref MemoryMarshal.GetReference(target);
            var vOpacity = Vector256.Create(opacity);
            var vInverse = Vector256.Create(inverse);
            var vKeep = Vector256.Create(keep);
            var vFade = Vector256.Create(fade);
            for (; i + Lanes <= target.Length; i += Lanes)
            {
                var faded = RoundV(Bytes8(ref Unsafe.Add(ref s, i)) * vKeep + vFade);
                StoreBytes8(ref Unsafe.Add(ref d, i), RoundV(faded * vOpacity + Bytes8(ref Unsafe.Add(ref d, i)) * vInverse));
            }
        }
        for (; i < target.Length; i++)
        {
            var faded = RoundF(source[i] * keep + fade);
            target[i] = (byte)RoundF(faded * opacity + target[i] * inverse);
        }
    }
}
