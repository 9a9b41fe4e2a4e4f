namespace ScriptComposer.Gpu;

/// <summary>
/// An RGBA8 premultiplied image owned by a backend (host memory for the CPU backend, device memory for CUDA).
/// Only the backend that allocated an image may read or write it.
/// </summary>
public abstract class DeviceImage : IDisposable
{
    protected DeviceImage(int width, int height)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        Width = width;
        Height = height;
    }

    public int Width { get; }
    public int Height { get; }
    public int ByteCount => Width * Height * 4;

    public abstract void Dispose();
}
