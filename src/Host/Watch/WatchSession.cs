using System.Diagnostics;
using System.Globalization;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Gpu;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// The state of one <c>sc watch</c>: it evaluates the script again whenever the script, a file it <c>#load</c>s or a
/// media file it reads changes, and keeps what stays valid across reloads: the script options and references, the
/// backend with its device memory and kernel cache, and a frame renderer (open video readers, stills). Each good
/// evaluation lives in a collectible load context, unloaded once the next good one replaces it; a failed one leaves
/// the last good preview in place and says why.
/// </summary>
public sealed partial class WatchSession : IAsyncDisposable
{
    private readonly WatchOptions _options;
    private readonly TextWriter _log;
    private readonly ScriptWorker _worker;
    private readonly BackendChoice _backend;
    private readonly SemaphoreSlim _reloadGate = new(1, 1);
    private readonly CancellationTokenSource _stopping = new();
    private readonly object _pendingGate = new();
    private readonly HashSet<string> _pendingChanges = new(StringComparer.Ordinal);
    private bool _reloadQueued;
    private ChangeWatcher? _watcher;
    private IReadOnlyCollection<string> _sources = [];
    private IReadOnlyCollection<string> _failedReads = [];
    private Generation? _current;
    private PreviewState _state;
    private int _reloads;
    private int _generations;
    private int _collecting;

    public WatchSession(WatchOptions options, TextWriter log)
        : this(options, log, new ScriptHost())
    {
    }

    /// <summary>A session whose evaluations go through <paramref name="host"/> (tests give one with a cache of their own).</summary>
    internal WatchSession(WatchOptions options, TextWriter log, ScriptHost host)
    {
        ArgumentNullException.ThrowIfNull(options);
        ScriptPath = Path.GetFullPath(options.ScriptPath);
        if (!File.Exists(ScriptPath))
            throw new ScriptComposerException(Directory.Exists(ScriptPath)
                ? $"'{options.ScriptPath}' is a folder. Give the path of a .csx script to watch."
                : $"The script '{options.ScriptPath}' does not exist. Check the path, or start from scripts/hello.csx.");
        if (!(options.Scale > 0 && options.Scale <= 1))
            throw new ScriptComposerException($"--scale {options.Scale} is impossible; give the proxy's size as a fraction of the output, more than 0 and at most 1 (0.5 is half).");
        if (!(options.At >= 0) || !double.IsFinite(options.At))
            throw new ScriptComposerException($"--at {options.At} is not a time; give seconds from 0.");
        if (options.TimeLimit <= TimeSpan.Zero)
            throw new ScriptComposerException("The time limit for a script must be positive.");
        _options = options;
        _log = log;
        _host = host;
        _backend = Backends.Create(options.Backend, options.Cuda);
        log.WriteLine(_backend.Reason);
        _renderer = new(new FrameRenderer(_backend.Backend));
        _worker = new ScriptWorker(Path.GetDirectoryName(ScriptPath));
        _time = options.At;
        _state = new PreviewState(0, 0, false, ScriptPath, [], 0, 30, 0, 0, options.At, options.Scale, [], 0, 0, 0, 0, []);
        _render = new PageRender(ScriptPath, options.Args, options.Backend, options.TimeLimit, options.EffectiveRenderStallLimit);
    }

    /// <summary>Raised after every reload, good or not, with the new state (on a worker thread; keep handlers short).</summary>
    public event Action<PreviewState>? Changed;

    public string ScriptPath { get; }

    public WatchOptions Options => _options;

    public PreviewState State => Volatile.Read(ref _state);

    /// <summary>The files whose changes trigger a reload: the script, its <c>#load</c>s and the media its clips read.</summary>
    public IReadOnlyCollection<string> WatchedFiles => _watcher?.Files ?? _sources;

    /// <summary>
    /// Starts reloading on file changes (the first evaluation is <see cref="ReloadAsync"/>'s to do; start watching
    /// before it, so that a change made while it runs is not missed).
    /// </summary>
    public void StartWatching()
    {
        _watcher ??= new ChangeWatcher(_options.Debounce, OnChanged);
        _watcher.Watch(Watched());
    }

