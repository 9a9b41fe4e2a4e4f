using ScriptComposer.Dsl.Planning.Nodes;
using ScriptComposer.Dsl.Transforms;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Planning;

/// <summary>
/// Crops, margins and resizes, whose values may change with the clip's time: the planner asks the script's function for this
/// moment's rectangle, sides or size, so the plan holds plain numbers. A picture smaller than the clip's box (the largest it
/// reaches) is centered in it on transparency.
/// </summary>
public sealed partial class FramePlanner
{
    private static PlanNode Cropped(CropClip crop, PlanNode inner, double time)
    {
        if (crop.RectangleAt is not { } rectangle)
            return new PlaceNode(inner, crop.Width, crop.Height, -crop.X, -crop.Y, Rgba.Transparent);
        var (x, y, width, height) = rectangle(time);
        (width, height) = (Math.Min(width, crop.Width), Math.Min(height, crop.Height));
        return Centered(new PlaceNode(inner, width, height, -x, -y, Rgba.Transparent), crop.Width, crop.Height);
    }

    private static PlanNode Margined(MarginClip margin, PlanNode inner, double time)
    {
        if (margin.SidesAt is not { } sidesAt)
            return Bordered(inner, margin.Width, margin.Height, margin.Left, margin.Top, margin.Color);
        var (left, right, top, bottom) = sidesAt(time);
        var (width, height) = (Math.Min(inner.Width + left + right, margin.Width), Math.Min(inner.Height + top + bottom, margin.Height));
        return Centered(Bordered(inner, width, height, left, top, margin.Color), margin.Width, margin.Height);
    }

    /// <summary>
    /// <paramref name="inner"/> at (<paramref name="left"/>, <paramref name="top"/>) of a <paramref name="width"/>×<paramref name="height"/>
    /// box whose border around it is <paramref name="color"/>: the inside keeps the clip's own transparency (moviepy margins the mask too),
    /// so the color is laid as four bands, not under the clip.
    /// </summary>
    private static PlanNode Bordered(PlanNode inner, int width, int height, int left, int top, Rgba color)
    {
        if (color.A == 0)
            return new PlaceNode(inner, width, height, left, top, Rgba.Transparent);
        var (innerWidth, innerHeight) = (Math.Min(inner.Width, width - left), Math.Min(inner.Height, height - top));
        (int X, int Y, int W, int H)[] bands =
        [
            (0, 0, width, top),                                                     // above
            (0, top + innerHeight, width, height - top - innerHeight),              // below
            (0, top, left, innerHeight),                                            // left
            (left + innerWidth, top, width - left - innerWidth, innerHeight),       // right
        ];
        var layers = bands.Where(b => b.W > 0 && b.H > 0)
            .Select(b => new CompositeLayer(new ColorSource(b.W, b.H, color), b.X, b.Y, 1f, null, BlendMode.Normal, default))
            .Append(new CompositeLayer(inner, left, top, 1f, null, BlendMode.Normal, default))
            .ToArray();
        return new CompositeNode(width, height, Rgba.Transparent, new ValueList<CompositeLayer>(layers, false));
    }

    private static PlanNode Resized(ResizeClip resize, PlanNode inner, double time)
    {
        if (resize.SizeAt is not { } sizeAt)
            return new ResizeNode(inner, resize.Width, resize.Height, resize.Filter);
        var (width, height) = sizeAt(time);
        (width, height) = (Math.Min(width, resize.Width), Math.Min(height, resize.Height));
        return Centered(new ResizeNode(inner, width, height, resize.Filter), resize.Width, resize.Height);
    }

    /// <summary><paramref name="node"/> in the middle of a transparent <paramref name="width"/>×<paramref name="height"/> box (itself when it fills it).</summary>
    private static PlanNode Centered(PlanNode node, int width, int height) =>
        node.Width == width && node.Height == height
            ? node
            : new PlaceNode(node, width, height, (width - node.Width) / 2, (height - node.Height) / 2, Rgba.Transparent);
}
