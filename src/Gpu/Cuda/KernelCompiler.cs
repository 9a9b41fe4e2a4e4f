using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.InteropServices;
using System.Text;
using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Gpu.Cuda;

/// <summary>
/// Compiles kernels with NVRTC and caches the images in memory (per process) and on disk, keyed by a SHA-256 of the
/// source and headers, the options, the NVRTC version and the target architecture. Thread-safe.
/// </summary>
public sealed unsafe class KernelCompiler
{
    /// <summary>
    /// The options every kernel is compiled with. <c>--fmad=false</c> keeps a·b + c as two roundings, as in the C#
    /// twins (RyuJIT never contracts to FMA); division and square root are IEEE-exact by default (-prec-div, -prec-sqrt).
    /// </summary>
    public static readonly IReadOnlyList<string> BaseOptions = ["--fmad=false", "--std=c++14"];

    private static readonly ConcurrentDictionary<string, byte[]> MemoryCache = new();

    private readonly NvrtcStatus _nvrtc;

    /// <param name="cacheDirectory">The disk cache; <see langword="null"/> for <see cref="DefaultCacheDirectory"/>, "" for none.</param>
    public KernelCompiler(string? cacheDirectory = null, bool useMemoryCache = true)
    {
        _nvrtc = CudaLoader.ProbeNvrtc();
        if (!_nvrtc.IsAvailable)
            throw new BackendUnavailableException($"Kernels cannot be compiled: {_nvrtc.Reason}.");
        CacheDirectory = cacheDirectory ?? DefaultCacheDirectory;
        UseMemoryCache = useMemoryCache;
    }

    private static volatile string? _defaultCacheDirectory;

    /// <summary>
    /// The disk cache of a compiler given none: what the host set at start (<c>SC_KERNEL_CACHE</c>), else the
    /// <see cref="DiskCache"/> folder "kernels" ("" for none when the disk caches are off). Setting null goes back to that.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.AllowNull]
    public static string DefaultCacheDirectory
    {
        get => _defaultCacheDirectory ?? DiskCache.Folder("kernels") ?? "";
        set => _defaultCacheDirectory = value;
    }

    public string CacheDirectory { get; }

    /// <summary>
    /// The first line of a cached image, with its checksum: a damaged PTX or CUBIN would otherwise fail cuModuleLoadData
    /// on every run until the cache was deleted; a damaged entry is compiled again instead.
    /// </summary>
    private const string CacheFormat = "sc-kernel 1";

    public bool UseMemoryCache { get; }

    public NvrtcStatus NvrtcStatus => _nvrtc;

    /// <summary>The options for <paramref name="target"/>: the architecture, then <see cref="BaseOptions"/>.</summary>
    public static IReadOnlyList<string> OptionsFor(KernelTarget target) => [target.ArchitectureOption, .. BaseOptions];

    /// <exception cref="KernelCompileException">NVRTC rejected the source.</exception>
    public CompiledKernel Compile(KernelSource source, KernelTarget target) => Compile(source, KernelSources.Headers, target);

    /// <exception cref="KernelCompileException">NVRTC rejected the source.</exception>
    public CompiledKernel Compile(KernelSource source, IReadOnlyList<KernelSource> headers, KernelTarget target)
    {
        if (target.Cubin && !_nvrtc.CanEmitCubin)
            throw new ArgumentException($"NVRTC {_nvrtc.VersionText} cannot emit CUBIN; compile for compute_{target.Architecture} (PTX).", nameof(target));
        var options = OptionsFor(target);
        var key = CacheKey(source, headers, options);
        var clock = Stopwatch.StartNew();

        if (UseMemoryCache && MemoryCache.TryGetValue(key, out var cached))
            return new CompiledKernel(source, target, cached, "", KernelCacheSource.Memory, clock.Elapsed);

        var file = CacheDirectory.Length == 0 ? null : Path.Combine(CacheDirectory, key + (target.Cubin ? ".cubin" : ".ptx"));
        if (file is not null && DiskCache.TryReadSealed(file, CacheFormat) is { } fromDisk)
        {
            if (UseMemoryCache)
                MemoryCache[key] = fromDisk;
            return new CompiledKernel(source, target, fromDisk, "", KernelCacheSource.Disk, clock.Elapsed);
        }

        var (image, log) = CompileWithNvrtc(source, headers, options, target.Cubin);
        if (file is not null)
            DiskCache.WriteSealed(file, CacheFormat, image);
        if (UseMemoryCache)
            MemoryCache[key] = image;
        return new CompiledKernel(source, target, image, log, KernelCacheSource.Compiled, clock.Elapsed);
    }

