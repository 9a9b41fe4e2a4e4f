using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;

namespace ScriptComposer.Host.Watch;

/// <summary>What <c>sc watch</c> was asked for.</summary>
public sealed record WatchOptions(string ScriptPath)
{
    /// <summary>The port on 127.0.0.1; 0 picks a free one.</summary>
    public int Port { get; init; } = 5170;

    /// <summary>The time shown first, in seconds.</summary>
    public double At { get; init; }

    /// <summary>The size of the playback proxy relative to the output (0 &lt; scale ≤ 1).</summary>
    public double Scale { get; init; } = 0.5;

    public BackendKind Backend { get; init; } = BackendKind.Auto;

    /// <summary>How the CUDA backend is set up when it is chosen (<c>SC_CUDA_SYNC</c>, as the host read it).</summary>
    public Gpu.Cuda.CudaOptions Cuda { get; init; } = new();

    public ScriptArgs Args { get; init; } = ScriptArgs.Empty;

    /// <summary>How long script code (an evaluation, or a frame calling the script's lambdas) may run.</summary>
    public TimeSpan TimeLimit { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How long a render from the page may go without finishing a frame before its script code is stopped: the larger of
    /// <see cref="TimeLimit"/> and a minute unless given. Longer than a preview frame's limit, since the wait covers more than the
    /// script's code (the sound's mix before the first frame, compiling kernels, a slow encoder taking the frame).
    /// </summary>
    public TimeSpan? RenderStallLimit { get; init; }

    /// <summary><see cref="RenderStallLimit"/> as it applies.</summary>
    public TimeSpan EffectiveRenderStallLimit => RenderStallLimit ?? (TimeLimit > TimeSpan.FromMinutes(1) ? TimeLimit : TimeSpan.FromMinutes(1));

    /// <summary>How long a burst of file events must be quiet before a reload.</summary>
    public TimeSpan Debounce { get; init; } = TimeSpan.FromMilliseconds(50);

    /// <summary>
    /// How many good reloads one frame renderer serves before a fresh one replaces it: its caches (open video readers,
    /// stills on the device) carry over between reloads, but images are re-decoded by each evaluation and would pile up.
    /// </summary>
    public int RendererReuse { get; init; } = 8;
}
