using System.Diagnostics;
using System.Globalization;
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
/// Script code that stalls the render (a frame, or the evaluation, past its limit) is stopped at its next loop or call; code
/// that never reaches one (blocked in a call) has its render given up on, as the preview's worker gives up on a job: the
/// render fails, its ffmpeg and partial outputs are removed, and the next render can start while its thread stays blocked.
/// </summary>
internal sealed class PageRender(string scriptPath, ScriptArgs args, BackendKind backend, TimeSpan timeLimit, TimeSpan stallLimit) : IDisposable
{
    private readonly ScriptHost _host = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _gate = new();
    private RenderStatus _status = RenderStatus.Idle;
    private Attempt? _current;

    /// <summary>Where the render stands; while it runs, its elapsed time and ETA are those of now.</summary>
    public RenderStatus Status { get { lock (_gate) return Live(); } }

    /// <summary>The last finished render's outputs, whose files are the only ones the server may send.</summary>
    public IReadOnlyList<RenderedOutput> Written { get; private set; } = [];

    /// <summary>Starts a render unless one is running; returns its status.</summary>
    public RenderStatus Start()
    {
        lock (_gate)
        {
            if (_status.State == "running" || _stopping.IsCancellationRequested)
                return Live();
            var attempt = new Attempt(_status.Number + 1, _stopping.Token);
            _status = RenderStatus.Idle with { Number = attempt.Number, State = "running", Current = attempt.Step };
            _current = attempt;
            attempt.Task = ScriptThread.Run("sc watch render", () => Run(attempt));
            return _status;
        }
    }

    /// <summary>Stops a running render (its partial outputs are removed as by <c>sc render</c>) and waits for it.</summary>
    public void Dispose()
    {
        _stopping.Cancel();
        Attempt? attempt;
        lock (_gate)
            attempt = _current;
        // One that was given up on is blocked for good: its ffmpeg and partial outputs are gone already.
        if (attempt is { Abandoned: false, Task: { } task })
        {
            try
            {
                if (!task.Wait(TimeSpan.FromSeconds(10)))
                    attempt.Cleanup.CleanUp();
            }
            catch (AggregateException)
            {
                // Its failure is in its status.
            }
        }
        _stopping.Dispose();
    }

