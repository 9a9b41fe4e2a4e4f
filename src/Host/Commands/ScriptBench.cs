using System.Collections;
using System.Globalization;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Planning.Nodes;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Transforms;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Gpu.Diagnostics;
using ScriptComposer.Host.Scripting;
using Spectre.Console;

namespace ScriptComposer.Host.Commands;

/// <summary>
/// <c>sc bench SCRIPT [--at T]</c>: times what a script itself defines, at the moment T of a video output, on every backend
/// given: each pixel effect the frame applies (its CUDA body on CUDA, its C# function on the CPU; on a picture of the effect's input
/// size), each fused composite of the frame (its layers placed, faded, masked and blended as at T, their pictures random), and the
/// whole frame to I420 as a render makes it. Each item is warmed up, then timed in repeated samples (<see cref="BenchCommand.Samples"/>):
/// the median, the 10th to 90th percentile, MP/s and GB/s, and, off the CPU, the largest and mean per-channel difference of its
/// pixels from the CPU's.
/// </summary>
public static class ScriptBench
{
    /// <summary>One item on one backend: seconds per run (median, 10th and 90th percentile), its work, its difference from the CPU.</summary>
    public sealed record Row(string Item, string Backend, double Median, double P10, double P90, long Pixels, long Bytes, string Difference)
    {
        /// <summary>Where the script's own code threw, when it did: <c>path(line): error: message</c>, as <c>sc render</c> reports it.</summary>
        public string? ScriptError { get; init; }
    }

    /// <summary>What the script defines at a moment, to be timed: a pixel effect, a fused composite, or the whole frame.</summary>
    private abstract record Item(string Name, long Pixels, long Bytes);

    private sealed record EffectItem(string Name, PixelEffect Effect, int Width, int Height, double Time) : Item(Name, (long)Width * Height, 8L * Width * Height);

    private sealed record CompositeItem(string Name, CompositeNode Node, long Bytes) : Item(Name, (long)Node.Width * Node.Height, Bytes);

    private sealed record FrameItem(string Name, Clip Clip, double Time, int Width, int Height)
        : Item(Name, (long)Width * Height, new Yuv420Layout(Width, Height).TotalBytes);

    /// <summary>
    /// Times every item of <paramref name="clip"/> at <paramref name="time"/> on each backend (the CPU's rows are the reference);
    /// stops with an <see cref="OperationCanceledException"/> between runs once <paramref name="cancellation"/> is cancelled.
    /// </summary>
    public static IReadOnlyList<Row> Run(Clip clip, double time, IReadOnlyList<IComputeBackend> backends, TimeSpan budget, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(clip);
        var items = Items(clip, time);
        var rows = new List<Row>();
        using var reference = new CpuBackend();
        foreach (var item in items)
        {
            byte[]? expected = null;
            string? noReference = null;
            foreach (var backend in backends)
            {
                cancellation.ThrowIfCancellationRequested();
                List<double> samples;
                try
                {
                    samples = Time(item, backend, budget, cancellation);
                }
                catch (Exception e) when (CannotRun(e))
                {
                    // One item that cannot run on one backend (an effect without a C# function on the CPU, say, or whose C# function
                    // throws) does not stop the others. What the script's own code threw is told at its line, as a render tells it.
                    rows.Add(Failed(item, backend, e));
                    continue;
                }
                // The difference from the CPU is apart from the timing: an item the CPU cannot draw (a GPU-only effect) keeps its time.
                var difference = "";
                if (backend.Name != "cpu")
                {
                    if (expected is null && noReference is null)
                    {
                        try
                        {
                            expected = Pixels(item, reference);
                        }
                        catch (Exception e) when (CannotRun(e))
                        {
                            noReference = $"n/a: no CPU reference to compare with ({Reason(e)})";
                        }
                    }
                    if (expected is null)
                    {
                        difference = noReference!;
                    }
                    else
                    {
                        try
                        {
                            difference = Difference(expected, Pixels(item, backend), item is FrameItem or CompositeItem ? 1 : 4);
                        }
                        catch (Exception e) when (CannotRun(e))
                        {
                            difference = $"n/a: its pixels on {backend.Name} could not be compared ({Reason(e)})";
                        }
                    }
                }
                rows.Add(new Row(item.Name, backend.Name, Percentile(samples, 0.5), Percentile(samples, 0.1), Percentile(samples, 0.9), item.Pixels, item.Bytes, difference));
            }
        }
        return rows;
    }

    /// <summary>Whether <paramref name="e"/> is an item failing on a backend (reported in its row), not a cancellation or sc's own bug.</summary>
    private static bool CannotRun(Exception e) =>
        !ScCli.IsCancellation(e) && (ScriptHost.ScriptLineOf(e).Line is not null ||
            e is PixelEffectException or ScriptComposerException or ArgumentException || e.GetType().Namespace?.StartsWith("ScriptComposer.Gpu", StringComparison.Ordinal) == true);