    /// <summary>Evaluates the script now and, when it is good, renders the current frame of the new preview.</summary>
    public async Task<PreviewState> ReloadAsync(IReadOnlyCollection<string>? changed = null, CancellationToken cancellation = default)
    {
        await _reloadGate.WaitAsync(cancellation).ConfigureAwait(false);
        try
        {
            return await ReloadCoreAsync(changed ?? [], cancellation).ConfigureAwait(false);
        }
        finally
        {
            _reloadGate.Release();
        }
    }

    /// <summary>The first state after reload number <paramref name="afterReload"/> (at once when it is already there).</summary>
    public async Task<PreviewState> WaitForReloadAsync(int afterReload, CancellationToken cancellation = default)
    {
        var next = new TaskCompletionSource<PreviewState>(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnState(PreviewState state)
        {
            if (state.Reload > afterReload) next.TrySetResult(state);
        }
        Changed += OnState;
        try
        {
            OnState(State);
            return await next.Task.WaitAsync(cancellation).ConfigureAwait(false);
        }
        finally
        {
            Changed -= OnState;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_stopping.IsCancellationRequested) return;
        await _stopping.CancelAsync().ConfigureAwait(false);
        _watcher?.Dispose();
        // Let a reload in progress finish (it is bounded by the time limit), then free the device.
        if (await _reloadGate.WaitAsync(_options.TimeLimit + ScriptWorker.LongestOverrun + TimeSpan.FromSeconds(5)).ConfigureAwait(false))
        {
            _worker.Dispose();
            _render.Dispose();
            _renderer.Dispose();
            _backend.Backend.Dispose();
        }
        _stopping.Dispose();
    }

    private async Task<PreviewState> ReloadCoreAsync(IReadOnlyCollection<string> changed, CancellationToken cancellation)
    {
        var clock = Stopwatch.StartNew();
        var reload = ++_reloads;
        // A media file changed under an open reader or a cached still: start from a fresh renderer.
        var mediaChanged = changed.Any(p => !_sources.Contains(p));
        var evaluated = await EvaluateAsync(cancellation).ConfigureAwait(false);
        var evaluationMs = clock.Elapsed.TotalMilliseconds;
        _sources = evaluated.SourceFiles;
        _failedReads = evaluated.FilesRead;
        if (evaluated.Evaluation is not { Script: { } script } evaluation)
            return Fail(reload, evaluated.Diagnostics, evaluationMs, clock);

        var output = evaluation.Outputs.FirstOrDefault(o => o.Clip.HasPicture);
        if (output is null)
        {
            Unload(script);
            return Fail(reload, [ScriptDiagnostic.AtLine(ScriptPath, null,
                "the script declares no output with a picture, so there is nothing to preview. End it with Render(clip, \"out.mp4\") or SaveFrame(clip, t, \"frame.png\").")],
                evaluationMs, clock);
        }

        var generation = Generation.From(_generations + 1, output, script);
        generation.Names = ReadNames();
        generation.Tracks = StudioTimeline.Tracks(generation.Clip, generation.Duration, generation.Names);
        var fresh = mediaChanged || _rendererUses >= _options.RendererReuse;
        PreviewFrame frame;
        try
        {
            frame = await RenderAsync(generation, generation.Snap(Volatile.Read(ref _time)), 1, jpeg: false, fresh, cancellation).ConfigureAwait(false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            var error = DescribeScriptError(e, "the frame failed");
            Unload(script);
            return Fail(reload, [error], evaluationMs, clock);
        }

        Show(generation, frame);
        var clip = generation.Clip;
        var state = new PreviewState(reload, generation.Number, true, ScriptPath, [], generation.Duration, generation.Fps.Value,
            clip.Width, clip.Height, frame.Time, _options.Scale, generation.Markers, evaluationMs, frame.RenderMs,
            clock.Elapsed.TotalMilliseconds, _worker.Abandoned, generation.Tracks);
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.Now:HH:mm:ss} reload {reload}: ok      eval {evaluationMs,4:0} ms  frame {frame.RenderMs,4:0} ms  total {state.TotalMs,4:0} ms  ({clip.Width}x{clip.Height}, {generation.Duration:0.###} s)"));
        return Publish(state);
    }

    /// <summary>
    /// Puts the new generation on screen and unloads the one it replaces. Not inlined into the async reload: a local
    /// there lives in the state machine, and code that continues synchronously after the reload would keep it alive.
    /// </summary>
    private void Show(Generation generation, PreviewFrame frame)
    {
        _generations = generation.Number;
        var previous = Interlocked.Exchange(ref _current, generation);
        _lastFrame = frame;
        Volatile.Write(ref _time, frame.Time);
        if (previous?.Script is { } old)
            Unload(old);
    }

    private PreviewState Fail(int reload, IReadOnlyList<ScriptDiagnostic> diagnostics, double evaluationMs, Stopwatch clock)
    {
        var good = State;
        var state = good with
        {
            Reload = reload,
            Ok = false,
            Diagnostics = [.. diagnostics.Select(d => d.WithSource(_sources))],
            EvaluationMs = evaluationMs,
            FrameMs = 0,
            TotalMs = clock.Elapsed.TotalMilliseconds,
            AbandonedThreads = _worker.Abandoned,
        };
        var more = diagnostics.Count > 1 ? $" (+{diagnostics.Count - 1} more)" : "";
        _log.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{DateTime.Now:HH:mm:ss} reload {reload}: errors  eval {evaluationMs,4:0} ms  {diagnostics[0].Text}{more}{(good.Generation > 0 ? "; the last good preview stays" : "")}"));
        return Publish(state);
    }

    private PreviewState Publish(PreviewState state)
    {
        Volatile.Write(ref _state, state);
        _watcher?.Watch(Watched());
        Changed?.Invoke(state);
        CollectAfterReload();
        return state;
    }

    /// <summary>
    /// A full collection once a reload is on screen, off its critical path. Each reload leaves garbage that holds memory
    /// outside the managed heap: the unloaded script's load context (its code and type data), and, before the host made
    /// its references once (<see cref="ScriptHost.CreateCompilation"/>), Roslyn's copy of the core library's and the DSL's
    /// images. The managed heap stays small, so the GC saw no reason for a full collection, and RSS climbed by 2-3 MB a
    /// save (460 to 700 MB over 100 saves of the soak's scene); with this it stays flat (bench/RESULTS.md). A collection
    /// costs 15-40 ms here.
    /// </summary>
    private void CollectAfterReload()
    {
        if (Interlocked.Exchange(ref _collecting, 1) == 1)
            return;
        _ = Task.Run(() =>
        {
            try
            {
                GC.Collect();
            }
            finally
            {
                Volatile.Write(ref _collecting, 0);
            }
        });
    }

    /// <summary>
    /// The last evaluation's sources, the media of the preview on screen, and what a failed evaluation read or tried to
    /// read (a file it names before it exists reloads the script once it does).
    /// </summary>
    private HashSet<string> Watched()
    {
        var files = new HashSet<string>(_sources, StringComparer.Ordinal) { ScriptPath };
        files.UnionWith(_failedReads);
        if (Volatile.Read(ref _current) is { } current)
            files.UnionWith(current.InputFiles);
        return files;
    }

    private void OnChanged(IReadOnlyCollection<string> files)
    {
        lock (_pendingGate)
        {
            _pendingChanges.UnionWith(files);
            if (_reloadQueued) return;
            _reloadQueued = true;
        }
        _ = Task.Run(async () =>
        {
            try
            {
                await _reloadGate.WaitAsync(_stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            try
            {
                string[] changes;
                lock (_pendingGate)
                {
                    changes = [.. _pendingChanges];
                    _pendingChanges.Clear();
                    _reloadQueued = false;
                }
                await ReloadCoreAsync(changes, _stopping.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }
            catch (Exception e)
            {
                _log.WriteLine($"{DateTime.Now:HH:mm:ss} reload failed: {e.Message}");
            }
            finally
            {
                _reloadGate.Release();
            }
        });
    }
}
