namespace ScriptComposer.Dsl.Media;

/// <summary>Where a render's frames go, one after another: an encoder, or nowhere (a null output, for timing the compositing alone).</summary>
public interface IFrameSink : IDisposable
{
    /// <summary>Takes one frame in the render's pipe format.</summary>
    void WriteFrame(ReadOnlySpan<byte> frame);

    /// <summary>The frames written so far.</summary>
    long Frames { get; }

    /// <summary>Finishes the output once every frame is written; returns its size in bytes.</summary>
    long Complete();
}
