namespace ScriptComposer.Dsl.Media;

/// <summary>
/// A decoded or drawn picture: RGBA8 premultiplied, row-major. Compared by reference: one load is one image.
/// <see cref="Path"/> is the file it came from, or a label such as <c>text "Summer"</c> when <see cref="IsFile"/> is false.
/// </summary>
public sealed class StillImage(string path, int width, int height, byte[] premultipliedRgba, bool isFile = true)
{
    public string Path { get; } = path;
    public bool IsFile { get; } = isFile;
    public int Width { get; } = width;
    public int Height { get; } = height;
    public ReadOnlyMemory<byte> Pixels { get; } = premultipliedRgba;
}
