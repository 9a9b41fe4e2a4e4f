namespace ScriptComposer.Dsl.Planning;

/// <summary>A rectangle of a frame, in pixels: [X, X + Width) × [Y, Y + Height).</summary>
public readonly record struct FrameRegion(int X, int Y, int Width, int Height)
{
    public int Right => X + Width;

    public int Bottom => Y + Height;

    public long Area => (long)Width * Height;

    public bool IsEmpty => Width <= 0 || Height <= 0;

    /// <summary>The smallest rectangle holding both.</summary>
    public FrameRegion Union(FrameRegion other)
    {
        if (IsEmpty) return other;
        if (other.IsEmpty) return this;
        var (x, y) = (Math.Min(X, other.X), Math.Min(Y, other.Y));
        return new FrameRegion(x, y, Math.Max(Right, other.Right) - x, Math.Max(Bottom, other.Bottom) - y);
    }

    public bool Overlaps(FrameRegion other) => !IsEmpty && !other.IsEmpty && X < other.Right && other.X < Right && Y < other.Bottom && other.Y < Bottom;
}
