using System.Runtime.InteropServices;

namespace ScriptComposer.Bench.EndToEnd;

/// <summary>
/// CPU time (user + system) used so far by this process and by its children that have exited and been waited for (getrusage), so a
/// render's CPU splits into sc's own and its ffmpeg processes'.
/// </summary>
internal readonly partial record struct CpuTime(TimeSpan Self, TimeSpan Children)
{
    public static CpuTime Now() => new(Usage(RusageSelf), Usage(RusageChildren));

    public static CpuTime operator -(CpuTime a, CpuTime b) => new(a.Self - b.Self, a.Children - b.Children);

    private const int RusageSelf = 0;
    private const int RusageChildren = -1;

    private static TimeSpan Usage(int who)
    {
        if (getrusage(who, out var usage) != 0)
            return TimeSpan.Zero;
        static TimeSpan Of(in Timeval t) => TimeSpan.FromSeconds(t.Seconds) + TimeSpan.FromMicroseconds(t.Microseconds);
        return Of(usage.User) + Of(usage.System);
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timeval
    {
        public long Seconds;
        public long Microseconds;
    }

    /// <summary>struct rusage on 64-bit Linux: two timevals, then 14 longs.</summary>
    [StructLayout(LayoutKind.Sequential)]
    private struct Rusage
    {
        public Timeval User;
        public Timeval System;
        public unsafe fixed long Rest[14];
    }

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int getrusage(int who, out Rusage usage);
}