    /// <summary>The row of an item that failed on a backend: what the script's own code threw at its line, else the error.</summary>
    private static Row Failed(Item item, IComputeBackend backend, Exception e) =>
        new(item.Name, backend.Name, double.NaN, double.NaN, double.NaN, item.Pixels, item.Bytes, $"FAILED: {Reason(e)}")
        {
            ScriptError = ScriptHost.ScriptLineOf(e).Line is not null ? ScriptDiagnostic.Thrown(e, e is ScriptComposerException ? e : ScCli.Innermost(e)).Text : null,
        };

    /// <summary>Why an item failed: "the script threw at line N: message" for the script's own code, else the error by its name.</summary>
    private static string Reason(Exception e) =>
        ScriptHost.ScriptLineOf(e).Line is { } line
            ? $"the script threw at line {line}: {ScriptDiagnostic.Thrown(e, e is ScriptComposerException ? e : ScCli.Innermost(e)).Message}"
            : ErrorText.Of(e);

    /// <summary>The rows as a table: ms per run (median, p10–p90), MP/s, GB/s, difference from the CPU.</summary>
    public static void Print(IReadOnlyList<Row> rows, string title, TextWriter output)
    {
        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("item")
            .AddColumn("backend")
            .AddColumn(new TableColumn("ms (median)").RightAligned())
            .AddColumn(new TableColumn("p10-p90 ms").RightAligned())
            .AddColumn(new TableColumn("MP/s").RightAligned())
            .AddColumn(new TableColumn("GB/s").RightAligned())
            .AddColumn("vs CPU (per channel)");
        foreach (var row in rows)
        {
            var timed = !double.IsNaN(row.Median);
            table.AddRow(
                Markup.Escape(row.Item), row.Backend,
                timed ? (row.Median * 1e3).ToString("0.000", CultureInfo.InvariantCulture) : "-",
                timed ? string.Create(CultureInfo.InvariantCulture, $"{row.P10 * 1e3:0.000}-{row.P90 * 1e3:0.000}") : "-",
                timed ? (row.Pixels / row.Median / 1e6).ToString("0", CultureInfo.InvariantCulture) : "-",
                timed ? (row.Bytes / row.Median / 1e9).ToString("0.00", CultureInfo.InvariantCulture) : "-",
                Markup.Escape(row.Difference));
        }
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 150;
        console.WriteLine(title);
        console.Write(table);
        console.WriteLine("GB/s counts: an effect reads and writes its picture (8 bytes a pixel); a composite reads its layers and masks and " +
            "writes I420; the whole frame counts its I420 output only.");
    }

