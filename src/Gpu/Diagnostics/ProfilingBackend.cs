using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace ScriptComposer.Gpu.Diagnostics;

/// <summary>
/// A backend that times every operation of another (<c>sc render --profile</c>): per kind of operation (a pixel effect by its <see cref="EffectLabels">label</see>,
/// a fused composite by its layer count), how many calls and how long they took. With <c>synchronize</c> each operation waits for the
/// device before its time is taken, so queued GPU work is charged to the operation that queued it (slower, but honest).
/// </summary>
public sealed class ProfilingBackend(IComputeBackend inner, bool synchronize) : IComputeBackend
{
    private readonly Dictionary<string, (long Calls, long Ticks)> _times = [];

    /// <summary>Pixel effects by instance, not by name: two effects of one name (two unnamed ones, say) are two rows.</summary>
    private readonly Dictionary<PixelEffect, (long Calls, long Ticks)> _effects = new(ReferenceEqualityComparer.Instance);

    public string Name => inner.Name;

    public string Device => inner.Device;

    /// <summary>Each operation's calls and total time, the longest first.</summary>
    public IReadOnlyList<(string Operation, long Calls, TimeSpan Total)> Times
    {
        get
        {
            lock (_times)
            {
                var labels = EffectLabels.For(_effects.Keys);
                return [.. _times.Select(t => (t.Key, t.Value.Calls, TimeSpan.FromTicks(t.Value.Ticks)))
                    .Concat(_effects.Select(e => ($"pixel effect {labels[e.Key]}", e.Value.Calls, TimeSpan.FromTicks(e.Value.Ticks))))
                    .OrderByDescending(t => t.Item3)];
            }
        }
    }

    /// <summary>
    /// The table: each operation's calls, total, per call and share of <paramref name="wall"/> (the render's time), then the time
    /// spent off the backend (planning, decoding, waiting for the encoder).
    /// </summary>
    public string Report(TimeSpan wall)
    {
        var text = new StringBuilder(string.Create(CultureInfo.InvariantCulture,
            $"profile on {Name} ({Device}{(synchronize ? "; each operation waited for" : "")}), {wall.TotalSeconds:0.00} s in all:\n"));
        var times = Times;
        // Wide enough for the longest operation (an effect's label says where it was made when its name is shared).
        var width = times.Select(t => t.Operation.Length).Append(40).Max();
        text.Append(string.Create(CultureInfo.InvariantCulture, $"  {"operation".PadRight(width)} {"calls",7} {"total ms",10} {"ms/call",9} {"share",6}\n"));
        var onBackend = TimeSpan.Zero;
        foreach (var (operation, calls, total) in times)
        {
            onBackend += total;
            text.Append(string.Create(CultureInfo.InvariantCulture,
                $"  {operation.PadRight(width)} {calls,7} {total.TotalMilliseconds,10:0.0} {total.TotalMilliseconds / calls,9:0.000} {Share(total, wall),6}\n"));
        }
        var off = wall - onBackend;
        text.Append(string.Create(CultureInfo.InvariantCulture,
            $"  off the backend (planning, decoding, waiting for the encoder): {Math.Max(0, off.TotalMilliseconds):0.0} ms, {Share(off, wall)}"));
        return text.ToString();
    }

    private static string Share(TimeSpan part, TimeSpan wall) =>
        wall > TimeSpan.Zero ? (Math.Max(0, part.TotalSeconds) / wall.TotalSeconds).ToString("0%", CultureInfo.InvariantCulture) : "-";

    private void Time(string operation, Action action)
    {
        var start = Stopwatch.GetTimestamp();
        action();
        Record(operation, start);
    }

    private T Time<T>(string operation, Func<T> function)
    {
        T result = default!;
        Time(operation, () => { result = function(); });
        return result;
    }

    public DeviceImage Allocate(int width, int height) => Time("allocate", () => inner.Allocate(width, height));

    public void Upload(ReadOnlySpan<byte> rgba, DeviceImage target)
    {
        var start = Stopwatch.GetTimestamp();
        inner.Upload(rgba, target);
        Record("upload RGBA", start);
    }

    public void UploadYuv420(ReadOnlySpan<byte> i420, DeviceImage target, YuvMatrix matrix, YuvRange range)
    {
        var start = Stopwatch.GetTimestamp();
        inner.UploadYuv420(i420, target, matrix, range);
        Record("upload I420 and convert to RGBA", start);
    }

    public void Download(DeviceImage source, Span<byte> rgba)
    {
        var start = Stopwatch.GetTimestamp();
        inner.Download(source, rgba);
        Record("download RGBA", start);
    }

    public void Fill(DeviceImage target, Rgba color) => Time("fill", () => inner.Fill(target, color));

    public void Composite(DeviceImage canvas, DeviceImage layer, in CompositeParams parameters)
    {
        var p = parameters;
        Time("composite one layer", () => inner.Composite(canvas, layer, p));
    }

    public void CompositeLayers(DeviceImage canvas, Rgba background, ReadOnlySpan<LayerDraw> layers)
    {
        var start = Stopwatch.GetTimestamp();
        inner.CompositeLayers(canvas, background, layers);
        Record($"composite {layers.Length} layers (fused)", start);
    }

