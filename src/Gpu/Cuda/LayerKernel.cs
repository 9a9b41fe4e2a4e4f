using System.Collections.Concurrent;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// The fused composite kernels of one plan shape (<see cref="LayerShape"/> per layer), generated as CUDA C and compiled once by
/// NVRTC (the runtime caches it by <see cref="KernelSource.Name"/>, which carries a hash of the shape). Two entry points, each with
/// the same eight parameters however many layers there are:
/// <list type="bullet">
/// <item><c>sc_layers_&lt;hash&gt;(uchar4* canvas, int cw, int ch, int bgR, int bgG, int bgB, int bgA, const sc_layer_values* layers)</c>:
/// one thread per canvas pixel, the background (premultiplied bytes) then every layer, written once.</item>
/// <item><c>sc_layers_yuv_&lt;hash&gt;(unsigned char* yuv, int cw, int ch, int bgR, int bgG, int bgB, int bgA, const sc_layer_values* layers)</c>:
/// one thread per 2×2 block, writing its Y and its U and V (I420, as yuv420.cu) with no RGBA canvas in memory.</item>
/// </list>
/// <c>layers</c> is a device array of <see cref="LayerValues"/>, one per layer of the shape, uploaded per frame: only the shape is in
/// the source (as constants the compiler folds), so an animated plan of one shape reuses one kernel, and a composite of hundreds of
/// layers compiles within NVRTC's 4 KB of kernel parameters. A run of layers of one shape is one loop. The per-layer math is layers.cuh's.
/// </summary>
public sealed class LayerKernel
{
    /// <summary>Every entry point's parameter count: the output, its size, the background's four bytes and the layer values.</summary>
    public const int ArgumentCount = 8;

    private static readonly ConcurrentDictionary<string, LayerKernel> Cache = new(StringComparer.Ordinal);
    private static readonly ConcurrentDictionary<string, LayerKernel>.AlternateLookup<ReadOnlySpan<char>> CacheBySpan =
        Cache.GetAlternateLookup<ReadOnlySpan<char>>();

    private LayerKernel(IReadOnlyList<LayerShape> shape, KernelSource source, string entryPoint, string yuvEntryPoint)
    {
        Shape = shape;
        Source = source;
        EntryPoint = entryPoint;
        YuvEntryPoint = yuvEntryPoint;
    }

    public IReadOnlyList<LayerShape> Shape { get; }

    public KernelSource Source { get; }

    /// <summary>The RGBA entry point.</summary>
    public string EntryPoint { get; }

    /// <summary>The I420 entry point.</summary>
    public string YuvEntryPoint { get; }

    /// <summary>The kernels of <paramref name="shape"/> (generated once per distinct shape in this process).</summary>
    public static LayerKernel For(IReadOnlyList<LayerShape> shape)
    {
        ArgumentNullException.ThrowIfNull(shape);
        var key = string.Join("|", shape);
        return Cache.GetOrAdd(key, _ => Generate([.. shape], key));
    }

    /// <summary>
    /// The kernels of <paramref name="shape"/>, found without allocating once generated: the cache key is written into
    /// <paramref name="scratch"/> (at least <see cref="KeyLength"/> characters).
    /// </summary>
    internal static LayerKernel For(ReadOnlySpan<LayerShape> shape, Span<char> scratch)
    {
        var length = 0;
        for (var i = 0; i < shape.Length; i++)
        {
            if (i > 0)
                scratch[length++] = '|';
            var s = shape[i];
            if (!((int)s.Mode).TryFormat(scratch[length..], out var written, default, CultureInfo.InvariantCulture))
                throw new ArgumentException("The shape's key does not fit its scratch.", nameof(scratch));
            length += written;
            if (s.HasMask)
                scratch[length++] = 'm';
            if (s.HasFade)
                scratch[length++] = 'f';
        }
        var key = scratch[..length];
        return CacheBySpan.TryGetValue(key, out var kernel) ? kernel : For(shape.ToArray());
    }

