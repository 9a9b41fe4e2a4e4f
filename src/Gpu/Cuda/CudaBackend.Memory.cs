namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// Device memory: the image pool, the buffers kept for copies (I420 frames in and out, fused layer values), host copies, and the
/// page-locked host frames that frames leave the device into without the caller waiting.
/// </summary>
public sealed unsafe partial class CudaBackend
{
    private readonly Dictionary<long, Stack<ulong>> _free = [];
    private readonly HashSet<ulong> _allocated = [];

    /// <summary>Every host frame made, lent or not (freed with the backend), and those not lent now, by length.</summary>
    private readonly List<PinnedHostFrame> _hostFrames = [];
    private readonly Dictionary<int, Stack<PinnedHostFrame>> _idleHostFrames = [];

    /// <summary>Written by a kernel, then downloaded: an I420 frame out (ConvertToYuv420, CompositeLayersToI420, MixI420Layers).</summary>
    private ScratchBuffer _i420Output;

    /// <summary>Uploaded, then read by a kernel: an I420 frame in (UploadYuv420).</summary>
    private ScratchBuffer _i420Input;

    /// <summary>Uploaded, then read by a fused composite kernel: its array of <see cref="LayerValues"/>.</summary>
    private ScratchBuffer _layerValues;

    /// <summary>One per layer of MixI420Layers, uploaded as the launches are queued.</summary>
    private ScratchBuffer[] _i420Layers = [];

    /// <summary>A device buffer that only grows (after the queued work that may use it) and is freed with the backend.</summary>
    private struct ScratchBuffer
    {
        public ulong Pointer;
        public long Bytes;
    }

    public DeviceImage Allocate(int width, int height)
    {
        var bytes = checked((long)width * height * 4);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_free.TryGetValue(bytes, out var stack) && stack.TryPop(out var pooled))
                return new CudaImage(this, width, height, pooled);
        }
        ulong pointer;
        try
        {
            pointer = _runtime.Allocate(bytes);
        }
        catch (OutOfMemoryException)
        {
            TrimPool();
            pointer = _runtime.Allocate(bytes);
        }
        lock (_gate)
            _allocated.Add(pointer);
        return new CudaImage(this, width, height, pointer);
    }

    internal void Return(ulong pointer, long bytes)
    {
        lock (_gate)
        {
            if (_disposed)
                return;
            if (!_free.TryGetValue(bytes, out var stack))
                _free[bytes] = stack = new Stack<ulong>();
            stack.Push(pointer);
        }
    }

    /// <summary>Frees every pooled allocation no image is using.</summary>
    public void TrimPool()
    {
        lock (_gate)
        {
            _runtime.Synchronize();
            foreach (var pointer in _free.Values.SelectMany(s => s))
            {
                _allocated.Remove(pointer);
                _runtime.Free(pointer);
            }
            _free.Clear();
        }
    }

    public void Upload(ReadOnlySpan<byte> rgba, DeviceImage target)
    {
        var image = Mine(target);
        if (rgba.Length != image.ByteCount)
            throw new ArgumentException($"Upload of {rgba.Length} bytes into a {image.Width}x{image.Height} image ({image.ByteCount} bytes).", nameof(rgba));
        _runtime.CopyToDevice(rgba, image.Pointer);
    }

    public void Download(DeviceImage source, Span<byte> rgba)
    {
        var image = Mine(source);
        if (rgba.Length < image.ByteCount)
            throw new ArgumentException($"Download of a {image.Width}x{image.Height} image needs {image.ByteCount} bytes; the buffer has {rgba.Length}.", nameof(rgba));
        CopyOut(image.Pointer, rgba[..image.ByteCount]);
    }

    public Memory<byte> RentHostFrame(int bytes)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(bytes);
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_idleHostFrames.TryGetValue(bytes, out var idle) && idle.TryPop(out var pooled))
                return pooled.Memory;
            byte* pointer;
            try
            {
                pointer = _runtime.AllocateHost(bytes);
            }
            catch (OutOfMemoryException)
            {
                return GC.AllocateUninitializedArray<byte>(bytes); // plain memory: copies into it are waited for, as into any other
            }
            var frame = new PinnedHostFrame(pointer, bytes);
            _hostFrames.Add(frame);
            return frame.Memory;
        }
    }

    public void ReturnHostFrame(Memory<byte> frame)
    {
        if (!System.Runtime.InteropServices.MemoryMarshal.TryGetMemoryManager<byte, PinnedHostFrame>(frame, out var pinned))
            return;
        lock (_gate)
        {
            if (_disposed || !_hostFrames.Contains(pinned))
                return;
            if (!_idleHostFrames.TryGetValue(pinned.Length, out var idle))
                _idleHostFrames[pinned.Length] = idle = new Stack<PinnedHostFrame>();
            if (!idle.Contains(pinned))
                idle.Push(pinned);
        }
    }

    public DeviceFence Fence()
    {
        var recorded = _runtime.RecordEvent();
        return new DeviceFence(() => _runtime.WaitEvent(recorded), () => _runtime.ReleaseEvent(recorded));
    }

    /// <summary>
    /// Copies device memory to the host: queued when <paramref name="destination"/> lies in a host frame this backend lent (whole after a
    /// later fence), else waited for.
    /// </summary>
    private void CopyOut(ulong source, Span<byte> destination)
    {
        if (IsHostFrame(destination))
        {
            fixed (byte* start = destination)
                _runtime.QueueCopyToHost(source, start, destination.Length);
            return;
        }
        _runtime.CopyToHost(source, destination);
    }

    private bool IsHostFrame(ReadOnlySpan<byte> span)
    {
        lock (_gate)
        {
            foreach (var frame in _hostFrames)
                if (frame.Holds(span))
                    return true;
            return false;
        }
    }

    /// <summary>The device buffer layer <paramref name="index"/>'s I420 frame is uploaded to: one per layer, as the launches are queued.</summary>
    private ulong I420LayerInput(int index, long bytes)
    {
        lock (_gate)
        {
            if (_i420Layers.Length <= index)
                Array.Resize(ref _i420Layers, index + 1);
        }
        return Scratch(ref _i420Layers[index], bytes);
    }

    /// <summary>
    /// <paramref name="buffer"/>'s device pointer, at least <paramref name="bytes"/> long: grown (after the queued work that may use it)
    /// and never shrunk.
    /// </summary>
    private ulong Scratch(ref ScratchBuffer buffer, long bytes)
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (buffer.Bytes < bytes)
            {
                if (buffer.Pointer != 0)
                {
                    _runtime.Synchronize();
                    _runtime.Free(buffer.Pointer);
                    buffer = default;
                }
                buffer.Pointer = _runtime.Allocate(bytes);
                buffer.Bytes = bytes;
            }
            return buffer.Pointer;
        }
    }

    /// <summary>Frees every allocation (images, kept buffers and host frames); called once, under the gate, from Dispose.</summary>
    private void FreeAll()
    {
        foreach (var frame in _hostFrames)
            _runtime.FreeHost(frame.Pointer);
        foreach (var pointer in _allocated)
            _runtime.Free(pointer);
        foreach (var buffer in (ReadOnlySpan<ScratchBuffer>)[_i420Output, _i420Input, _layerValues, .. _i420Layers])
            if (buffer.Pointer != 0)
                _runtime.Free(buffer.Pointer);
    }

    private void ForgetAll()
    {
        _allocated.Clear();
        _free.Clear();
        _hostFrames.Clear();
        _idleHostFrames.Clear();
        _i420Output = default;
        _i420Input = default;
        _layerValues = default;
        _i420Layers = [];
    }
}
