using System.Runtime.InteropServices;

namespace ScriptComposer.Dsl.Media.Native;

/// <summary>
/// The libswresample calls (and the libavutil option and layout calls they need) that resample sound in process, as
/// ffmpeg's <c>aresample</c> filter does with the same library and options. Bound through function pointers to the
/// libswresample of the release <see cref="LibAvLibraries"/> loaded, so it needs no resolver of its own; only
/// <c>SwrContext</c> handles and <c>AVChannelLayout</c> values (24 bytes since FFmpeg 5.1) cross the boundary.
/// </summary>
internal static unsafe class LibSwr
{
    /// <summary>libavformat major → libswresample major, for the releases <see cref="LibAvLibraries"/> takes.</summary>
    private static readonly Dictionary<uint, int> Releases = new() { [59] = 4, [61] = 5, [62] = 6 };

    /// <summary>AV_SAMPLE_FMT_FLT: packed 32-bit float.</summary>
    internal const int SampleFormatFloat = 3;

    /// <summary>SWR_ENGINE_SOXR.</summary>
    private const long EngineSoxr = 1;

    private static readonly Lazy<Functions?> Loaded = new(Load);

    [StructLayout(LayoutKind.Sequential)]
    private struct ChannelLayout
    {
        public int Order;
        public int Channels;
        public ulong Mask;
        public nint Opaque;
    }

    private sealed class Functions
    {
        public delegate* unmanaged<nint*, ChannelLayout*, int, int, ChannelLayout*, int, int, int, nint, int> AllocSetOptions;
        public delegate* unmanaged<nint, int> Init;
        public delegate* unmanaged<nint, byte**, int, byte**, int, int> Convert;
        public delegate* unmanaged<nint, int, int> OutSamples;
        public delegate* unmanaged<nint*, void> Free;
        public delegate* unmanaged<nint, byte*, long, int, int> SetInt;
        public delegate* unmanaged<nint, byte*, double, int, int> SetDouble;
        public delegate* unmanaged<ChannelLayout*, int, void> DefaultLayout;
    }

    /// <summary>Whether sound can be resampled in process.</summary>
    public static bool Available => Loaded.Value is not null;

    private static Functions? Load()
    {
        if (!LibAvLibraries.Available || !Releases.TryGetValue(LibAv.avformat_version() >> 16, out var major))
            return null;
        var util = LibAv.avutil_version() >> 16;
        if (!NativeLibrary.TryLoad($"libswresample.so.{major}", out var swr) || !NativeLibrary.TryLoad($"libavutil.so.{util}", out var avutil))
            return null;
        try
        {
            return new Functions
            {
                AllocSetOptions = (delegate* unmanaged<nint*, ChannelLayout*, int, int, ChannelLayout*, int, int, int, nint, int>)NativeLibrary.GetExport(swr, "swr_alloc_set_opts2"),
                Init = (delegate* unmanaged<nint, int>)NativeLibrary.GetExport(swr, "swr_init"),
                Convert = (delegate* unmanaged<nint, byte**, int, byte**, int, int>)NativeLibrary.GetExport(swr, "swr_convert"),
                OutSamples = (delegate* unmanaged<nint, int, int>)NativeLibrary.GetExport(swr, "swr_get_out_samples"),
                Free = (delegate* unmanaged<nint*, void>)NativeLibrary.GetExport(swr, "swr_free"),
                SetInt = (delegate* unmanaged<nint, byte*, long, int, int>)NativeLibrary.GetExport(avutil, "av_opt_set_int"),
                SetDouble = (delegate* unmanaged<nint, byte*, double, int, int>)NativeLibrary.GetExport(avutil, "av_opt_set_double"),
                DefaultLayout = (delegate* unmanaged<ChannelLayout*, int, void>)NativeLibrary.GetExport(avutil, "av_channel_layout_default"),
            };
        }
        catch (EntryPointNotFoundException)
        {
            return null;
        }
    }

    /// <summary>
    /// A resampler of packed float sound with <paramref name="channels"/> channels from <paramref name="inRate"/> to
    /// <paramref name="outRate"/>, set up as <c>aresample=OUT:resampler=soxr:precision=28</c> (or, without soxr, as
    /// <c>aresample=OUT:filter_size=128:phase_shift=10:cutoff=0.97</c>); 0 when it cannot be made.
    /// </summary>
    public static nint Create(int channels, int inRate, int outRate, bool soxr)
    {
        var f = Loaded.Value;
        if (f is null)
            return 0;
        var layout = default(ChannelLayout);
        f.DefaultLayout(&layout, channels);
        nint context = 0;
        if (f.AllocSetOptions(&context, &layout, SampleFormatFloat, outRate, &layout, SampleFormatFloat, inRate, 0, 0) < 0 || context == 0)
            return 0;
        var set = soxr
            ? SetInt(f, context, "resampler"u8, EngineSoxr) && SetDouble(f, context, "precision"u8, 28)
            : SetInt(f, context, "filter_size"u8, 128) && SetInt(f, context, "phase_shift"u8, 10) && SetDouble(f, context, "cutoff"u8, 0.97);
        if (!set || f.Init(context) < 0)
        {
            f.Free(&context);
            return 0;
        }
        return context;
    }

    /// <summary>At most how many frames the next <see cref="Convert"/> of <paramref name="inFrames"/> frames gives.</summary>
    public static int OutFrames(nint context, int inFrames) => Loaded.Value!.OutSamples(context, inFrames);

    /// <summary>Resamples <paramref name="inFrames"/> frames (none: the end, which drains what is held) into <paramref name="output"/>; the frames written.</summary>
    public static int Convert(nint context, float* input, int inFrames, float* output, int outFrames)
    {
        var outPlanes = stackalloc byte*[] { (byte*)output };
        var inPlanes = stackalloc byte*[] { (byte*)input };
        return Loaded.Value!.Convert(context, outPlanes, outFrames, input is null ? null : inPlanes, inFrames);
    }

    public static void Free(nint context)
    {
        if (context != 0)
            Loaded.Value!.Free(&context);
    }

    private static bool SetInt(Functions f, nint context, ReadOnlySpan<byte> name, long value)
    {
        Span<byte> key = stackalloc byte[name.Length + 1];
        name.CopyTo(key);
        key[^1] = 0;
        fixed (byte* k = key)
            return f.SetInt(context, k, value, 0) >= 0;
    }

    private static bool SetDouble(Functions f, nint context, ReadOnlySpan<byte> name, double value)
    {
        Span<byte> key = stackalloc byte[name.Length + 1];
        name.CopyTo(key);
        key[^1] = 0;
        fixed (byte* k = key)
            return f.SetDouble(context, k, value, 0) >= 0;
    }
}
