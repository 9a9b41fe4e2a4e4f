using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Transforms;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// Where a point of a clip's picture lands in the box of a transform over it (a resize scales it, a crop or a margin moves
/// it, a mirror flips it): <c>outer = scale · inner + offset</c> on each axis. The studio places a nested composite's layers
/// with it in the box their parent shows in.
/// </summary>
internal readonly record struct PicturePlacement(double ScaleX, double ScaleY, double OffsetX, double OffsetY)
{
    public static PicturePlacement Identity { get; } = new(1, 1, 0, 0);

    /// <summary>This placement, then <paramref name="outer"/> (the transform over it).</summary>
    public PicturePlacement Then(PicturePlacement outer) =>
        new(outer.ScaleX * ScaleX, outer.ScaleY * ScaleY, outer.ScaleX * OffsetX + outer.OffsetX, outer.ScaleY * OffsetY + outer.OffsetY);

    /// <summary>The box a <paramref name="width"/>×<paramref name="height"/> picture at <paramref name="at"/> lands in, to the nearest pixel.</summary>
    public (int X, int Y, int Width, int Height) Of((int X, int Y) at, int width, int height)
    {
        var (left, right) = Span(at.X, width, ScaleX, OffsetX);
        var (top, bottom) = Span(at.Y, height, ScaleY, OffsetY);
        return ((int)Math.Round(left), (int)Math.Round(top), (int)Math.Round(right - left), (int)Math.Round(bottom - top));

        static (double From, double To) Span(int start, int length, double scale, double offset)
        {
            var (a, b) = (scale * start + offset, scale * (start + length) + offset);
            return (Math.Min(a, b), Math.Max(a, b));
        }
    }

    /// <summary>
    /// How <paramref name="transform"/> places its inner clip's picture at its own source time <paramref name="time"/> (as the
    /// frame planner draws it: an animated resize, crop or margin centered in its largest box); null for one that moves pixels
    /// in a way not known here (a rotation, an effect that changes the size).
    /// </summary>
    public static PicturePlacement? Step(Clip transform, double time) => transform switch
    {
        ResizeClip resize => Resized(resize, time),
        CropClip crop => Cropped(crop, time),
        MarginClip margin => Margined(margin, time),
        MapClip => Identity,
        EffectClip { Effect: MirrorEffect mirror } effect => mirror.Horizontal ? new(-1, 1, effect.Inner.Width, 0) : new(1, -1, 0, effect.Inner.Height),
        EffectClip { Effect: RotateEffect } => null,
        EffectClip effect when effect.Width == effect.Inner.Width && effect.Height == effect.Inner.Height => Identity,
        _ => null,
    };

    private static PicturePlacement Resized(ResizeClip resize, double time)
    {
        var (width, height) = resize.SizeAt is { } sizeAt ? sizeAt(time) : (resize.Width, resize.Height);
        (width, height) = (Math.Min(width, resize.Width), Math.Min(height, resize.Height));
        return new((double)width / resize.Inner.Width, (double)height / resize.Inner.Height, (resize.Width - width) / 2, (resize.Height - height) / 2);
    }

    private static PicturePlacement Cropped(CropClip crop, double time)
    {
        if (crop.RectangleAt is not { } rectangle)
            return new(1, 1, -crop.X, -crop.Y);
        var (x, y, width, height) = rectangle(time);
        (width, height) = (Math.Min(width, crop.Width), Math.Min(height, crop.Height));
        return new(1, 1, -x + (crop.Width - width) / 2, -y + (crop.Height - height) / 2);
    }

    private static PicturePlacement Margined(MarginClip margin, double time)
    {
        if (margin.SidesAt is not { } sidesAt)
            return new(1, 1, margin.Left, margin.Top);
        var (left, right, top, bottom) = sidesAt(time);
        var (width, height) = (Math.Min(margin.Inner.Width + left + right, margin.Width), Math.Min(margin.Inner.Height + top + bottom, margin.Height));
        return new(1, 1, left + (margin.Width - width) / 2, top + (margin.Height - height) / 2);
    }
}