    private int Run(Attempt attempt)
    {
        var cancellation = attempt.Stop.Token;
        var folder = Path.GetDirectoryName(scriptPath)!;
        IReadOnlyCollection<string> sources = [scriptPath];
        ScriptEvaluation? evaluation = null;
        // What this render starts (ffmpeg, partial outputs) is tracked apart, to be removed if the render is given up on.
        using var cleanup = CleanupScope.Use(attempt.Cleanup);
        using var watch = new StallWatch(limit => GiveUp(attempt, limit, sources));
        try
        {
            // The script's own run is held to the watch's time limit, as a preview's is (a loop that never ends fails the render
            // instead of holding it, and every render after it, forever), and so is each frame (a lambda that never ends).
            var script = _host.Load(scriptPath, ScriptEvaluationOptions.Default, cancellation);
            sources = script.SourceFiles;
            watch.Arm(script.Guard, timeLimit);
            using (script.Guard.Limit(timeLimit, () => new ScriptTimeoutException(timeLimit), cancellation))
                evaluation = _host.Run(script, args, cancellation);
            watch.Disarm();
            using var stopScript = evaluation.Guard.StopOn(cancellation);
            var outputs = evaluation.Outputs;
            attempt.Step = "checking the outputs";
            RenderJob.ValidateAll(outputs, evaluation.InputFiles, (o, check) => OutputAttribution.At(o, check));
            var total = outputs.Sum(Frames);
            long before = 0;
            using var compute = Backends.Create(backend).Backend;
            var written = new List<ScriptOutput>();
            var rendered = new List<RenderedOutput>();
            foreach (var output in outputs)
            {
                var current = Path.GetRelativePath(folder, output.Path);
                attempt.At(output, $"rendering {current}");
                Report(attempt, before, total, current, written);
                var done = before;
                var progress = new Progress(p =>
                {
                    attempt.FramesDone = p.FramesDone;
                    watch.Arm(evaluation.Guard, stallLimit);
                    Report(attempt, done + p.FramesDone, total, current, written);
                });
                // A sound is one long mix, not frames: it takes as long as it takes.
                if (output is AudioOutput)
                    watch.Disarm();
                else
                    watch.Arm(evaluation.Guard, stallLimit);
                OutputAttribution.At(output, () => output switch
                {
                    VideoOutput video => RenderJob.RenderVideo(video, compute, null, progress, cancellation),
                    FrameOutput frame => RenderJob.RenderFrame(frame, compute),
                    AudioOutput sound => RenderJob.RenderAudio(sound, cancellation),
                    _ => throw new NotSupportedException(output.GetType().Name),
                });
                // Between outputs no script code runs (the encoder finishes, the file is checked): nothing to time.
                watch.Disarm();
                before += Frames(output);
                written.Add(output);
                rendered.Add(Rendered(output));
            }
            lock (_gate)
            {
                if (attempt.Settled)
                    return 1;
                attempt.Settled = true;
                Written = rendered;
                // Only what is inside the script's folder is sent; an output written elsewhere is named in full instead of offered.
                var sendable = rendered.Select(r => r.IsSendableFrom(folder)).ToList();
                _status = new RenderStatus(attempt.Number, "done", 1, before, total, attempt.Clock.Elapsed.TotalSeconds, 0, "",
                    [.. written.Select((o, i) => sendable[i] ? Path.GetRelativePath(folder, o.Path) : o.Path)], [])
                {
                    Downloadable = sendable,
                };
            }
            return 0;
        }
        catch (Exception e)
        {
            IReadOnlyList<ScriptDiagnostic> diagnostics = cancellation.IsCancellationRequested && !attempt.Abandoned
                ? [ScriptDiagnostic.AtLine(null, null, "the render was stopped.")]
                : [.. Describe(e).Select(d => d.WithSource(e is ScriptCompilationException compile ? compile.SourceFiles : sources))];
            lock (_gate)
            {
                if (attempt.Settled)
                    return 1;
                attempt.Settled = true;
                _status = Live() with { State = "failed", Current = $"failed while {attempt.Step}", EtaSeconds = null, Diagnostics = diagnostics };
            }
            return 1;
        }
        finally
        {
            evaluation?.Unload();
            // Settled by now: by this thread, else it was given up on, and what it was given up with may still cancel the stop.
            bool abandoned;
            lock (_gate)
                abandoned = attempt.Abandoned;
            if (!abandoned)
                attempt.Stop.Dispose();
        }
    }

    /// <summary>
    /// Gives up on a render whose script code would not stop (blocked in a call, which no check of the guard reaches): its
    /// thread cannot be killed, so it is left blocked (and stops at once should the call ever return), its ffmpeg and partial
    /// outputs are removed here, and it fails at the line of the output it was rendering, so the next render can start.
    /// </summary>
    private void GiveUp(Attempt attempt, TimeSpan limit, IReadOnlyCollection<string> sources)
    {
        lock (_gate)
        {
            if (attempt.Settled)
                return;
            attempt.Settled = true;
            attempt.Abandoned = true;
        }
        attempt.Stop.Cancel();
        attempt.Cleanup.CleanUp();
        var diagnostic = Stalled(attempt, limit).WithSource(sources);
        lock (_gate)
            _status = Live() with { State = "failed", Current = $"failed while {attempt.Step}", EtaSeconds = null, Diagnostics = [diagnostic] };
    }