    public void CompositeLayersToI420(int width, int height, Rgba background, ReadOnlySpan<LayerDraw> layers, Span<byte> i420)
    {
        var start = Stopwatch.GetTimestamp();
        inner.CompositeLayersToI420(width, height, background, layers, i420);
        Record($"composite {layers.Length} layers to I420 (fused)", start);
    }

    public void MixI420Layers(int width, int height, Rgba background, ReadOnlySpan<Yuv420Layer> layers, Span<byte> i420)
    {
        var start = Stopwatch.GetTimestamp();
        inner.MixI420Layers(width, height, background, layers, i420);
        Record($"mix {layers.Length} layers in I420", start);
    }

    public void Fade(DeviceImage target, Rgba color, float amount) => Time("fade", () => inner.Fade(target, color, amount));

    public void Gradient(DeviceImage target, in GradientParams parameters)
    {
        var p = parameters;
        Time("gradient", () => inner.Gradient(target, p));
    }

    public void Premultiply(DeviceImage target) => Time("premultiply", () => inner.Premultiply(target));

    public void Unpremultiply(DeviceImage target) => Time("unpremultiply", () => inner.Unpremultiply(target));

    public void Resize(DeviceImage source, DeviceImage target) => Time("resize (bilinear)", () => inner.Resize(source, target));

    public void Resize(DeviceImage source, DeviceImage target, ResizeFilter filter) =>
        Time($"resize ({filter.ToString().ToLowerInvariant()})", () => inner.Resize(source, target, filter));

    public void MirrorX(DeviceImage source, DeviceImage target) => Time("mirror x", () => inner.MirrorX(source, target));

    public void MirrorY(DeviceImage source, DeviceImage target) => Time("mirror y", () => inner.MirrorY(source, target));

    public void Rotate(DeviceImage source, DeviceImage target, float degrees, Rgba background) =>
        Time("rotate", () => inner.Rotate(source, target, degrees, background));

    public void AdjustColors(DeviceImage target, in ColorParams parameters)
    {
        var p = parameters;
        Time("adjust colors", () => inner.AdjustColors(target, p));
    }

    public void GaussianBlur(DeviceImage source, DeviceImage target, float sigma) => Time("gaussian blur", () => inner.GaussianBlur(source, target, sigma));

    public void ChromaKey(DeviceImage target, in ChromaKeyParams parameters)
    {
        var p = parameters;
        Time("chroma key", () => inner.ChromaKey(target, p));
    }

    public void LumContrast(DeviceImage target, float lum, float contrast, float threshold) =>
        Time("lum contrast", () => inner.LumContrast(target, lum, contrast, threshold));

    public void Painting(DeviceImage source, DeviceImage target, float saturation, float black) =>
        Time("painting", () => inner.Painting(source, target, saturation, black));

    public void MinMax(DeviceImage target, DeviceImage other, bool maximum) => Time(maximum ? "mask or" : "mask and", () => inner.MinMax(target, other, maximum));

    public void Average(IReadOnlyList<DeviceImage> sources, DeviceImage target) => Time("average", () => inner.Average(sources, target));

    public void Transition(DeviceImage from, DeviceImage to, DeviceImage target, in TransitionParams parameters)
    {
        var p = parameters;
        Time($"transition ({p.Kind})", () => inner.Transition(from, to, target, p));
    }

    public void ApplyTransitionEffect(DeviceImage from, DeviceImage to, DeviceImage target, TransitionEffect effect, float progress) =>
        Time($"transition effect '{effect.Name}'", () => inner.ApplyTransitionEffect(from, to, target, effect, progress));

    public void ApplyPixelEffect(DeviceImage target, PixelEffect effect, float time)
    {
        var start = Stopwatch.GetTimestamp();
        inner.ApplyPixelEffect(target, effect, time);
        Charge(_effects, effect, start);
    }

    public void ConvertToYuv420(DeviceImage source, Span<byte> i420)
    {
        var start = Stopwatch.GetTimestamp();
        inner.ConvertToYuv420(source, i420);
        Record("convert to I420 and download", start);
    }

    public void Prepare(IEnumerable<IReadOnlyList<LayerShape>> shapes) => Time("prepare fused kernels", () => inner.Prepare(shapes));

    public void Synchronize() => inner.Synchronize();

    public void Dispose() => inner.Dispose();

    /// <summary>Charges the time since <paramref name="start"/> (after the device is done, when synchronizing) to the operation.</summary>
    private void Record(string operation, long start) => Charge(_times, operation, start);

    /// <summary>Adds a call and the time since <paramref name="start"/> (after the device is done, when synchronizing) to <paramref name="key"/>'s row of <paramref name="table"/>.</summary>
    private void Charge<TKey>(Dictionary<TKey, (long Calls, long Ticks)> table, TKey key, long start) where TKey : notnull
    {
        if (synchronize)
            inner.Synchronize();
        var ticks = Stopwatch.GetElapsedTime(start).Ticks;
        lock (_times)
        {
            var (calls, total) = table.GetValueOrDefault(key);
            table[key] = (calls + 1, total + ticks);
        }
    }
}
