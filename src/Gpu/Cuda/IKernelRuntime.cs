namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// What <see cref="CudaBackend"/> needs from a device: memory, copies, kernels and launches with cuLaunchKernel's
/// <c>void**</c> argument array. <see cref="CudaRuntime"/> is the CUDA driver; the tests add one that runs the same
/// <c>.cu</c> sources compiled for the CPU, so the backend's launch code is tested without a GPU.
/// </summary>
internal unsafe interface IKernelRuntime : IDisposable
{
    /// <summary>The device, for humans.</summary>
    string DeviceName { get; }

    /// <summary>A device allocation of <paramref name="bytes"/> bytes.</summary>
    /// <exception cref="OutOfMemoryException">The device has no room.</exception>
    ulong Allocate(long bytes);

    void Free(ulong pointer);

    /// <summary>Queues a copy of <paramref name="source"/> to device memory; the span may be reused when this returns.</summary>
    void CopyToDevice(ReadOnlySpan<byte> source, ulong destination);

    /// <summary>Copies device memory to <paramref name="destination"/> after every queued operation; returns when done.</summary>
    void CopyToHost(ulong source, Span<byte> destination);

    /// <summary>Page-locked host memory of <paramref name="bytes"/> bytes, the target of <see cref="QueueCopyToHost"/>; freed with <see cref="FreeHost"/>.</summary>
    /// <exception cref="OutOfMemoryException">The system has no page-locked memory to give.</exception>
    byte* AllocateHost(long bytes);

    /// <summary>Frees memory from <see cref="AllocateHost"/>, once no queued copy writes into it.</summary>
    void FreeHost(byte* pointer);

    /// <summary>
    /// Queues a copy of device memory into <paramref name="destination"/> (inside memory from <see cref="AllocateHost"/>) behind every
    /// queued operation and returns at once: the bytes are there once an event recorded after it has been waited for.
    /// </summary>
    void QueueCopyToHost(ulong source, byte* destination, long bytes);

    /// <summary>An event recorded after every queued operation, for <see cref="WaitEvent"/>; given back with <see cref="ReleaseEvent"/>.</summary>
    nint RecordEvent();

    /// <summary>Returns once the work queued before <paramref name="recorded"/> was recorded has finished. Any thread may wait.</summary>
    void WaitEvent(nint recorded);

    void ReleaseEvent(nint recorded);

    /// <summary>The entry point <paramref name="entryPoint"/> of kernel file <paramref name="kernel"/> (compiled and loaded on first use).</summary>
    nint GetFunction(string kernel, string entryPoint);

    /// <summary>
    /// The entry point <paramref name="entryPoint"/> of a kernel generated at run time (a pixel effect), compiled and loaded on
    /// first use and cached by <see cref="KernelSource.Name"/> (which must identify the text, e.g. by a hash).
    /// </summary>
    /// <exception cref="KernelCompileException">NVRTC rejected the source.</exception>
    nint GetFunction(KernelSource source, string entryPoint);

    /// <summary>
    /// Compiles (or reads from the caches) and loads <paramref name="sources"/> now, several at once, so that their first
    /// <see cref="GetFunction(KernelSource, string)"/> finds them loaded.
    /// </summary>
    /// <exception cref="KernelCompileException">NVRTC rejected a source.</exception>
    void Prepare(IReadOnlyList<KernelSource> sources);

    /// <summary>Queues a 2D launch; <paramref name="arguments"/> holds one pointer per kernel parameter, as for cuLaunchKernel.</summary>
    void Launch(nint function, uint gridX, uint gridY, uint blockX, uint blockY, void** arguments, int argumentCount);

    void Synchronize();
}
