namespace ScriptComposer.Gpu.Cpu;

/// <summary>
/// How many cores the CPU backend's row loops use in this process: all of them unless the host gives fewer
/// (<c>SC_THREADS</c>; each <c>sc render --jobs N</c> worker gets its share of the machine, so N workers do not each start
/// a thread per core and fight over the cores). The bytes a kernel writes are the same for any count.
/// </summary>
public static class CpuThreads
{
    private static int _count = Environment.ProcessorCount;

    /// <summary>The cores a row loop runs on, the calling thread included (at least 1).</summary>
    public static int Count
    {
        get => Volatile.Read(ref _count);
        set
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, 1);
            Volatile.Write(ref _count, value);
        }
    }
}
