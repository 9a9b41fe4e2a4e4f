namespace ScriptComposer.Dsl.Rendering;

/// <summary>How far a render has come.</summary>
public readonly record struct RenderProgress(long FramesDone, long FramesTotal, TimeSpan Elapsed)
{
    public double FramesPerSecond => Elapsed.TotalSeconds > 0 ? FramesDone / Elapsed.TotalSeconds : 0;
}
