using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using ScriptComposer.Dsl;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cuda;
using Spectre.Console;

namespace ScriptComposer.Host.Commands;

/// <summary>
/// <c>sc bench [--backend] [--size WxH]</c>: a quick table of kernel timings on this machine (ms per frame,
/// megapixels/s, effective GB/s and, where it can be measured, the fraction of the machine's copy bandwidth).
/// The kernel workloads are defined here, in <see cref="Workload"/>, so that the BenchmarkDotNet project under
/// <c>bench/</c> measures the very same work; <c>src/</c> never references <c>bench/</c>.
/// </summary>
public static class BenchCommand
{
    /// <summary>The kernel workloads, in the order they are printed.</summary>
    public static IReadOnlyList<string> Kernels { get; } =
        ["fill", "composite-1", "composite-4", "composite-16", "gradient", "fade", "resize", "yuv420", "i420-grid", "i420-crossfade"];

    private static readonly TimeSpan BudgetPerKernel = TimeSpan.FromMilliseconds(400);

    internal static Command Create(Scripting.ScriptHost host, TextWriter stdout, TextWriter stderr)
    {
        var script = new Argument<string?>("script")
        {
            Description = "A .csx script: time what it defines (its pixel effects, fused composites and whole frame) instead of the built-in kernels.",
            Arity = ArgumentArity.ZeroOrOne,
        };
        CommonOptions.RefuseEmptyPath(script);
        var backend = CommonOptions.Backend();
        var size = new Option<string>("--size")
        {
            Description = "The frame size to measure, as WxH (built-in kernels only).",
            DefaultValueFactory = _ => "1920x1080",
        };
        var at = new Option<double>("--at")
        {
            Description = "With a script: the moment of its video outputs to time, in seconds or as a clock (1:05.5).",
            DefaultValueFactory = _ => 0,
            CustomParser = r => CommonOptions.Time(r, "--at", "1.5") ?? 0,
        };
        var set = CommonOptions.Set();
        var verbose = CommonOptions.Verbose();
        var command = new Command("bench", "Time each kernel on this machine, or what a script defines: ms per frame, MP/s and effective GB/s.")
        {
            script, backend, size, at, set, verbose,
        };
        // On a thread of its own, as render: Ctrl+C stops the timings (and the script's code inside them) and ends with 130.
        command.SetAction((result, cancellation) => ScCli.RunStoppableAsync(stderr, cancellation, unloadWhenDone => ScCli.Guard(stderr, result.GetValue(verbose), () =>
        {
            if (result.GetValue(script) is { } path)
                return RunScript(host, path, result.GetValue(at), result.GetValue(backend), ScCli.ParseSet(result.GetValue(set)), unloadWhenDone, stdout, stderr, cancellation);
            var (width, height) = ParseSize(result.GetValue(size)!);
            using var compute = ScCli.CreateBackend(result.GetValue(backend), stderr).Backend;
            Run(compute, width, height, stdout, cancellation);
            return 0;
        })));
        return command;
    }

