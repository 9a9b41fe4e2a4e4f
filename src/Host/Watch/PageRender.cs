using System.Diagnostics;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// Renders the script's outputs for the studio page, as <c>sc render</c> does: the script evaluated afresh (in its own
/// collectible context, the compiled-script cache and all), every output validated, then rendered with a backend of
/// its own on a thread of its own, so the preview stays live. One render at a time; <see cref="Status"/> reports it.
/// </summary>
internal sealed class PageRender(string scriptPath, ScriptArgs args, BackendKind backend, TimeSpan timeLimit, TimeSpan stallLimit) : IDisposable
{
    private readonly ScriptHost _host = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private RenderStatus _status = RenderStatus.Idle;
    private Task? _running;

    public RenderStatus Status { get { lock (_gate) return _status; } }

    /// <summary>The last finished render's outputs, whose files are the only ones the server may send.</summary>
    public IReadOnlyList<RenderedOutput> Written { get; private set; } = [];

    /// <summary>Starts a render unless one is running; returns its status.</summary>
    public RenderStatus Start()
    {
        lock (_gate)
        {
            if (_status.State == "running" || _stopping.IsCancellationRequested)
                return _status;
            _status = RenderStatus.Idle with { Number = _status.Number + 1, State = "running", Current = "evaluating the script" };
            var number = _status.Number;
            _running = ScriptThread.Run("sc watch render", () => Run(number, _stopping.Token));
            return _status;
        }
    }

