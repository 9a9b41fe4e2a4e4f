using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Planning;
using ScriptComposer.Dsl.Planning.Nodes;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Rendering;

/// <summary>Drawing a frame only in the rectangles where it changed (see <see cref="DirtyRegions"/>).</summary>
public sealed partial class FrameRenderer
{
    /// <summary>
    /// Draws only <paramref name="regions"/> of <paramref name="plan"/> (a fused composite, see <see cref="DirtyRegions"/>) into
    /// <paramref name="buffer"/>, which already holds the frame before: each rectangle is laid as a small frame of its own, its
    /// layers moved by the rectangle's corner, and copied into place. Every pixel is computed as in a whole frame, so the bytes
    /// are the same.
    /// </summary>
    public void ExecuteRegions(FramePlan plan, Span<byte> buffer, IReadOnlyList<FrameRegion> regions)
    {
        if (plan.Picture is not CompositeNode composite)
            throw new ArgumentException("Only a fused composite can be drawn in parts.", nameof(plan));
        using var frame = EnterFrame();
        using var layers = Layers(composite);
        var draws = layers.Draws;
        if (_shiftedDraws.Length < draws.Length)
            _shiftedDraws = new LayerDraw[draws.Length];
        var shifted = _shiftedDraws.AsSpan(0, draws.Length);
        foreach (var region in regions)
        {
            for (var i = 0; i < draws.Length; i++)
                shifted[i] = draws[i] with { X = draws[i].X - region.X, Y = draws[i].Y - region.Y };
            if (plan.Format == PipeFormat.I420)
                DrawI420Region(composite, shifted, region, buffer);
            else
                DrawRgbaRegion(composite, shifted, region, plan.Format, buffer);
        }
        shifted.Clear();
    }

    private void DrawI420Region(CompositeNode composite, ReadOnlySpan<LayerDraw> layers, FrameRegion region, Span<byte> buffer)
    {
        var part = new Gpu.Yuv420Layout(region.Width, region.Height);
        var scratch = Scratch(part.TotalBytes);
        _backend.CompositeLayersToI420(region.Width, region.Height, composite.Background, layers, scratch);
        var whole = new Gpu.Yuv420Layout(composite.Width, composite.Height);
        CopyRows(scratch, part.Width, buffer, whole.Width, region.X, region.Y, region.Width, region.Height);
        var (cx, cy) = (region.X / 2, region.Y / 2);
        CopyRows(scratch[part.LumaBytes..], part.ChromaWidth, buffer[whole.LumaBytes..], whole.ChromaWidth, cx, cy, part.ChromaWidth, part.ChromaHeight);
        CopyRows(scratch[(part.LumaBytes + part.ChromaBytes)..], part.ChromaWidth, buffer[(whole.LumaBytes + whole.ChromaBytes)..], whole.ChromaWidth,
            cx, cy, part.ChromaWidth, part.ChromaHeight);
    }

    private void DrawRgbaRegion(CompositeNode composite, ReadOnlySpan<LayerDraw> layers, FrameRegion region, PipeFormat format, Span<byte> buffer)
    {
        using var canvas = _backend.Allocate(region.Width, region.Height);
        _backend.CompositeLayers(canvas, composite.Background, layers);
        if (format == PipeFormat.RgbaStraight)
            _backend.Unpremultiply(canvas);
        var scratch = Scratch(canvas.ByteCount);
        _backend.Download(canvas, scratch);
        CopyRows(scratch, region.Width * 4, buffer, composite.Width * 4, region.X * 4, region.Y, region.Width * 4, region.Height);
    }

    /// <summary>Copies <paramref name="rows"/> rows of <paramref name="bytes"/> bytes from a tight <paramref name="source"/> into <paramref name="target"/> at (<paramref name="x"/>, <paramref name="y"/>).</summary>
    private static void CopyRows(ReadOnlySpan<byte> source, int sourceStride, Span<byte> target, int targetStride, int x, int y, int bytes, int rows)
    {
        for (var row = 0; row < rows; row++)
            source.Slice(row * sourceStride, bytes).CopyTo(target.Slice((y + row) * targetStride + x, bytes));
    }

    private Span<byte> Scratch(int bytes)
    {
        if (_regionScratch.Length < bytes)
            _regionScratch = new byte[bytes];
        return _regionScratch.AsSpan(0, bytes);
    }
}
