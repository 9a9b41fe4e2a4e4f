namespace ScriptComposer.Dsl.Media;

/// <summary>A decoded picture: RGBA8 premultiplied, row-major. Compared by reference: one load is one image.</summary>
public sealed class StillImage(string path, int width, int height, byte[] premultipliedRgba)
{
    public string Path { get; } = path;
    public int Width { get; } = width;
    public int Height { get; } = height;
    public ReadOnlyMemory<byte> Pixels { get; } = premultipliedRgba;
}
