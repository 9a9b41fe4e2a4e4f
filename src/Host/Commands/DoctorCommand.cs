using System.Runtime.InteropServices;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cuda;
using ScriptComposer.Gpu.Cuda.Native;
using ScriptComposer.Gpu.Diagnostics;
using ScriptComposer.Host.Configuration;

namespace ScriptComposer.Host.Commands;

/// <summary>
/// <c>sc doctor</c>: what this machine has (ffmpeg and its encoders, NVRTC, the CUDA driver and GPU), which backend
/// <c>--backend auto</c> picks and why; then compiles every kernel and a fused composite (cold, and again from the disk cache) and,
/// with a GPU, starts the CUDA backend as a render would and runs each operation (the fused composites and a pixel effect included)
/// on the CPU and the GPU, printing the largest per-channel difference. Each check catches its own failure and prints the error's
/// name, so one failure does not hide the others. Exit code 1 when a check fails, a kernel does not compile or load, or the GPU
/// disagrees with the CPU by more than 1.
/// </summary>
internal static class DoctorCommand
{
    private static readonly string[] EncodersOfInterest = ["libx264", "libx265", "libvpx-vp9", "prores_ks", "h264_nvenc"];

    /// <summary>The fused composite compiled as a check: plain, masked, faded and blended layers.</summary>
    private static readonly LayerShape[] SampleShape =
        [new(false, BlendMode.Normal, false), new(true, BlendMode.Normal, true), new(false, BlendMode.Screen, true), new(true, BlendMode.Multiply, false)];

    /// <exception cref="OperationCanceledException"><paramref name="cancellation"/> was cancelled (between checks, or between kernels).</exception>
    public static int Run(TextWriter output, bool verbose, ScOptions? options = null, CancellationToken cancellation = default)
    {
        options ??= ScOptions.Current;
        var cuda = options.Cuda;
        var healthy = true;
        healthy &= Check(output, "ffmpeg:      ", () => ReportFfmpeg(output));
        healthy &= Check(output, "cache:       ", () => ReportCache(output));
        cancellation.ThrowIfCancellationRequested();

        NvrtcStatus? nvrtc = null;
        CudaStatus? status = null;
        healthy &= Check(output, "NVRTC:       ", () =>
        {
            nvrtc = CudaLoader.ProbeNvrtc();
            output.WriteLine(nvrtc.IsAvailable
                ? $"NVRTC:        {nvrtc.VersionText} ({nvrtc.Library}), CUBIN {(nvrtc.CanEmitCubin ? "yes" : "no (PTX only)")}, architectures {Architectures(nvrtc.SupportedArchitectures, verbose)}"
                : $"NVRTC:        none ({nvrtc.Reason})");
            if (verbose && nvrtc.Version is not null)
            {
                output.WriteLine($"              file {nvrtc.LibraryFile ?? "unknown"}; builtins {nvrtc.Builtins ?? "not looked for"}");
                foreach (var passed in nvrtc.PassedOver)
                    output.WriteLine($"              passed over: {passed}");
            }
        });
        healthy &= Check(output, "CUDA driver: ", () =>
        {
            status = CudaLoader.Probe();
            output.WriteLine(status.DriverVersion is null
                ? $"CUDA driver:  none{(status.DriverLibrary is null ? "" : $" ({status.DriverLibrary})")}"
                : $"CUDA driver:  {status.DriverVersionText} ({status.DriverLibrary})");
            if (status.Devices.Count == 0)
                output.WriteLine("GPU:          none");
            foreach (var device in status.Devices)
                output.WriteLine($"GPU {device.Ordinal}:        {device.Name}, compute capability {device.ComputeMajor}.{device.ComputeMinor}, {device.TotalMemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB, {device.Multiprocessors} SMs");
            var (useCuda, reason) = Backends.AutoChoice();
            output.WriteLine($"--backend auto: {reason}");
            if (!useCuda)
                output.WriteLine("              so renders use the CPU backend: the same pixels (the test suite checks them against the CUDA kernels), only slower.");
        });
        if (verbose)
            ReportOptions(output, options);
        cancellation.ThrowIfCancellationRequested();

        output.WriteLine();
        if (nvrtc is not { IsAvailable: true })
        {
            output.WriteLine($"Kernels:      not compiled: {nvrtc?.Reason ?? "NVRTC could not be probed"}.");
            return healthy ? 0 : 1;
        }
        var kernels = false;
        healthy &= Check(output, "Kernels:     ", () => kernels = ReportKernels(output, nvrtc, status, verbose, cancellation)) && kernels;
        cancellation.ThrowIfCancellationRequested();

        output.WriteLine();
        if (status is not { IsAvailable: true })
        {
            output.WriteLine($"GPU vs CPU:   not run: {status?.Reason ?? "CUDA could not be probed"}.");
            return healthy ? 0 : 1;
        }
        healthy &= ReportComparison(output, cuda, cancellation);
        return healthy ? 0 : 1;
    }

