using ScriptComposer.Dsl.Media;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Planning;

/// <summary>The fused kernel shapes a render will use, for <see cref="IComputeBackend.Prepare"/> to compile before frame 0.</summary>
public static class KernelShapes
{
    /// <summary>
    /// Every fused shape rendering frames [<paramref name="first"/>, <paramref name="end"/>) of <paramref name="clip"/> needs
    /// (<see cref="FramePlanner.Needs"/>), planned only when enumerated: a backend with nothing to compile never pays for planning ahead.
    /// </summary>
    public static IEnumerable<IReadOnlyList<LayerShape>> Of(Clip clip, FrameRate fps, long first, long end, PipeFormat format, CancellationToken cancellation = default)
    {
        foreach (var shape in new FramePlanner().Needs(clip, fps, first, end, format, cancellation).Shapes)
            yield return shape;
    }
}