    /// <summary>The most characters the key of a shape of <paramref name="layers"/> layers takes (see <see cref="LayerShape.ToString"/>).</summary>
    internal static int KeyLength(int layers) => layers * 14;

    private static LayerKernel Generate(LayerShape[] shape, string key)
    {
        foreach (var s in shape)
            if (!Enum.IsDefined(s.Mode))
                throw new ArgumentException($"There is no blend mode {(int)s.Mode}.", nameof(shape));
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes("layers:" + key)))[..16];
        var name = $"layers_{hash}";
        var entry = $"sc_layers_{hash}";
        var yuvEntry = $"sc_layers_yuv_{hash}";

        var calls = new StringBuilder();
        for (var start = 0; start < shape.Length;)
        {
            var s = shape[start];
            var end = start + 1;
            while (end < shape.Length && shape[end] == s)
                end++;
            var constants = $"{(s.HasMask ? 1 : 0)}, {(int)s.Mode}, {(s.HasFade ? 1 : 0)}";
            if (end - start == 1)
                calls.Append($"    sc_layer_of(r, g, b, a, x, y, layers[{start}], {constants}); // layer {start}: {s}\n");
            else
                calls.Append($"    for (int i = {start}; i < {end}; i++) // layers {start} to {end - 1}: {s}\n        sc_layer_of(r, g, b, a, x, y, layers[i], {constants});\n");
            start = end;
        }

        var text = $$"""
            // Generated by LayerKernel for the plan shape "{{key}}" (per layer: blend mode, m = mask, f = fade). Twin: CpuKernels.Fused.cs.
            #include "common.cuh"
            #include "layers.cuh"

            // Canvas pixel (x, y): the background, then every layer in order.
            __device__ __forceinline__ void sc_compose_{{hash}}(float& r, float& g, float& b, float& a, int x, int y, int bgR, int bgG, int bgB, int bgA,
                const sc_layer_values* __restrict__ layers)
            {
                (void)x; (void)y; (void)layers; // unused when there are no layers
                r = (float)bgR;
                g = (float)bgG;
                b = (float)bgB;
                a = (float)bgA;
            {{calls}}}

            extern "C" __global__ void {{entry}}(uchar4* canvas, int cw, int ch, int bgR, int bgG, int bgB, int bgA, const sc_layer_values* layers)
            {
                const int x = sc_x();
                const int y = sc_y();
                if (x >= cw || y >= ch)
                    return;
                float r, g, b, a;
                sc_compose_{{hash}}(r, g, b, a, x, y, bgR, bgG, bgB, bgA, layers);
                canvas[y * cw + x] = make_uchar4((unsigned char)r, (unsigned char)g, (unsigned char)b, (unsigned char)a);
            }

            // One thread per chroma sample: the Y of its 2x2 block (clipped at odd edges) and the block's averaged U and V.
            extern "C" __global__ void {{yuvEntry}}(unsigned char* yuv, int cw, int ch, int bgR, int bgG, int bgB, int bgA, const sc_layer_values* layers)
            {
                const int cx = sc_x();
                const int cy = sc_y();
                if (cx >= (cw + 1) / 2 || cy >= (ch + 1) / 2)
                    return;
                float sr = 0.0f, sg = 0.0f, sb = 0.0f;
                int n = 0;
                for (int dy = 0; dy < 2; dy++)
                {
                    const int y = cy * 2 + dy;
                    if (y >= ch)
                        continue;
                    for (int dx = 0; dx < 2; dx++)
                    {
                        const int x = cx * 2 + dx;
                        if (x >= cw)
                            continue;
                        float r, g, b, a;
                        sc_compose_{{hash}}(r, g, b, a, x, y, bgR, bgG, bgB, bgA, layers);
                        yuv[y * cw + x] = sc_luma(r, g, b);
                        sr += r;
                        sg += g;
                        sb += b;
                        n++;
                    }
                }
                sc_chroma(yuv, cw, ch, cx, cy, sr, sg, sb, n);
            }

            """;
        return new LayerKernel(shape, new KernelSource(name, $"{name}.cu", text), entry, yuvEntry);
    }
}