    /// <summary>Runs one check; a failure is printed on its line, by the error's name, and makes the check unhealthy (a cancellation goes on up).</summary>
    private static bool Check(TextWriter output, string label, Action check)
    {
        try
        {
            check();
            return true;
        }
        catch (Exception e) when (!ScCli.IsCancellation(e))
        {
            output.WriteLine($"{label} FAILED: {ErrorText.Of(e)}");
            return false;
        }
    }

    private static void ReportFfmpeg(TextWriter output)
    {
        try
        {
            output.WriteLine($"ffmpeg:       {FfmpegTools.Version()} ({FfmpegTools.FfmpegPath})");
            var encoders = FfmpegTools.Encoders(); // ffmpeg -hide_banner -encoders
            output.WriteLine($"encoders:     {string.Join(", ", EncodersOfInterest.Select(e => $"{e} {EncoderState(e, encoders, CanLoad, NvencTrial)}"))}");
            output.WriteLine(Dsl.Media.Native.LibAvLibraries.Available
                ? $"decoding:     in process with {Dsl.Media.Native.LibAvLibraries.Description} for I420 video (scaled or not) read from near its start; ffmpeg processes otherwise"
                : $"decoding:     ffmpeg processes (in process: {Dsl.Media.Native.LibAvLibraries.Failure})");
        }
        catch (ScriptComposerException e)
        {
            output.WriteLine($"ffmpeg:       none ({e.Message})");
        }
    }

    /// <summary>The NVIDIA libraries an NVENC encoder opens when it starts: ffmpeg lists it whether or not they are here.</summary>
    internal static readonly string[] NvencLibraries = ["libcuda.so.1", "libnvidia-encode.so.1"];

    /// <summary>
    /// "yes" or "no" for whether ffmpeg has <paramref name="encoder"/>; for an NVENC encoder ffmpeg has, whether this machine can use it:
    /// unusable without the NVIDIA driver's libraries (<paramref name="canLoad"/>), else what a one-frame <paramref name="trial"/> says
    /// (null when it encoded).
    /// </summary>
    internal static string EncoderState(string encoder, IReadOnlySet<string> inFfmpeg, Func<string, bool> canLoad, Func<string, string?> trial)
    {
        if (!inFfmpeg.Contains(encoder))
            return "no";
        if (!encoder.EndsWith("_nvenc", StringComparison.Ordinal))
            return "yes";
        var missing = NvencLibraries.Where(library => !canLoad(library)).ToList();
        if (missing.Count > 0)
            return $"in ffmpeg but unusable here: it needs the NVIDIA driver ({string.Join(" and ", missing)} not found)";
        return trial(encoder) is { } failure ? $"in ffmpeg but a one-frame trial failed: {failure}" : "yes";
    }

    private static bool CanLoad(string library)
    {
        if (!NativeLibrary.TryLoad(library, out var handle))
            return false;
        NativeLibrary.Free(handle);
        return true;
    }