    /// <summary>The pixel effects, fused composites and the whole frame of the plan at <paramref name="time"/>.</summary>
    private static List<Item> Items(Clip clip, double time)
    {
        var plan = new FramePlanner().Plan(clip, time, PipeFormat.I420);
        var nodes = Walk(plan.Picture).ToList();
        // One row per distinct effect (an instance, not a name: two unnamed effects are two rows) and input size.
        var labels = EffectLabels.For(nodes.OfType<EffectNode>().Select(e => e.Effect).OfType<CustomEffect>().Select(c => c.Effect));
        var items = new List<Item>();
        var composites = 0;
        foreach (var node in nodes)
        {
            switch (node)
            {
                case EffectNode { Effect: CustomEffect custom } effect:
                    if (!items.OfType<EffectItem>().Any(i => ReferenceEquals(i.Effect, custom.Effect) && i.Width == effect.Inner.Width && i.Height == effect.Inner.Height))
                        items.Add(new EffectItem($"effect {labels[custom.Effect]} {effect.Inner.Width}x{effect.Inner.Height}", custom.Effect, effect.Inner.Width, effect.Inner.Height, effect.Time));
                    break;
                case CompositeNode composite:
                    var bytes = new Yuv420Layout(composite.Width, composite.Height).TotalBytes +
                        composite.Layers.AsSpan().ToArray().Sum(l => 4L * l.Picture.Width * l.Picture.Height * (l.Mask is null ? 1 : 2));
                    items.Add(new CompositeItem($"composite {++composites}: {composite.Layers.Count} layers {composite.Width}x{composite.Height} ({string.Join("|", composite.Shape)})", composite, bytes));
                    break;
            }
        }
        items.Add(new FrameItem($"whole frame at {time.ToString("0.###", CultureInfo.InvariantCulture)} s, {clip.Width}x{clip.Height} to I420", clip, time, clip.Width, clip.Height));
        return items;
    }

    /// <summary>Every node of a plan, the root first (children found by their properties, so a new kind of node is walked too).</summary>
    private static IEnumerable<PlanNode> Walk(PlanNode node)
    {
        yield return node;
        foreach (var property in node.GetType().GetProperties())
        {
            if (property.GetIndexParameters().Length > 0)
                continue;
            foreach (var child in Children(property.GetValue(node)))
                foreach (var descendant in Walk(child))
                    yield return descendant;
        }
    }

    private static IEnumerable<PlanNode> Children(object? value)
    {
        switch (value)
        {
            case PlanNode child:
                yield return child;
                break;
            case string:
                break;
            case IEnumerable list:
                foreach (var element in list)
                {
                    if (element is PlanNode direct)
                    {
                        yield return direct;
                        continue;
                    }
                    if (element is null || element.GetType().IsPrimitive)
                        continue;
                    foreach (var property in element.GetType().GetProperties())
                        if (property.GetIndexParameters().Length == 0 && property.GetValue(element) is PlanNode inner)
                            yield return inner;
                }
                break;
        }
    }

    /// <summary>Runs the item on the backend with its inputs made once; disposes them after the timing.</summary>
    private static List<double> Time(Item item, IComputeBackend backend, TimeSpan budget, CancellationToken cancellation)
    {
        using var state = Prepare(item, backend, seed: 1);
        return BenchCommand.Samples(state.Run, backend, budget, cancellation);
    }

    /// <summary>The item's output pixels on the backend, from the same inputs on every backend (for the difference).</summary>
    private static byte[] Pixels(Item item, IComputeBackend backend)
    {
        using var state = Prepare(item, backend, seed: 2);
        state.Run();
        backend.Synchronize();
        return state.Output();
    }

    private sealed class State(Action run, Func<byte[]> output, Action dispose) : IDisposable
    {
        public Action Run { get; } = run;

        public Func<byte[]> Output { get; } = output;

        public void Dispose() => dispose();
    }

    private static State Prepare(Item item, IComputeBackend backend, int seed)
    {
        var random = new Random(seed);
        var images = new List<DeviceImage>();
        DeviceImage Picture(int width, int height)
        {
            var pixels = new byte[width * height * 4];
            for (var i = 0; i < pixels.Length; i += 4)
            {
                var a = random.Next(1, 256);
                pixels[i] = (byte)random.Next(a + 1);
                pixels[i + 1] = (byte)random.Next(a + 1);
                pixels[i + 2] = (byte)random.Next(a + 1);
                pixels[i + 3] = (byte)a;
            }
            var image = backend.Allocate(width, height);
            backend.Upload(pixels, image);
            images.Add(image);
            return image;
        }
        void DisposeImages()
        {
            foreach (var image in images)
                image.Dispose();
        }
        switch (item)
        {
            case EffectItem effect:
            {
                var image = Picture(effect.Width, effect.Height);
                var pixels = new byte[image.ByteCount];
                return new State(() => backend.ApplyPixelEffect(image, effect.Effect, (float)effect.Time), () =>
                {
                    backend.Download(image, pixels);
                    return pixels;
                }, DisposeImages);
            }
            case CompositeItem composite:
            {
                var node = composite.Node;
                var draws = node.Layers.AsSpan().ToArray().Select(l => new LayerDraw(
                    Picture(l.Picture.Width, l.Picture.Height), l.X, l.Y, l.Opacity,
                    l.Mask is null ? null : Picture(l.Picture.Width, l.Picture.Height), l.Mode, l.Fade.Color, l.Fade.Amount)).ToArray();
                var i420 = new byte[new Yuv420Layout(node.Width, node.Height).TotalBytes];
                return new State(() => backend.CompositeLayersToI420(node.Width, node.Height, node.Background, draws, i420), () => i420, DisposeImages);
            }
            case FrameItem frame:
            {
                var renderer = new FrameRenderer(backend);
                var i420 = new byte[new Yuv420Layout(frame.Width, frame.Height).TotalBytes];
                return new State(() => renderer.RenderToPipe(frame.Clip, frame.Time, PipeFormat.I420, i420), () => i420, renderer.Dispose);
            }
            default:
                throw new ArgumentException($"No timing for {item.GetType().Name}.", nameof(item));
        }
    }

    private static double Percentile(List<double> sorted, double p) => sorted[(int)Math.Round((sorted.Count - 1) * p)];

    /// <summary>"max 1 0 1 0, mean 0.0041 0 0.0032 0" over <paramref name="channels"/> interleaved channels (1 for I420 planes).</summary>
    private static string Difference(byte[] expected, byte[] actual, int channels)
    {
        var max = new int[channels];
        var sum = new long[channels];
        for (var i = 0; i < expected.Length; i++)
        {
            var d = Math.Abs(expected[i] - actual[i]);
            max[i % channels] = Math.Max(max[i % channels], d);
            sum[i % channels] += d;
        }
        var count = Math.Max(1, expected.Length / channels);
        return string.Create(CultureInfo.InvariantCulture,
            $"max {string.Join(' ', max)}, mean {string.Join(' ', sum.Select(s => ((double)s / count).ToString("0.####", CultureInfo.InvariantCulture)))}");
    }
}