    /// <summary>
    /// <c>sc bench SCRIPT</c>: <see cref="ScriptBench"/> of each video output on the CPU and, unless --backend cpu, on CUDA where it is
    /// available (--backend cuda where it is not is an error, as for render).
    /// </summary>
    private static int RunScript(Scripting.ScriptHost host, string path, double at, BackendKind kind, Dsl.Scripting.ScriptArgs args,
        Action<Scripting.ScriptEvaluation> unloadWhenDone, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var evaluation = host.Evaluate(path, args, cancellation);
        unloadWhenDone(evaluation);
        // The script's code runs inside the timings (its effects' C# functions): Ctrl+C stops it there too.
        using var stopScript = evaluation.Guard.StopOn(cancellation);
        var videos = evaluation.Outputs.OfType<Dsl.Scripting.VideoOutput>().ToList();
        if (videos.Count == 0)
            throw new ScriptComposerException($"{evaluation.ScriptPath} declares no video output to time. End it with Render(clip, \"out/video.mp4\").");
        var seconds = at.ToString("0.###", CultureInfo.InvariantCulture);
        var inside = videos.Where(v => at >= 0 && (v.Clip.Duration is not { } d || at < d)).ToList();
        if (inside.Count == 0)
            throw new ScriptComposerException(videos.Count == 1
                ? string.Create(CultureInfo.InvariantCulture, $"--at {seconds} is outside the video, which lasts {videos[0].Clip.Duration:0.###} s.")
                : string.Create(CultureInfo.InvariantCulture, $"--at {seconds} is outside every video of the script; the longest lasts {videos.Max(v => v.Clip.Duration ?? 0):0.###} s."));
        var folder = Path.GetDirectoryName(evaluation.ScriptPath) ?? ".";
        string Name(Dsl.Scripting.VideoOutput video) => video.IsNull ? "the null output" : Path.GetRelativePath(folder, video.Path);
        var backends = new List<IComputeBackend> { new Gpu.Cpu.CpuBackend() };
        try
        {
            if (kind != BackendKind.Cpu && (kind == BackendKind.Cuda || Backends.AutoChoice().Cuda))
                backends.Add(ScCli.CreateBackend(BackendKind.Cuda, stderr).Backend);
            var on = string.Join(" and ", backends.Select(b => $"{b.Name} ({b.Device})")) + $"; median of samples over ~{BudgetPerKernel.TotalSeconds:0.#} s each";
            // Every video output is timed, each in a table of its own; one the script renders twice (the same clip) only once.
            var failed = false;
            var timed = new List<Dsl.Scripting.VideoOutput>();
            foreach (var video in videos)
            {
                if (!inside.Contains(video))
                {
                    stdout.WriteLine(string.Create(CultureInfo.InvariantCulture,
                        $"{Name(video)}: not timed, as it lasts {video.Clip.Duration:0.###} s and --at {seconds} is past its end."));
                    continue;
                }
                if (timed.FirstOrDefault(t => ReferenceEquals(t.Clip, video.Clip)) is { } same)
                {
                    stdout.WriteLine($"{Name(video)}: the same clip as {Name(same)}, timed above.");
                    continue;
                }
                if (timed.Count > 0)
                    stdout.WriteLine();
                timed.Add(video);
                using var paths = video.ResolvingPaths();
                var rows = ScriptBench.Run(video.Clip, at, backends, BudgetPerKernel, cancellation);
                ScriptBench.Print(rows, $"{Path.GetFileName(evaluation.ScriptPath)}, video {Name(video)} at {seconds} s on {on}", stdout);
                foreach (var error in rows.Select(r => r.ScriptError).OfType<string>().Distinct(StringComparer.Ordinal))
                    stderr.WriteLine(error);
                failed |= rows.Any(r => r.Difference.StartsWith("FAILED", StringComparison.Ordinal));
            }
            return failed ? 1 : 0;
        }
        finally
        {
            foreach (var backend in backends)
                backend.Dispose();
        }
    }

