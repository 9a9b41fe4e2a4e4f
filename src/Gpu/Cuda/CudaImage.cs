namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// An image in device memory, owned by <see cref="CudaBackend"/>; its allocation returns to the backend's pool on dispose.
/// No finalizer: an image that is never disposed is freed with its backend.
/// </summary>
public sealed class CudaImage : DeviceImage
{
    private ulong _pointer;

    internal CudaImage(CudaBackend owner, int width, int height, ulong pointer) : base(width, height)
    {
        Owner = owner;
        _pointer = pointer;
    }

    internal CudaBackend Owner { get; }

    /// <summary>The CUdeviceptr of the first pixel.</summary>
    internal ulong Pointer => _pointer != 0 ? _pointer : throw new ObjectDisposedException(nameof(CudaImage));

    public override void Dispose()
    {
        var pointer = Interlocked.Exchange(ref _pointer, 0);
        if (pointer != 0)
            Owner.Return(pointer, ByteCount);
    }
}
