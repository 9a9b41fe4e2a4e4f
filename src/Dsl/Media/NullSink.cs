namespace ScriptComposer.Dsl.Media;

/// <summary>A sink that only counts frames: <c>sc render -o null</c>, like ffmpeg's <c>-f null</c>, times the compositing alone.</summary>
public sealed class NullSink : IFrameSink
{
    public long Frames { get; private set; }

    public void WriteFrame(ReadOnlySpan<byte> frame) => Frames++;

    public long Complete() => 0;

    public void Dispose()
    {
    }
}
