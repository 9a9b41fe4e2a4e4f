using SkiaSharp;

namespace ScriptComposer.Dsl.Text;

/// <summary>One face of a font file in the system font folders (a .ttc holds several), as the catalog lists it.</summary>
internal sealed record FontFace(string Path, int Index, string Family, int Weight, int Width, SKFontStyleSlant Slant)
{
    /// <summary>How far this face's style is from the one asked for; 0 is an exact match.</summary>
    public int Distance(int weight, int width, bool slanted) =>
        Math.Abs(Weight - weight) + 100 * Math.Abs(Width - width) + ((Slant != SKFontStyleSlant.Upright) == slanted ? 0 : 1000);
}
