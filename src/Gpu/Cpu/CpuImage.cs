namespace ScriptComposer.Gpu.Cpu;

/// <summary>An image in host memory, owned by <see cref="CpuBackend"/>; its buffer returns to the backend's pool on dispose.</summary>
public sealed class CpuImage : DeviceImage
{
    private readonly CpuBackend _owner;
    private byte[]? _pixels;

    internal CpuImage(CpuBackend owner, int width, int height, byte[] pixels) : base(width, height)
    {
        _owner = owner;
        _pixels = pixels;
    }

    internal CpuBackend Owner => _owner;

    internal byte[] PixelArray => _pixels ?? throw new ObjectDisposedException(nameof(CpuImage));

    /// <summary>The pixels, RGBA8 premultiplied, row-major; the array may be longer than <see cref="DeviceImage.ByteCount"/>.</summary>
    public Span<byte> Pixels => (_pixels ?? throw new ObjectDisposedException(nameof(CpuImage))).AsSpan(0, ByteCount);

    public override void Dispose()
    {
        var pixels = Interlocked.Exchange(ref _pixels, null);
        if (pixels is not null)
            _owner.Return(pixels);
    }
}
