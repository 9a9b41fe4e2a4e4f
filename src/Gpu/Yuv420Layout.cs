namespace ScriptComposer.Gpu;

/// <summary>Sizes of the planes of an I420 (yuv420p) frame.</summary>
public readonly record struct Yuv420Layout(int Width, int Height)
{
    public int ChromaWidth => (Width + 1) / 2;
    public int ChromaHeight => (Height + 1) / 2;
    public int LumaBytes => Width * Height;
    public int ChromaBytes => ChromaWidth * ChromaHeight;
    public int TotalBytes => LumaBytes + 2 * ChromaBytes;
}
