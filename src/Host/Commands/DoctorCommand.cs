using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cuda;
using ScriptComposer.Gpu.Cuda.Native;
using ScriptComposer.Gpu.Diagnostics;

namespace ScriptComposer.Host.Commands;

/// <summary>
/// <c>sc doctor</c>: what this machine has (ffmpeg and its encoders, NVRTC, the CUDA driver and GPU), which backend
/// <c>--backend auto</c> picks and why; then compiles every kernel (cold, and again from the disk cache) and, with a GPU,
/// runs each operation on the CPU and the GPU and prints the largest per-channel difference. Exit code 1 when a kernel
/// does not compile or the GPU disagrees with the CPU by more than 1.
/// </summary>
internal static class DoctorCommand
{
    private static readonly string[] EncodersOfInterest = ["libx264", "libx265", "libvpx-vp9", "prores_ks", "h264_nvenc"];

    public static int Run(TextWriter output, bool verbose)
    {
        var healthy = true;
        ReportFfmpeg(output);
        ReportCache(output);

        var nvrtc = CudaLoader.ProbeNvrtc();
        var cuda = CudaLoader.Probe();
        output.WriteLine(nvrtc.IsAvailable
            ? $"NVRTC:        {nvrtc.VersionText} ({nvrtc.Library}), CUBIN {(nvrtc.CanEmitCubin ? "yes" : "no (PTX only)")}, architectures {Architectures(nvrtc.SupportedArchitectures, verbose)}"
            : $"NVRTC:        none ({nvrtc.Reason})");
        output.WriteLine(cuda.DriverVersion is null
            ? $"CUDA driver:  none{(cuda.DriverLibrary is null ? "" : $" ({cuda.DriverLibrary})")}"
            : $"CUDA driver:  {cuda.DriverVersionText} ({cuda.DriverLibrary})");
        if (cuda.Devices.Count == 0)
            output.WriteLine("GPU:          none");
        foreach (var device in cuda.Devices)
            output.WriteLine($"GPU {device.Ordinal}:        {device.Name}, compute capability {device.ComputeMajor}.{device.ComputeMinor}, {device.TotalMemoryBytes / (1024.0 * 1024 * 1024):0.0} GiB, {device.Multiprocessors} SMs");

        var (useCuda, reason) = Backends.AutoChoice();
        output.WriteLine($"--backend auto: {reason}");
        if (!useCuda)
            output.WriteLine("              so renders use the CPU backend: the same pixels (the test suite checks them against the CUDA kernels), only slower.");

        output.WriteLine();
        if (!nvrtc.IsAvailable)
        {
            output.WriteLine($"Kernels:      not compiled: {nvrtc.Reason}.");
            return healthy ? 0 : 1;
        }
        healthy &= ReportKernels(output, nvrtc, cuda, verbose);

        output.WriteLine();
        if (!cuda.IsAvailable)
        {
            output.WriteLine($"GPU vs CPU:   not run: {cuda.Reason}.");
            return healthy ? 0 : 1;
        }
        healthy &= ReportComparison(output);
        return healthy ? 0 : 1;
    }

    private static void ReportFfmpeg(TextWriter output)
    {
        try
        {
            output.WriteLine($"ffmpeg:       {FfmpegTools.Version()} ({FfmpegTools.FfmpegPath})");
            var encoders = FfmpegTools.Encoders(); // ffmpeg -hide_banner -encoders
            output.WriteLine($"encoders:     {string.Join(", ", EncodersOfInterest.Select(e => $"{e} {(encoders.Contains(e) ? "yes" : "no")}"))}");
            output.WriteLine(Dsl.Media.Native.LibAvLibraries.Available
                ? $"decoding:     in process with {Dsl.Media.Native.LibAvLibraries.Description} for I420 video (scaled or not) read from near its start; ffmpeg processes otherwise"
                : $"decoding:     ffmpeg processes (in process: {Dsl.Media.Native.LibAvLibraries.Failure})");
        }
        catch (ScriptComposerException e)
        {
            output.WriteLine($"ffmpeg:       none ({e.Message})");
        }
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

    private static bool ReportKernels(TextWriter output, NvrtcStatus nvrtc, CudaStatus cuda, bool verbose)
    {
        KernelTarget target;
        string why;
        if (cuda.IsAvailable && KernelTarget.TryChoose(cuda.Device!, nvrtc, out var forDevice, out _))
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
        var healthy = true;
        try
        {
            var cold = new KernelCompiler(scratch, useMemoryCache: false);
            var fromDisk = new KernelCompiler(scratch, useMemoryCache: false);
            // With a GPU, also fill the user's cache for it, so the first render does not compile.
            var user = cuda.IsAvailable ? new KernelCompiler() : null;
            foreach (var kernel in KernelSources.All)
            {
                try
                {
                    var first = cold.Compile(kernel, target);
                    var second = fromDisk.Compile(kernel, target);
                    user?.Compile(kernel, target);
                    output.WriteLine($"  {kernel.Name,-10} compiled {first.Elapsed.TotalMilliseconds,7:0.0} ms, from disk cache {second.Elapsed.TotalMilliseconds,5:0.00} ms, {first.Image.Length,6} bytes  ({string.Join(", ", kernel.EntryPoints)})");
                    if (verbose && !string.IsNullOrWhiteSpace(first.Log))
                        output.WriteLine($"    log: {first.Log.Trim()}");
                }
                catch (KernelCompileException e)
                {
                    healthy = false;
                    output.WriteLine($"  {kernel.Name,-10} FAILED: {e.Message}");
                }
            }
        }
        finally
        {
            try
            {
                Directory.Delete(scratch, recursive: true);
            }
            catch (IOException)
            {
            }
        }
        return healthy;
    }

    private static bool ReportComparison(TextWriter output)
    {
        using var gpu = new CudaBackend();
        gpu.Warm();
        output.WriteLine($"GPU vs CPU:   largest per-channel difference on random 257x131 inputs ({gpu.Device}):");
        var healthy = true;
        foreach (var (operation, difference) in BackendComparison.Run(gpu))
        {
            var ok = difference <= 1;
            healthy &= ok;
            output.WriteLine($"  {operation,-22} {difference,3}  {(ok ? "ok" : "DIFFERS (more than ±1)")}");
        }
        return healthy;
    }
}
