using System.CommandLine;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;
using ScriptComposer.Host.Scripting;
using Spectre.Console;

namespace ScriptComposer.Host.Commands;

/// <summary><c>sc render SCRIPT</c>: run the script, then render every output it declared.</summary>
internal static class RenderCommand
{
    public static Command Create(ScriptHost host, TextWriter stdout, TextWriter stderr)
    {
        var script = CommonOptions.Script();
        var output = new Option<string?>("--output", "-o")
        {
            Description = "Write the script's video output here instead of the path it names; 'null' renders every frame and writes nothing (times the compositing alone).",
        };
        var from = new Option<double?>("--from") { Description = "Render from this time, in seconds or as a clock (1:05.5).", CustomParser = r => CommonOptions.Time(r, "--from", "2.5") };
        var to = new Option<double?>("--to") { Description = "Render up to this time, in seconds or as a clock (1:05.5).", CustomParser = r => CommonOptions.Time(r, "--to", "2.5") };
        var fps = new Option<double?>("--fps")
        {
            Description = "Override the frame rate of the outputs (29.97 means 30000/1001).",
            CustomParser = r => CommonOptions.Number(r, "--fps", "29.97"),
        };
        var backend = CommonOptions.Backend();
        var set = CommonOptions.Set();
        var verbose = CommonOptions.Verbose();
        var profile = new Option<bool>("--profile")
        {
            Description = "Print where each video's time went: every backend operation (each effect by name, and by its script line where two share one; fused composites, conversions, copies) and the time off the backend.",
        };
        var chunking = new Chunks.ChunkOptions();
        var command = new Command("render", "Run a script and render the videos and frames it declares.") { script, output, from, to, fps, backend, set, verbose, profile };
        chunking.AddTo(command);
        command.SetAction((result, cancellation) => ScCli.RunStoppableAsync(stderr, cancellation = chunking.StopToken(result, cancellation), unloadWhenDone => ScCli.Guard(stderr, result.GetValue(verbose), () =>
        {
            var range = CheckRange(result.GetValue(from), result.GetValue(to), result.GetValue(fps));
            chunking.Check(result);
            if (result.GetValue(profile) && chunking.NotOneRenderHere(result) is var (option, does))
                throw new ScriptComposerException(
                    $"--profile times the backend operations of one render in this process, and {option} {does}, which it cannot time. Leave out {option} to profile the render.");
            var request = new Chunks.RenderRequest
            {
                Script = Path.GetFullPath(result.GetValue(script)!),
                Set = new SortedDictionary<string, string>(ScCli.ParseSet(result.GetValue(set)).ToDictionary(), StringComparer.Ordinal),
                Output = result.GetValue(output) is { } path ? Path.GetFullPath(path) : null,
                From = range.From,
                To = range.To,
                Fps = range.Fps,
                Backend = result.GetValue(backend).ToString().ToLowerInvariant(),
            };
            if (chunking.IsBatch(result))
                return chunking.RunBatch(host, result, request, result.GetValue(verbose), stdout, stderr, cancellation);
            var evaluation = host.Evaluate(result.GetValue(script)!, ScCli.ParseSet(result.GetValue(set)), cancellation);
            unloadWhenDone(evaluation);
            // From here the script's code runs inside the render (lambdas, frame generators): Ctrl+C stops it there too.
            using var stopScript = evaluation.Guard.StopOn(cancellation);
            if (result.GetValue(verbose))
                stdout.WriteLine(Describe(evaluation));
            foreach (var warning in evaluation.Warnings) stderr.WriteLine($"warning: {warning}");
            var outputs = Redirect(evaluation, result.GetValue(output));
            RenderJob.ValidateAll(outputs, evaluation.InputFiles, (o, check) => OutputAttribution.At(o, check));
            if (chunking.IsRequested(result))
                outputs = chunking.Run(result, request, evaluation, outputs, result.GetValue(backend), stdout, stderr, cancellation);
            RenderInProcess(outputs, range, result.GetValue(backend), result.GetValue(profile), result.GetValue(verbose), stdout, stderr, cancellation,
                progressLines: result.GetValue(chunking.Worker) || result.GetValue(chunking.ProgressLines));
            return 0;
        })));
        return command;
    }

    /// <summary>Renders <paramref name="outputs"/> one after the other in this process.</summary>
    /// <param name="progressLines">Progress as lines on stdout for a parent process (<see cref="Chunks.ProgressLine"/>) instead of a bar.</param>
    internal static void RenderInProcess(IReadOnlyList<ScriptOutput> outputs, RenderRange range, BackendKind backend, bool profile, bool verbose,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellation, bool progressLines = false)
    {
        if (outputs.Count == 0)
            return;
        using var compute = ScCli.CreateBackend(backend, stderr).Backend;
        var lines = progressLines
            ? new Chunks.ProgressLine(stdout, outputs.OfType<VideoOutput>().Sum(v => RenderJob.Frames(v, range) is var (first, end, _) ? end - first : 0))
            : null;
        long before = 0;
        foreach (var o in outputs)
        {
            // --profile: the video's backend operations timed, each waiting for the GPU so its time is its own.
            var profiler = profile && o is VideoOutput ? new Gpu.Diagnostics.ProfilingBackend(compute, synchronize: compute.Name != "cpu") : null;
            var summary = OutputAttribution.At(o, () => o switch
            {
                VideoOutput video when lines is not null => RenderJob.RenderVideo(video, (IComputeBackend?)profiler ?? compute, range,
                    new SynchronousProgress(p => lines.Report(before + p.FramesDone)), cancellation),
                VideoOutput video => RenderWithProgress(video, (IComputeBackend?)profiler ?? compute, range, stderr, cancellation),
                FrameOutput frame => RenderJob.RenderFrame(frame, compute),
                AudioOutput sound => RenderJob.RenderAudio(sound, range, cancellation),
                _ => throw new NotSupportedException(o.GetType().Name),
            });
            before += summary.Frames;
            stdout.WriteLine(summary);
            if (profiler is not null)
                stdout.WriteLine(profiler.Report(summary.Elapsed));
            if (verbose && o is VideoOutput)
            {
                stdout.WriteLine(summary.PlanarReport);
                if (summary.Decoding.Report is { Length: > 0 } decoding)
                    stdout.WriteLine(decoding);
            }
        }
    }