    /// <summary>
    /// Drops the cached image of <paramref name="source"/> for <paramref name="target"/>, in memory and on disk (one the driver
    /// refused to load: a damaged or stale entry), so that the next <see cref="Compile(KernelSource, KernelTarget)"/> compiles it.
    /// </summary>
    public void Forget(KernelSource source, KernelTarget target)
    {
        var key = CacheKey(source, KernelSources.Headers, OptionsFor(target));
        MemoryCache.TryRemove(key, out _);
        if (CacheDirectory.Length == 0)
            return;
        try
        {
            File.Delete(Path.Combine(CacheDirectory, key + (target.Cubin ? ".cubin" : ".ptx")));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A cache entry that cannot be deleted is compiled again all the same; only slower next time.
        }
    }

    private string CacheKey(KernelSource source, IReadOnlyList<KernelSource> headers, IReadOnlyList<string> options)
    {
        var text = new StringBuilder();
        text.Append("nvrtc ").Append(_nvrtc.VersionText).Append('\n');
        foreach (var option in options)
            text.Append("option ").Append(option).Append('\n');
        foreach (var part in headers.Prepend(source))
            text.Append("file ").Append(part.FileName).Append(' ').Append(part.Text.Length).Append('\n').Append(part.Text).Append('\n');
        return $"{source.Name}-{DiskCache.KeyOf($"{CacheFormat}\n{text}")}";
    }

    internal static (byte[] Image, string Log) CompileWithNvrtc(KernelSource source, IReadOnlyList<KernelSource> headers, IReadOnlyList<string> options, bool cubin)
    {
        var strings = new List<nint>();
        nint program = 0;
        try
        {
            byte* Utf8(string s)
            {
                var p = Marshal.StringToCoTaskMemUTF8(s);
                strings.Add(p);
                return (byte*)p;
            }

            var headerTexts = stackalloc byte*[Math.Max(1, headers.Count)];
            var headerNames = stackalloc byte*[Math.Max(1, headers.Count)];
            for (var i = 0; i < headers.Count; i++)
            {
                headerTexts[i] = Utf8(headers[i].Text);
                headerNames[i] = Utf8(headers[i].FileName);
            }
            Nvrtc.ThrowIfFailed(Nvrtc.nvrtcCreateProgram(&program, Utf8(source.Text), Utf8(source.FileName), headers.Count, headerTexts, headerNames));

            var optionPointers = stackalloc byte*[options.Count];
            for (var i = 0; i < options.Count; i++)
                optionPointers[i] = Utf8(options[i]);
            var result = Nvrtc.nvrtcCompileProgram(program, options.Count, optionPointers);
            var log = ProgramLog(program);
            if (result != 0)
                throw KernelCompileException.From(result, Nvrtc.ErrorString(result), source.Name, options, log);

            nuint size;
            byte[] image;
            if (cubin)
            {
                Nvrtc.ThrowIfFailed(Nvrtc.nvrtcGetCUBINSize(program, &size));
                image = new byte[size];
                fixed (byte* p = image)
                    Nvrtc.ThrowIfFailed(Nvrtc.nvrtcGetCUBIN(program, p));
            }
            else
            {
                Nvrtc.ThrowIfFailed(Nvrtc.nvrtcGetPTXSize(program, &size)); // includes the terminating NUL
                image = new byte[size];
                fixed (byte* p = image)
                    Nvrtc.ThrowIfFailed(Nvrtc.nvrtcGetPTX(program, p));
            }
            return (image, log);
        }
        finally
        {
            if (program != 0)
                _ = Nvrtc.nvrtcDestroyProgram(&program);
            foreach (var p in strings)
                Marshal.FreeCoTaskMem(p);
        }
    }

    /// <summary>The program log; a log NVRTC cannot give is said so in its place (it must not hide the compile's own error).</summary>
    private static string ProgramLog(nint program)
    {
        nuint size;
        var result = Nvrtc.nvrtcGetProgramLogSize(program, &size);
        if (result != 0)
            return $"(no log: nvrtcGetProgramLogSize failed with {Nvrtc.ErrorString(result)})";
        if (size <= 1)
            return "";
        var buffer = new byte[size];
        fixed (byte* p = buffer)
            result = Nvrtc.nvrtcGetProgramLog(program, p);
        return result != 0 ? $"(no log: nvrtcGetProgramLog failed with {Nvrtc.ErrorString(result)})" : Encoding.UTF8.GetString(buffer, 0, (int)size - 1);
    }
}
