namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// cuLaunchKernel's <c>void**</c> argument array over caller-provided (stack) memory: one 8-byte slot per argument holds its
/// value and <see cref="Pointers"/>[i] points at slot i. For launches whose argument list is only known at run time (the fused
/// kernels); nothing is boxed or allocated.
/// </summary>
internal unsafe ref struct KernelArguments
{
    private readonly ulong* _slots;
    private readonly void** _pointers;
    private readonly int _capacity;

    public KernelArguments(ulong* slots, void** pointers, int capacity)
    {
        _slots = slots;
        _pointers = pointers;
        _capacity = capacity;
    }

    public int Count { get; private set; }

    public readonly void** Pointers => _pointers;

    public void Add(ulong pointer) => *(ulong*)Next() = pointer;

    public void Add(int value) => *(int*)Next() = value;

    public void Add(float value) => *(float*)Next() = value;

    private void* Next()
    {
        if (Count >= _capacity)
            throw new InvalidOperationException($"More than {_capacity} kernel arguments.");
        var slot = _slots + Count;
        *slot = 0;
        _pointers[Count] = slot;
        Count++;
        return slot;
    }
}