    /// <summary>The range the options select, refused with a message naming the option when it cannot be one.</summary>
    internal static RenderRange CheckRange(double? from, double? to, double? fps)
    {
        if (fps is { } f && !(f >= FrameRate.Lowest && f <= 1000))
            throw new ScriptComposerException(double.IsFinite(f)
                ? $"--fps {f} is impossible; give a frame rate from {FrameRate.Lowest} to 1000 frames per second, such as --fps 30 or --fps 29.97."
                : $"--fps {Show(f)} is not a frame rate; give a number of frames per second from {FrameRate.Lowest} to 1000, such as --fps 30 or --fps 29.97.");
        foreach (var (name, value) in new[] { ("--from", from), ("--to", to) })
        {
            if (value is { } v && !double.IsFinite(v))
                throw new ScriptComposerException($"{name} {Show(v)} is not a time; give seconds from the start of the video, such as {name} 2.5.");
        }
        if (from is < 0)
            throw new ScriptComposerException($"--from {from} is before the start of the video; give 0 or more seconds.");
        if (to is <= 0)
            throw new ScriptComposerException($"--to {to} ends before the first frame; give more than 0 seconds.");
        if (from is { } a && to is { } b && b <= a)
            throw new ScriptComposerException($"--to {b} must come after --from {a}.");
        return new RenderRange(from, to, fps);
    }

    /// <summary>A value as the user typed it: "Infinity", not the "∞" .NET writes.</summary>
    private static string Show(double value) =>
        double.IsPositiveInfinity(value) ? "Infinity" : double.IsNegativeInfinity(value) ? "-Infinity" : value.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>"script compiled in 0.62 s (or: loaded compiled from the cache in 0.01 s), ran in 0.35 s".</summary>
    internal static string Describe(ScriptEvaluation evaluation) =>
        (evaluation.FromCache
            ? FormattableString.Invariant($"script loaded compiled from the cache in {evaluation.CompileTime.TotalSeconds:0.00} s")
            : FormattableString.Invariant($"script compiled in {evaluation.CompileTime.TotalSeconds:0.00} s")) +
        FormattableString.Invariant($", ran in {evaluation.RunTime.TotalSeconds:0.00} s (media probes included)");

    internal static IReadOnlyList<ScriptOutput> Redirect(ScriptEvaluation evaluation, string? output)
    {
        if (evaluation.Outputs.Count == 0)
            throw new ScriptComposerException($"{evaluation.ScriptPath} declares no output. End it with Render(clip, \"out/video.mp4\") or SaveFrame(clip, t, \"frame.png\").");
        if (output is null)
            return evaluation.Outputs;
        var videos = evaluation.Outputs.OfType<VideoOutput>().ToList();
        if (videos.Count != 1)
            throw new ScriptComposerException($"-o replaces the path of the script's one video output, but {evaluation.ScriptPath} declares {videos.Count}. Drop -o, or change the paths in the script.");
        if (output == VideoOutput.NullPath)
            return [videos[0] with { IsNull = true }];
        // What goes wrong here comes of the path given with -o (with the script's settings for the output): say so.
        var redirected = OutputAttribution.At(videos[0], () =>
        {
            try
            {
                return videos[0].At(Path.GetFullPath(output));
            }
            catch (ScriptComposerException e)
            {
                throw new ScriptComposerException($"-o {output}: {e.Message}", e);
            }
        });
        return evaluation.Outputs.Select(o => ReferenceEquals(o, videos[0]) ? redirected : o).ToList();
    }

    private static RenderSummary RenderWithProgress(VideoOutput video, IComputeBackend backend, RenderRange range, TextWriter stderr, CancellationToken cancellation)
    {
        if (Console.IsErrorRedirected || Console.IsOutputRedirected || !ReferenceEquals(stderr, Console.Error))
            return RenderJob.RenderVideo(video, backend, range, progress: null, cancellation);
        RenderSummary? summary = null;
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(Path.GetFileName(video.Path));
                var progress = new SynchronousProgress(p =>
                {
                    task.MaxValue = p.FramesTotal;
                    task.Value = p.FramesDone;
                    task.Description = $"{Path.GetFileName(video.Path)} {p.FramesDone}/{p.FramesTotal} frames, {p.FramesPerSecond:0.0} fps";
                });
                summary = RenderJob.RenderVideo(video, backend, range, progress, cancellation);
            });
        return summary!;
    }

    /// <summary>Reports on the rendering thread itself; <see cref="Progress{T}"/> would post to the thread pool.</summary>
    private sealed class SynchronousProgress(Action<RenderProgress> report) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value) => report(value);
    }
}
