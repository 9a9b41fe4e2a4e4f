using ScriptComposer.Dsl.Planning.Nodes;

namespace ScriptComposer.Dsl.Planning;

/// <summary>
/// Where a frame can differ from the frame before it, from their two plans alone: the rectangles that a layer which changed
/// (moved, faded, showed another source frame, came or went) covers now or covered before. Every other pixel is laid from the
/// same layers in the same order as before, so it keeps its bytes; a frame drawn only inside these rectangles over a copy of
/// the one before is the frame drawn whole.
/// </summary>
public static class DirtyRegions
{
    /// <summary>Rectangles are drawn whole from this share of the frame on: past it, one pass over the frame costs less.</summary>
    private const double MostOfTheFrame = 0.6;

    /// <summary>
    /// The rectangles of <paramref name="current"/> to draw over a copy of <paramref name="previous"/>'s bytes, or null when the
    /// frame must be drawn whole (not two fused composites of one canvas, another background, or most of the frame changed).
    /// Rectangles start on even coordinates and have even sizes (but for the frame's own odd edge), so I420 chroma blocks are whole.
    /// </summary>
    public static IReadOnlyList<FrameRegion>? Between(FramePlan previous, FramePlan current)
    {
        if (previous.Format != current.Format || previous.Picture is not CompositeNode before || current.Picture is not CompositeNode now
            || before.Width != now.Width || before.Height != now.Height || before.Background != now.Background)
            return null;
        var (width, height) = (now.Width, now.Height);
        var regions = new List<FrameRegion>();
        var old = before.Layers.AsSpan();
        var @new = now.Layers.AsSpan();
        for (var i = 0; i < Math.Max(old.Length, @new.Length); i++)
        {
            var same = i < old.Length && i < @new.Length && old[i].Equals(@new[i]);
            if (same)
                continue;
            if (i < old.Length) Add(regions, Footprint(old[i], width, height));
            if (i < @new.Length) Add(regions, Footprint(@new[i], width, height));
        }
        Merge(regions);
        var area = regions.Sum(r => r.Area);
        return area > MostOfTheFrame * width * height ? null : regions;
    }

    /// <summary>What a layer covers on the canvas, widened to even coordinates and clipped to the frame.</summary>
    private static FrameRegion Footprint(in CompositeLayer layer, int width, int height)
    {
        var x0 = Math.Max(0, layer.X) & ~1;
        var y0 = Math.Max(0, layer.Y) & ~1;
        var x1 = Math.Min(width, EvenUp((long)layer.X + layer.Picture.Width));
        var y1 = Math.Min(height, EvenUp((long)layer.Y + layer.Picture.Height));
        return x1 > x0 && y1 > y0 ? new FrameRegion(x0, y0, x1 - x0, y1 - y0) : default;
    }

    private static int EvenUp(long value) => (int)Math.Clamp(value + (value & 1), int.MinValue, int.MaxValue);

    private static void Add(List<FrameRegion> regions, FrameRegion region)
    {
        if (!region.IsEmpty) regions.Add(region);
    }

    /// <summary>Joins overlapping rectangles into their union until none overlap, so no pixel is drawn twice.</summary>
    private static void Merge(List<FrameRegion> regions)
    {
        for (var merged = true; merged;)
        {
            merged = false;
            for (var i = 0; i < regions.Count && !merged; i++)
            {
                for (var j = i + 1; j < regions.Count; j++)
                {
                    if (!regions[i].Overlaps(regions[j]))
                        continue;
                    regions[i] = regions[i].Union(regions[j]);
                    regions.RemoveAt(j);
                    merged = true;
                    break;
                }
            }
        }
    }
}