    /// <summary>Stops a running render (its partial outputs are removed as by <c>sc render</c>) and waits for it.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        try
        {
            _running?.Wait(TimeSpan.FromSeconds(10));
        }
        catch (AggregateException)
        {
            // Its failure is in its status.
        }
        _stopping.Dispose();
    }

    private int Run(int number, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var folder = Path.GetDirectoryName(scriptPath)!;
        ScriptEvaluation? evaluation = null;
        var step = "evaluating the script";
        try
        {
            // The script's own run is held to the watch's time limit, as a preview's is (a loop that never ends fails the render
            // instead of holding it, and every render after it, forever), and so is each frame (a lambda that never ends).
            var script = _host.Load(scriptPath, ScriptEvaluationOptions.Default, cancellation);
            using (script.Guard.Limit(timeLimit, () => new ScriptTimeoutException(timeLimit), cancellation))
                evaluation = _host.Run(script, args, cancellation);
            using var stopScript = evaluation.Guard.StopOn(cancellation);
            var outputs = evaluation.Outputs;
            step = "checking the outputs";
            RenderJob.ValidateAll(outputs, evaluation.InputFiles, (o, check) => OutputAttribution.At(o, check));
            var total = outputs.Sum(o => o is VideoOutput v ? Frames(v) : 1);
            long before = 0;
            using var compute = Backends.Create(backend).Backend;
            using var frameLimit = new FrameLimit(evaluation.Guard, stallLimit);
            var written = new List<string>();
            var rendered = new List<RenderedOutput>();
            foreach (var output in outputs)
            {
                var current = Path.GetRelativePath(folder, output.Path);
                step = $"rendering {current}";
                Report(number, before, total, clock, current, written, folder);
                var done = before;
                var progress = new Progress(p =>
                {
                    frameLimit.NextFrame();
                    Report(number, done + p.FramesDone, total, clock, current, written, folder);
                });
                // A sound is one long mix, not frames: it takes as long as it takes.
                frameLimit.NextFrame(armed: output is not AudioOutput);
                OutputAttribution.At(output, () => output switch
                {
                    VideoOutput video => RenderJob.RenderVideo(video, compute, null, progress, cancellation),
                    FrameOutput frame => RenderJob.RenderFrame(frame, compute),
                    AudioOutput sound => RenderJob.RenderAudio(sound, cancellation),
                    _ => throw new NotSupportedException(output.GetType().Name),
                });
                // Between outputs no script code runs (the encoder finishes, the file is checked): nothing to time.
                frameLimit.NextFrame(armed: false);
                before += output is VideoOutput v ? Frames(v) : 1;
                written.Add(output.Path);
                rendered.Add(Rendered(output));
            }
            lock (_gate)
            {
                Written = rendered;
                _status = new RenderStatus(number, "done", 1, before, total, clock.Elapsed.TotalSeconds, 0, "",
                    [.. written.Select(p => Path.GetRelativePath(folder, p))], []);
            }
            return 0;
        }
        catch (Exception e)
        {
            var diagnostics = cancellation.IsCancellationRequested ? [ScriptDiagnostic.AtLine(null, null, "the render was stopped.")] : Describe(e);
            lock (_gate)
                _status = Status with { State = "failed", Current = $"failed while {step}", ElapsedSeconds = clock.Elapsed.TotalSeconds, EtaSeconds = null, Diagnostics = diagnostics };
            return 1;
        }
        finally
        {
            evaluation?.Unload();
        }
    }

    /// <summary>The files an output was written to: a picture sequence's pictures are numbered from 0, as the encoder numbers them.</summary>
    private static RenderedOutput Rendered(ScriptOutput output)
    {
        if (output is not VideoOutput { Kind: OutputKind.ImageSequence } sequence)
            return new RenderedOutput(output.Path, [output.Path]);
        var folder = Path.GetDirectoryName(sequence.Path)!;
        var pattern = Path.GetFileName(sequence.Path);
        var pictures = Frames(sequence);
        var files = new List<string>();
        for (long n = 0; n < pictures; n++)
            files.Add(Path.Combine(folder, OutputFile.SequenceFileName(pattern, n)));
        return new RenderedOutput(sequence.Path, files);
    }

    private static long Frames(VideoOutput video)
    {
        var (first, end, _) = RenderJob.Frames(video, RenderRange.Whole);
        return end - first;
    }

    private void Report(int number, long done, long total, Stopwatch clock, string current, List<string> written, string folder)
    {
        var fraction = total > 0 ? Math.Clamp((double)done / total, 0, 1) : 0;
        var elapsed = clock.Elapsed.TotalSeconds;
        double? eta = done > 0 ? elapsed / done * (total - done) : null;
        lock (_gate)
            _status = new RenderStatus(number, "running", fraction, done, total, elapsed, eta, current, [.. written.Select(p => Path.GetRelativePath(folder, p))], []);
    }

    /// <summary>Why the render failed, at the script line where there is one, like the preview's diagnostics.</summary>
    private static IReadOnlyList<ScriptDiagnostic> Describe(Exception e) => e switch
    {
        ScriptCompilationException compile => compile.Diagnostics,
        ScriptRuntimeException runtime => [runtime.Diagnostic],
        _ => [ScriptDiagnostic.Thrown(e)],
    };

    /// <summary>
    /// Stops the script's code with <see cref="ScriptTimeoutException"/> once the render has gone longer than the limit without
    /// finishing a frame (a lambda that never ends); the render's loop does not run on the script worker, so it is timed here.
    /// </summary>
    private sealed class FrameLimit : IDisposable
    {
        private readonly ScriptGuardContext _guard;
        private readonly TimeSpan _limit;
        private readonly Timer _timer;
        private long _frameStarted;
        private volatile bool _armed;

        public FrameLimit(ScriptGuardContext guard, TimeSpan limit)
        {
            _guard = guard;
            _limit = limit;
            var every = TimeSpan.FromMilliseconds(Math.Clamp(limit.TotalMilliseconds / 10, 10, 250));
            _timer = new Timer(_ => Check(), null, every, every);
        }

        /// <summary>A frame starts now; an unarmed limit stops nothing until the next armed frame.</summary>
        public void NextFrame(bool armed = true)
        {
            Volatile.Write(ref _frameStarted, Stopwatch.GetTimestamp());
            _armed = armed;
        }

        public void Dispose() => _timer.Dispose();

        private void Check()
        {
            if (_armed && Stopwatch.GetElapsedTime(Volatile.Read(ref _frameStarted)) > _limit)
                _guard.Stop(() => new ScriptTimeoutException(_limit));
        }
    }

    private sealed class Progress(Action<RenderProgress> report) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value) => report(value);
    }
}