    /// <summary>Parses <c>WxH</c>, refusing impossible sizes with a message that says what is accepted.</summary>
    public static (int Width, int Height) ParseSize(string text)
    {
        var parts = text.Split('x', 'X');
        if (parts.Length == 2
            && int.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var width)
            && int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var height)
            && width is >= 2 and <= Clips.MaxSide && height is >= 2 and <= Clips.MaxSide)
            return (width, height);
        throw new ScriptComposerException($"--size '{text}' is not a frame size. Write it as WIDTHxHEIGHT, such as 1920x1080, each between 2 and {Clips.MaxSide}.");
    }

    private static void Run(IComputeBackend backend, int width, int height, TextWriter stdout, CancellationToken cancellation)
    {
        if (backend is CudaBackend cuda)
            cuda.Warm(); // NVRTC compiles here, not inside the first timing
        var (copyBandwidth, copyNote) = MeasureCopyBandwidth(backend);

        var table = new Table().Border(TableBorder.Simple)
            .AddColumn("kernel")
            .AddColumn(new TableColumn("ms/frame").RightAligned())
            .AddColumn(new TableColumn("MP/s").RightAligned())
            .AddColumn(new TableColumn("GB/s").RightAligned())
            .AddColumn(new TableColumn("of copy").RightAligned())
            .AddColumn("bytes counted per pixel");
        foreach (var name in Kernels)
        {
            cancellation.ThrowIfCancellationRequested();
            using var workload = Workload.Create(name, backend, width, height);
            var seconds = Measure(workload, backend, BudgetPerKernel, cancellation);
            var gbs = workload.BytesPerFrame / seconds / 1e9;
            table.AddRow(
                name,
                (seconds * 1e3).ToString("0.000", CultureInfo.InvariantCulture),
                (workload.Pixels / seconds / 1e6).ToString("0", CultureInfo.InvariantCulture),
                gbs.ToString("0.0", CultureInfo.InvariantCulture),
                copyBandwidth is { } copy ? (gbs * 1e9 / copy).ToString("0%", CultureInfo.InvariantCulture) : "n/a",
                Markup.Escape(workload.BytesDescription));
        }

        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(stdout),
            Ansi = ReferenceEquals(stdout, Console.Out) && !Console.IsOutputRedirected ? AnsiSupport.Detect : AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
        });
        console.Profile.Width = 120;
        console.WriteLine($"{backend.Name} ({backend.Device}), {width}x{height}; median per frame over ~{BudgetPerKernel.TotalSeconds:0.#} s each");
        console.Write(table);
        console.WriteLine(copyNote);
        console.WriteLine("GB/s counts the bytes each kernel must read and write at least once; composite-N is N layers, each with opacity and a mask.");
    }

    /// <summary>
    /// Median seconds per operation: a warm-up (at least 3 runs and 100 ms, so the JIT has tiered up), then samples
    /// of k operations closed by one Synchronize (k chosen so a sample lasts at least ~2 ms, so launch and sync
    /// overheads are amortised on a GPU).
    /// </summary>
    public static double Measure(Workload workload, IComputeBackend backend, TimeSpan budget, CancellationToken cancellation = default)
    {
        var samples = Samples(workload.Run, backend, budget, cancellation);
        return samples[samples.Count / 2];
    }

    /// <summary><see cref="Measure"/>'s samples of seconds per run, sorted (at least 3); stops between runs once <paramref name="cancellation"/> is cancelled.</summary>
    public static List<double> Samples(Action run, IComputeBackend backend, TimeSpan budget, CancellationToken cancellation = default)
    {
        var clock = Stopwatch.StartNew();
        var warmups = 0;
        for (; warmups < 3 || clock.Elapsed < TimeSpan.FromMilliseconds(100); warmups++)
        {
            cancellation.ThrowIfCancellationRequested();
            run();
        }
        backend.Synchronize();
        var once = Math.Max(clock.Elapsed.TotalSeconds / warmups, 1e-7);
        var batch = (int)Math.Clamp(0.002 / once, 1, 1000);
        var samples = new List<double>();
        var total = Stopwatch.StartNew();
        while (samples.Count < 3 || (total.Elapsed < budget && samples.Count < 200))
        {
            cancellation.ThrowIfCancellationRequested();
            clock.Restart();
            for (var i = 0; i < batch; i++)
                run();
            backend.Synchronize();
            samples.Add(clock.Elapsed.TotalSeconds / batch);
        }
        samples.Sort();
        return samples;
    }

    /// <summary>
    /// The machine's copy bandwidth, counted as bytes read plus bytes written per second, when it can be measured:
    /// on the CPU, a parallel copy of 256 MiB; on CUDA the backend offers no device-to-device copy, so none.
    /// </summary>
    public static (double? BytesPerSecond, string Note) MeasureCopyBandwidth(IComputeBackend backend)
    {
        if (backend.Name != "cpu")
            return (null, "of copy: n/a: the CUDA backend exposes no device-to-device copy to measure the device's bandwidth with.");
        const int bytes = 256 << 20;
        var source = GC.AllocateUninitializedArray<byte>(bytes);
        var target = GC.AllocateUninitializedArray<byte>(bytes);
        source.AsSpan().Fill(1);
        target.AsSpan().Fill(2);
        var chunks = Environment.ProcessorCount * 4;
        var best = double.MaxValue;
        for (var run = 0; run < 5; run++)
        {
            var clock = Stopwatch.StartNew();
            Parallel.For(0, chunks, c =>
            {
                var start = (long)c * bytes / chunks;
                var end = (long)(c + 1) * bytes / chunks;
                source.AsSpan((int)start, (int)(end - start)).CopyTo(target.AsSpan((int)start));
            });
            best = Math.Min(best, clock.Elapsed.TotalSeconds);
        }
        var bandwidth = 2.0 * bytes / best;
        return (bandwidth, $"of copy: against {bandwidth / 1e9:0.0} GB/s, a parallel 256 MiB memory copy on {Environment.ProcessorCount} cores (read + write).");
    }

    /// <summary>
    /// One kernel workload on one backend at one size: the images it needs, made once, and <see cref="Run"/>, which
    /// queues one frame's worth of work (call <see cref="IComputeBackend.Synchronize"/> to wait for it).
    /// </summary>
    public sealed class Workload : IDisposable
    {
        private readonly List<DeviceImage> _images = [];
        private Action _run = () => { };

        private Workload(string name, int width, int height)
        {
            Name = name;
            Width = width;
            Height = height;
        }

        public string Name { get; }
        public int Width { get; }
        public int Height { get; }

        /// <summary>Output pixels per frame.</summary>
        public long Pixels => (long)Width * Height;

        /// <summary>Bytes that must be read and written at least once per frame.</summary>
        public long BytesPerFrame { get; private set; }

        /// <summary>How <see cref="BytesPerFrame"/> was counted, per output pixel.</summary>
        public string BytesDescription { get; private set; } = "";

        public void Run() => _run();

        /// <summary>The bytes per frame of kernel <paramref name="name"/> at a size, without creating anything.</summary>
        public static long BytesFor(string name, int width, int height)
        {
            var pixels = (long)width * height;
            return name switch
            {
                "fill" or "gradient" => 4 * pixels,
                "fade" => 8 * pixels,
                "resize" => 4 * (long)(width / 2) * (height / 2) + 4 * pixels,
                "yuv420" => 4 * pixels + new Yuv420Layout(width, height).TotalBytes,
                "i420-grid" => 4L * new Yuv420Layout(Even(width / 2), Even(height / 2)).TotalBytes + new Yuv420Layout(Even(width), Even(height)).TotalBytes,
                "i420-crossfade" => 3L * new Yuv420Layout(Even(width), Even(height)).TotalBytes,
                _ when LayerCount(name) is { } layers => (8 + 8L * layers) * pixels,
                _ => throw new ArgumentException($"Unknown kernel workload '{name}'. Known: {string.Join(", ", Kernels)}.", nameof(name)),
            };
        }

        private static int Even(int value) => Math.Max(2, value & ~1);

        public static Workload Create(string name, IComputeBackend backend, int width, int height)
        {
            var workload = new Workload(name, width, height) { BytesPerFrame = BytesFor(name, width, height) };
            try
            {
                workload.Build(backend);
                return workload;
            }
            catch
            {
                workload.Dispose();
                throw;
            }
        }

        private void Build(IComputeBackend backend)
        {
            var (w, h) = (Width, Height);
            var gradient = new GradientParams(GradientKind.Linear, 0, 0, w, h, 0, new Rgba(30, 60, 114), new Rgba(240, 200, 80));
            switch (Name)
            {
                case "fill":
                {
                    var target = Image(backend, w, h);
                    _run = () => backend.Fill(target, new Rgba(30, 60, 114));
                    BytesDescription = "4 written";
                    break;
                }
                case "gradient":
                {
                    var target = Image(backend, w, h);
                    _run = () => backend.Gradient(target, gradient);
                    BytesDescription = "4 written";
                    break;
                }
                case "fade":
                {
                    var target = Image(backend, w, h);
                    backend.Gradient(target, gradient);
                    _run = () => backend.Fade(target, Rgba.Black, 0.5f);
                    BytesDescription = "4 read + 4 written, in place";
                    break;
                }
                case "resize":
                {
                    var source = Image(backend, w / 2, h / 2);
                    backend.Gradient(source, gradient with { X2 = w / 2, Y2 = h / 2 });
                    var target = Image(backend, w, h);
                    _run = () => backend.Resize(source, target);
                    BytesDescription = "1 read (a W/2xH/2 source) + 4 written";
                    break;
                }
                case "yuv420":
                {
                    var source = Image(backend, w, h);
                    backend.Gradient(source, gradient);
                    var yuv = new byte[new Yuv420Layout(w, h).TotalBytes];
                    _run = () => backend.ConvertToYuv420(source, yuv);
                    BytesDescription = backend.Name == "cpu" ? "4 read + 1.5 written" : "4 read + 1.5 written, incl. the copy to the host";
                    break;
                }
                case "i420-grid":
                case "i420-crossfade":
                {
                    // Decoded video laid straight into the encoder's frame: a 2x2 grid of quadrant copies, or a crossfade halfway.
                    var (fw, fh) = (Even(w), Even(h));
                    var grid = Name == "i420-grid";
                    var (lw, lh) = grid ? (Even(w / 2), Even(h / 2)) : (fw, fh);
                    var layers = Enumerable.Range(0, grid ? 4 : 2).Select(i =>
                    {
                        var source = Image(backend, lw, lh);
                        backend.Gradient(source, gradient with { X2 = lw, Y2 = lh, Color1 = new Rgba((byte)(60 * i), 90, 200) });
                        var i420 = new byte[new Yuv420Layout(lw, lh).TotalBytes];
                        backend.ConvertToYuv420(source, i420);
                        return grid
                            ? new Yuv420Layer(i420, lw, lh, i % 2 * lw, i / 2 * lh)
                            : new Yuv420Layer(i420, lw, lh, 0, 0, i == 0 ? 1f : 0.5f);
                    }).ToArray();
                    var yuv = new byte[new Yuv420Layout(fw, fh).TotalBytes];
                    _run = () => backend.MixI420Layers(fw, fh, Rgba.Black, layers, yuv);
                    var copy = backend.Name == "cpu" ? "" : ", incl. the copies to and from the host";
                    BytesDescription = grid ? $"4 quadrants 1.5 read (copied) + 1.5 written{copy}" : $"2 x 1.5 read + 1.5 written{copy}";
                    break;
                }
                default:
                {
                    var layers = LayerCount(Name) ?? throw new ArgumentException($"Unknown kernel workload '{Name}'. Known: {string.Join(", ", Kernels)}.");
                    var canvas = Image(backend, w, h);
                    backend.Fill(canvas, new Rgba(32, 32, 32));
                    var parameters = new CompositeParams[layers];
                    var pictures = new DeviceImage[layers];
                    for (var i = 0; i < layers; i++)
                    {
                        // Half-transparent layers and a diagonal luminance mask each, all distinct images (nothing stays in cache).
                        pictures[i] = Image(backend, w, h);
                        backend.Gradient(pictures[i], gradient with { Color1 = new Rgba((byte)(20 * i), 100, 200, 160), Color2 = new Rgba(250, (byte)(15 * i), 40, 230) });
                        var mask = Image(backend, w, h);
                        backend.Gradient(mask, new GradientParams(GradientKind.Linear, 0, h, w, 0, 0, Rgba.Black, Rgba.White, i / (float)(layers + 1)));
                        parameters[i] = new CompositeParams(0, 0, 0.8f, mask);
                    }
                    _run = () =>
                    {
                        for (var i = 0; i < layers; i++)
                            backend.Composite(canvas, pictures[i], parameters[i]);
                    };
                    BytesDescription = $"canvas 4 read + 4 written, {layers} x (layer 4 + mask 4) read";
                    break;
                }
            }
            backend.Synchronize();
        }

        private static int? LayerCount(string name) =>
            name.StartsWith("composite-", StringComparison.Ordinal) && int.TryParse(name.AsSpan("composite-".Length), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
                ? n
                : null;

        private DeviceImage Image(IComputeBackend backend, int width, int height)
        {
            var image = backend.Allocate(width, height);
            _images.Add(image);
            return image;
        }

        public void Dispose()
        {
            foreach (var image in _images)
                image.Dispose();
            _images.Clear();
        }
    }
}
