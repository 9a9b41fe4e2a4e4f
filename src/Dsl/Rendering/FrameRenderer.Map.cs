using ScriptComposer.Dsl.Planning.Nodes;
using ScriptComposer.Gpu;

namespace ScriptComposer.Dsl.Rendering;

/// <summary>A script's <c>Map</c>: the frame leaves the device, the script's C# runs on it, and the result goes back up.</summary>
public sealed partial class FrameRenderer
{
    /// <summary>How many times a <c>Map</c> ran (each a download, the script's function and an upload), for <c>--verbose</c>.</summary>
    public long MappedFrames { get; private set; }

    private DeviceImage Mapped(MapNode node)
    {
        var (inner, innerOwned) = Draw(node.Inner);
        Image input;
        using (innerOwned ? inner : null)
        {
            var bytes = inner.Width * inner.Height * 4;
            if (_hostScratch.Length < bytes)
                _hostScratch = new byte[bytes];
            _backend.Download(inner, _hostScratch.AsSpan(0, bytes));
            input = Image.FromPremultiplied(_hostScratch.AsSpan(0, bytes), inner.Width, inner.Height);
        }
        Image output;
        try
        {
            output = node.Clip.Function(node.Time, input);
        }
        catch (Exception e) when (e is not ScriptComposerException)
        {
            throw new ScriptComposerException($"The Map function of {node.Clip.Inner.Describe()} failed at {node.Time:0.###} s: {e.Message}", e);
        }
        if (output is null || output.Width != node.Width || output.Height != node.Height)
            throw new ScriptComposerException(
                $"The Map function of {node.Clip.Inner.Describe()} returned {(output is null ? "null" : $"a {output.Width}x{output.Height} image")} at {node.Time:0.###} s; " +
                $"it must return a {node.Width}x{node.Height} image, the size of its input (return the image it was given, changed, or a new Image({node.Width}, {node.Height})).");
        var image = _backend.Allocate(node.Width, node.Height);
        _backend.Upload(output.Bytes, image);
        _backend.Premultiply(image);
        MappedFrames++;
        return image;
    }
}
