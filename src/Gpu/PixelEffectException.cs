namespace ScriptComposer.Gpu;

/// <summary>A pixel effect cannot run on the chosen backend: it has no version for it, or its CUDA code does not compile.</summary>
public class PixelEffectException : Exception
{
    public PixelEffectException(string message) : base(message)
    {
    }

    public PixelEffectException(string message, Exception inner) : base(message, inner)
    {
    }
}