    /// <summary>Why a render given up on failed: at the line of the output it was rendering, with the frame that stalled.</summary>
    private ScriptDiagnostic Stalled(Attempt attempt, TimeSpan limit)
    {
        const string GivenUp = "its thread was abandoned (it keeps running until sc watch exits, so its memory stays in use), " +
            "and the render's ffmpeg and partial output were removed. Fix the script, save, and render again.";
        var seconds = limit.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture);
        if (attempt.Output is not { } output)
            return ScriptDiagnostic.AtLine(scriptPath, null,
                $"the render stalled: the script ran for more than {seconds} s and did not stop at a loop (it may be blocked in a call); {GivenUp}");
        var what = output is VideoOutput video && Frames(video) is var frames && attempt.FramesDone < frames
            ? $"frame {attempt.FramesDone + 1} of {frames} (at {FrameTime(video, attempt.FramesDone)} s)"
            : "it";
        return ScriptDiagnostic.AtLine(output.DeclaredAt?.File, output.DeclaredAt?.Line,
            $"the render stalled while {attempt.Step}: the script's code ran for more than {seconds} s without finishing {what} " +
            $"and did not stop at a loop (it may be blocked in a call, such as Thread.Sleep or a wait); {GivenUp}");
    }

    /// <summary>The time of frame <paramref name="index"/> (from the first) of a video.</summary>
    private static string FrameTime(VideoOutput video, long index)
    {
        var (first, _, fps) = RenderJob.Frames(video, RenderRange.Whole);
        return fps.TimeOf(first + index).ToString("0.###", CultureInfo.InvariantCulture);
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

    /// <summary>The frames an output counts for in the progress: a video's frames, a saved frame's one, none for a sound.</summary>
    private static long Frames(ScriptOutput output) => output switch
    {
        VideoOutput video => Frames(video),
        FrameOutput => 1,
        _ => 0,
    };

    private static long Frames(VideoOutput video)
    {
        var (first, end, _) = RenderJob.Frames(video, RenderRange.Whole);
        return end - first;
    }

    /// <summary>How the page names the outputs: by their path from the script's folder.</summary>
    private IReadOnlyList<string> Names(IEnumerable<ScriptOutput> outputs)
    {
        var folder = Path.GetDirectoryName(scriptPath)!;
        return [.. outputs.Select(o => Path.GetRelativePath(folder, o.Path))];
    }

    private void Report(Attempt attempt, long done, long total, string current, List<ScriptOutput> written)
    {
        lock (_gate)
        {
            if (attempt.Settled)
                return;
            _status = new RenderStatus(attempt.Number, "running", total > 0 ? Math.Clamp((double)done / total, 0, 1) : 0, done, total, 0, null, current, Names(written), []);
            _status = Live();
        }
    }

    /// <summary>The status, with a running render's elapsed time and ETA as of now (called under the gate).</summary>
    private RenderStatus Live()
    {
        if (_status.State != "running" || _current is not { } attempt || attempt.Number != _status.Number)
            return _status;
        var elapsed = attempt.Clock.Elapsed.TotalSeconds;
        var (done, total) = (_status.FramesDone, _status.FramesTotal);
        return _status with { ElapsedSeconds = elapsed, EtaSeconds = done > 0 ? elapsed / done * Math.Max(0, total - done) : null };
    }

    /// <summary>Why the render failed, at the script line where there is one, like the preview's diagnostics (which add the line's text).</summary>
    private static IReadOnlyList<ScriptDiagnostic> Describe(Exception e) => e switch
    {
        ScriptCompilationException compile => compile.Diagnostics,
        ScriptRuntimeException runtime => [runtime.Diagnostic],
        _ => [ScriptDiagnostic.Thrown(e)],
    };

    /// <summary>One render from the page: its number, clock and stop, what it has started, and what it is doing.</summary>
    private sealed class Attempt(int number, CancellationToken stopping)
    {
        public int Number => number;

        public Stopwatch Clock { get; } = Stopwatch.StartNew();

        /// <summary>Stops its work: the page render's end, or the render given up on.</summary>
        public CancellationTokenSource Stop { get; } = CancellationTokenSource.CreateLinkedTokenSource(stopping);

        /// <summary>The ffmpeg processes and partial outputs it started, removed when it is given up on.</summary>
        public CleanupScope Cleanup { get; } = new();

        public Task<int>? Task { get; set; }

        /// <summary>Whether its outcome is in the status (set under the gate, once, by its thread or by the watch giving up on it).</summary>
        public bool Settled { get; set; }

        /// <summary>Whether it was given up on, its thread blocked in the script's code.</summary>
        public bool Abandoned { get; set; }

        public volatile string Step = "evaluating the script";

        /// <summary>The output being rendered, and how many of its frames are done.</summary>
        public volatile ScriptOutput? Output;

        public long FramesDone
        {
            get => Volatile.Read(ref _framesDone);
            set => Volatile.Write(ref _framesDone, value);
        }

        private long _framesDone;

        public void At(ScriptOutput output, string step)
        {
            FramesDone = 0;
            Output = output;
            Step = step;
        }
    }

    /// <summary>
    /// Times the render's script code, which does not run on the script worker: past the limit without finishing a frame (or
    /// the evaluation) the script's code is stopped at its next loop or call (<see cref="ScriptGuardContext.Stop"/>), and code
    /// that does not stop is given up on as the worker gives up on a job: <see cref="ScriptWorker.Grace"/> after the stop, or
    /// <see cref="ScriptWorker.LongestOverrun"/> after it when script code saw the stop and is unwinding.
    /// </summary>
    private sealed class StallWatch : IDisposable
    {
        private readonly Action<TimeSpan> _giveUp;
        private readonly Lock _gate = new();
        private readonly Timer _timer;
        private ScriptGuardContext? _guard;
        private TimeSpan _limit;
        private long _started;
        private long _stopped;
        private bool _gaveUp;

        public StallWatch(Action<TimeSpan> giveUp)
        {
            _giveUp = giveUp;
            _timer = new Timer(_ => Check(), null, Timeout.Infinite, Timeout.Infinite);
        }

        /// <summary>Script code of <paramref name="guard"/> starts a piece of work (a frame, the evaluation) that may take <paramref name="limit"/>.</summary>
        public void Arm(ScriptGuardContext guard, TimeSpan limit)
        {
            lock (_gate)
            {
                if (_gaveUp)
                    return;
                if (_guard is null || _limit != limit)
                {
                    var every = TimeSpan.FromMilliseconds(Math.Clamp(limit.TotalMilliseconds / 10, 10, 250));
                    _timer.Change(every, every);
                }
                (_guard, _limit, _started, _stopped) = (guard, limit, Stopwatch.GetTimestamp(), 0);
            }
        }

        /// <summary>No script code is timed until the next <see cref="Arm"/>.</summary>
        public void Disarm()
        {
            lock (_gate)
            {
                _guard = null;
                _timer.Change(Timeout.Infinite, Timeout.Infinite);
            }
        }

        public void Dispose() => _timer.Dispose();

        private void Check()
        {
            TimeSpan limit;
            lock (_gate)
            {
                if (_guard is not { } guard || _gaveUp)
                    return;
                limit = _limit;
                var now = Stopwatch.GetTimestamp();
                if (_stopped == 0)
                {
                    if (Stopwatch.GetElapsedTime(_started, now) > limit)
                    {
                        _stopped = now;
                        guard.Stop(() => new ScriptTimeoutException(limit));
                    }
                    return;
                }
                var sinceStop = Stopwatch.GetElapsedTime(_stopped, now);
                if (!(sinceStop > ScriptWorker.Grace && !guard.StopSeen) && !(sinceStop > ScriptWorker.LongestOverrun))
                    return;
                _gaveUp = true;
                _guard = null;
                _timer.Change(Timeout.Infinite, Timeout.Infinite);
            }
            _giveUp(limit);
        }
    }

    private sealed class Progress(Action<RenderProgress> report) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value) => report(value);
    }
}
