using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Planning.Nodes;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Rendering;

/// <summary>
/// Runs <see cref="FramePlan"/>s on a backend with the resources it owns: still pictures (colors, images, gradients, text) made
/// on the device once and lent to every frame that shows them, sequential video readers (<c>FrameRenderer.Readers.cs</c>), and
/// scratch memory. What a frame shows is decided by the <see cref="FramePlanner"/>; this only draws it.
/// </summary>
public sealed partial class FrameRenderer : IDisposable
{
    private readonly IComputeBackend _backend;
    private readonly Dictionary<PlanNode, DeviceImage> _stills = [];
    private readonly List<LayerSet> _layerSets = [];
    private int _layerSetsInUse;
    private byte[] _hostScratch = [];
    private byte[] _regionScratch = [];
    private LayerDraw[] _shiftedDraws = [];
    private FramePlan? _lastPlan;
    private StillImage? _lastPicture;

    public FrameRenderer(IComputeBackend backend) => _backend = backend;

    public IComputeBackend Backend => _backend;

    /// <summary>Whether eligible frames are mixed in Y'CbCr (the default); off, every frame takes the RGBA path (for comparisons).</summary>
    public bool PlanarPath
    {
        get => Planner.PlanarPath;
        init => Planner = new FramePlanner { PlanarPath = value };
    }

    /// <summary>The planner this renderer plans frames with when given a clip.</summary>
    public FramePlanner Planner { get; private init; } = new();

    /// <summary>How many frames took the planar path (for tests and benchmarks).</summary>
    public long PlanarFrames { get; private set; }

    /// <summary>How many frames were the previous frame again (an equal plan), copied instead of drawn (<see cref="ExecuteAfter"/>).</summary>
    public long RepeatedFrames { get; private set; }

    /// <summary>How many frames were drawn only where they changed, over a copy of the previous one (<see cref="ExecuteAfter"/>).</summary>
    public long PartialFrames { get; private set; }

    /// <summary>The picture of <paramref name="clip"/> at its own time <paramref name="localTime"/>; the caller disposes it.</summary>
    public DeviceImage Render(Clip clip, double localTime)
    {
        using var frame = EnterFrame();
        return Owned(Draw(Planner.Picture(clip, localTime)));
    }

    /// <summary>
    /// The picture of <paramref name="clip"/> at <paramref name="localTime"/> as an output with alpha shows it: with the
    /// clip's own mask and opacity (crossfades included), as it would look laid on a transparent canvas. The caller disposes it.
    /// </summary>
    public DeviceImage RenderWithOwnAlpha(Clip clip, double localTime)
    {
        using var frame = EnterFrame();
        return Owned(Draw(Planner.PictureWithOwnAlpha(clip, localTime)));
    }

    /// <summary>Plans the frame of <paramref name="clip"/> at <paramref name="localTime"/> and writes it into <paramref name="buffer"/> in <paramref name="format"/>.</summary>
    public void RenderToPipe(Clip clip, double localTime, PipeFormat format, Span<byte> buffer) =>
        Execute(Planner.Plan(clip, localTime, format), buffer);

    /// <summary>
    /// Draws <paramref name="plan"/> into <paramref name="buffer"/> in the plan's format: a planar plan mixed in I420; a composite
    /// for I420 laid and converted in one pass, with no RGBA canvas in between; anything else drawn in RGBA and converted.
    /// </summary>
    public void Execute(FramePlan plan, Span<byte> buffer)
    {
        using var frame = EnterFrame();
        _lastPlan = plan;
        switch (plan.Picture)
        {
            case PlanarCompositeNode planar:
                DrawPlanar(planar, buffer);
                PlanarFrames++;
                return;
            case CompositeNode composite when plan.Format == PipeFormat.I420:
                using (var layers = Layers(composite))
                    _backend.CompositeLayersToI420(composite.Width, composite.Height, composite.Background, layers.Draws, buffer);
                return;
        }
        var (image, owned) = Draw(plan.Picture);
        try
        {
            switch (plan.Format)
            {
                case PipeFormat.I420:
                    _backend.ConvertToYuv420(image, buffer);
                    break;
                case PipeFormat.RgbaStraight:
                    if (!owned) (image, owned) = (Copy(image), true);
                    _backend.Unpremultiply(image);
                    _backend.Download(image, buffer);
                    break;
                default:
                    _backend.Download(image, buffer);
                    break;
            }
        }
        finally
        {
            if (owned) image.Dispose();
        }
    }

    /// <summary>
    /// Draws <paramref name="plan"/> into <paramref name="buffer"/> knowing that <paramref name="previous"/> holds the bytes of the
    /// last frame this renderer drew (empty for none), and does only the work that changed: a plan equal to the last one's is
    /// that frame again, copied (a still stretch of a slideshow, a held title); where only some layers of a fused composite
    /// changed, only the rectangles they cover now and covered before are drawn over a copy (<see cref="DirtyRegions"/>); any
    /// other frame is drawn whole. The bytes are those of <see cref="Execute"/> in every case. Either buffer may be a host frame
    /// rented from the backend: the last frame's queued copy is waited for before its bytes are read, and this one's may still be
    /// queued when this returns (see <see cref="IComputeBackend.RentHostFrame"/>).
    /// </summary>
    public void ExecuteAfter(FramePlan plan, Span<byte> buffer, ReadOnlyMemory<byte> previous)
    {
        var last = _lastPlan;
        if (previous.IsEmpty || last is null)
        {
            Execute(plan, buffer);
        }
        else if (plan.Equals(last))
        {
            CopyPrevious(previous, buffer);
            RepeatedFrames++;
            if (plan.IsPlanar) PlanarFrames++;
        }
        else if (DirtyRegions.Between(last, plan) is { } regions)
        {
            CopyPrevious(previous, buffer);
            ExecuteRegions(plan, buffer, regions);
            PartialFrames++;
        }
        else
        {
            Execute(plan, buffer);
        }
        _lastPlan = plan;
    }

    private void CopyPrevious(ReadOnlyMemory<byte> previous, Span<byte> buffer)
    {
        // Nothing of this frame is queued yet, so this waits for exactly the last frame's copy out of the device.
        _backend.Synchronize();
        // The caller may hand back the very buffer the last frame was drawn into: its bytes are already there.
        var bytes = previous.Span;
        if (!System.Runtime.CompilerServices.Unsafe.AreSame(ref System.Runtime.InteropServices.MemoryMarshal.GetReference(bytes), ref buffer[0]))
            bytes[..buffer.Length].CopyTo(buffer);
    }

    public void Dispose()
    {
        foreach (var still in _stills.Values) still.Dispose();
        _stills.Clear();
        DisposeReaders();
    }
}
