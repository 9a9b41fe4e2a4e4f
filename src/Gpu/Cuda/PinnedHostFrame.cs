using System.Buffers;

namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// Page-locked host memory lent as a frame by <see cref="CudaBackend.RentHostFrame"/>: copies into it are queued, not waited for.
/// The backend frees it when it is disposed, not when the memory is given back (it is pooled), so the memory outlives every reader.
/// </summary>
internal sealed unsafe class PinnedHostFrame(byte* pointer, int length) : MemoryManager<byte>
{
    public byte* Pointer { get; } = pointer;

    public int Length { get; } = length;

    /// <summary>Whether <paramref name="span"/> lies inside this frame.</summary>
    public bool Holds(ReadOnlySpan<byte> span)
    {
        fixed (byte* start = span)
            return start >= Pointer && start + span.Length <= Pointer + Length;
    }

    public override Span<byte> GetSpan() => new(Pointer, Length);

    public override MemoryHandle Pin(int elementIndex = 0) => new(Pointer + elementIndex);

    public override void Unpin()
    {
    }

    protected override void Dispose(bool disposing)
    {
    }
}