    /// <summary>One black frame through <paramref name="encoder"/> into nothing; null when it encoded, else ffmpeg's last words.</summary>
    private static string? NvencTrial(string encoder)
    {
        var (code, _, errors) = FfmpegTools.Run(FfmpegTools.FfmpegPath,
            ["-hide_banner", "-loglevel", "error", "-f", "lavfi", "-i", "color=c=black:s=256x144:r=25:d=0.04", "-frames:v", "1", "-c:v", encoder, "-f", "null", "-"]);
        return code == 0 ? null : errors.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).LastOrDefault() ?? $"ffmpeg exited with {code}";
    }

    /// <summary>Each setting sc read from the environment at start: its variable, its effective value, and where it came from.</summary>
    private static void ReportOptions(TextWriter output, ScOptions options)
    {
        output.WriteLine("options:      as read from the environment at start ([environment]), or sc's default where unset ([default]):");
        foreach (var option in options.Described)
            output.WriteLine($"  {option}");
    }

    private static readonly string[] CacheKinds = ["scripts", "probes", "tools", "kernels"];

    private static void ReportCache(TextWriter output)
    {
        if (DiskCache.Folder("scripts") is not { } scripts)
        {
            output.WriteLine("cache:        off (SC_NO_CACHE=1)");
            return;
        }
        var parts = CacheKinds.Select(kind =>
        {
            var folder = new DirectoryInfo(DiskCache.Folder(kind)!);
            var files = folder.Exists ? folder.GetFiles() : [];
            return $"{kind} {files.Length} ({files.Sum(f => f.Length) / (1024.0 * 1024):0.0} MiB)";
        });
        output.WriteLine($"cache:        {Path.GetDirectoryName(scripts)}: {string.Join(", ", parts)}; safe to delete");
    }

    private static string Architectures(IReadOnlyList<int> archs, bool verbose) =>
        archs.Count == 0 ? "unknown"
        : verbose || archs.Count <= 6 ? string.Join(" ", archs.Select(a => $"{a / 10}.{a % 10}"))
        : $"{archs[0] / 10}.{archs[0] % 10} to {archs[^1] / 10}.{archs[^1] % 10}";

    private static bool ReportKernels(TextWriter output, NvrtcStatus nvrtc, CudaStatus? cuda, bool verbose, CancellationToken cancellation)
    {
        KernelTarget target;
        string why;
        if (cuda is { IsAvailable: true } && KernelTarget.TryChoose(cuda.Device!, nvrtc, out var forDevice, out _))
        {
            (target, why) = (forDevice, $"for {cuda.Device!.Name}");
        }
        else
        {
            var arch = nvrtc.SupportedArchitectures.Contains(80) ? 80 : nvrtc.SupportedArchitectures.DefaultIfEmpty(52).Max();
            (target, why) = (new KernelTarget(arch, nvrtc.CanEmitCubin), "as a check, no GPU to target");
        }
        output.WriteLine($"Kernels:      NVRTC {nvrtc.VersionText}, {target} {why}; options {string.Join(' ', KernelCompiler.OptionsFor(target))}");
        output.WriteLine($"              disk cache {KernelCompiler.DefaultCacheDirectory} (timings below use a fresh scratch cache)");

        // Cold: a fresh cache folder, so every kernel is compiled. Then a second compiler reads each one from that disk cache.
        var scratch = Path.Combine(Path.GetTempPath(), $"sc-doctor-kernels-{Environment.ProcessId}");
        // Removed below, or as the process ends when Ctrl+C ends it in the middle of a compile.
        CleanupRegistry.Track(scratch);
        var healthy = true;
        try
        {
            var cold = new KernelCompiler(scratch, useMemoryCache: false);
            var fromDisk = new KernelCompiler(scratch, useMemoryCache: false);
            var fused = LayerKernel.For(SampleShape);
            var kernels = KernelSources.All.Select(k => (Name: k.Name, Source: k, Entries: string.Join(", ", k.EntryPoints)))
                .Append(("layers", fused.Source, $"fused composite of shape {string.Join("|", SampleShape)}"));
            foreach (var (name, source, entries) in kernels)
            {
                cancellation.ThrowIfCancellationRequested();
                try
                {
                    var first = cold.Compile(source, target);
                    var second = fromDisk.Compile(source, target);
                    output.WriteLine($"  {name,-14} compiled {first.Elapsed.TotalMilliseconds,7:0.0} ms, from disk cache {second.Elapsed.TotalMilliseconds,5:0.00} ms, {first.Image.Length,6} bytes  ({entries})");
                    if (verbose && !string.IsNullOrWhiteSpace(first.Log))
                        output.WriteLine($"    log: {first.Log.Trim()}");
                }
                catch (Exception e) when (e is KernelCompileException or CudaException)
                {
                    healthy = false;
                    output.WriteLine($"  {name,-14} FAILED: {ErrorText.Of(e)}");
                }
            }
        }
        finally
        {
            TemporaryOwner.Remove(scratch);
            CleanupRegistry.Forget(scratch);
        }
        return healthy;
    }

    /// <summary>
    /// Starts the CUDA backend as <c>--backend cuda</c> does (every kernel compiled into the user's cache and loaded, so the first
    /// render does not compile), then compares every operation with the CPU's.
    /// </summary>
    private static bool ReportComparison(TextWriter output, CudaOptions options, CancellationToken cancellation)
    {
        CudaBackend gpu;
        try
        {
            gpu = (CudaBackend)Backends.Create(BackendKind.Cuda, options, [SampleShape]).Backend;
        }
        catch (Exception e)
        {
            output.WriteLine($"GPU vs CPU:   not run: the CUDA backend did not start: {ErrorText.Of(e.InnerException ?? e)}");
            return false;
        }
        using (gpu)
        {
            output.WriteLine($"GPU vs CPU:   largest per-channel difference on random 257x131 inputs ({gpu.Device}; kernels for {gpu.TargetDescription}):");
            var healthy = true;
            cancellation.ThrowIfCancellationRequested();
            foreach (var result in BackendComparison.Run(gpu))
            {
                healthy &= result.Agrees;
                output.WriteLine(result.Error is { } error
                    ? $"  {result.Operation,-26} FAILED: {error}"
                    : $"  {result.Operation,-26} {result.LargestDifference,3}  {(result.Agrees ? "ok" : "DIFFERS (more than ±1)")}");
            }
            return healthy;
        }
    }
}
