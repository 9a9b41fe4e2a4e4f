namespace ScriptComposer.Gpu;

/// <summary>A straight-alpha 8-bit color, as users write it. Stored premultiplied on a device.</summary>
public readonly record struct Rgba(byte R, byte G, byte B, byte A = 255)
{
    public static Rgba Black => new(0, 0, 0);
    public static Rgba White => new(255, 255, 255);
    public static Rgba Transparent => new(0, 0, 0, 0);

    public override string ToString() => A == 255 ? $"#{R:x2}{G:x2}{B:x2}" : $"#{R:x2}{G:x2}{B:x2}{A:x2}";
}
