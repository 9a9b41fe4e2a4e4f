using ScriptComposer.Gpu.Cuda;
using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Tests.Kernels;

/// <summary>
/// What a first load on a real machine can meet, with the real NVRTC and a fake driver: a damaged cache entry is compiled again, a
/// target the driver refuses is retried as another, and a kernel no target loads fails with the driver's error by name and its JIT log.
/// </summary>
public sealed class KernelLoaderTests : IDisposable
{
    private static readonly KernelTarget Ptx80 = new(80, false);
    private static readonly KernelTarget Cubin80 = new(80, true);
    private static readonly KernelTarget Ptx75 = new(75, false);

    private readonly string _cache = Path.Combine(Path.GetTempPath(), "sc-kernel-loader-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_cache))
            Directory.Delete(_cache, recursive: true);
    }

    private static KernelSource Fill => KernelSources.Get("fill");

    [SkippableFact]
    public void Fallbacks_for_refused_ptx_are_cubin_of_the_devices_major_then_older_ptx()
    {
        Assert.Equal([Cubin80, Ptx75], KernelTarget.Fallbacks(Ptx80, 8, 0, [75, 80], canEmitCubin: true));
        Assert.Equal([new KernelTarget(86, false), new KernelTarget(80, false)], KernelTarget.Fallbacks(new KernelTarget(86, true), 8, 9, [75, 80, 86], true));
        Assert.Equal([new KernelTarget(80, false)], KernelTarget.Fallbacks(new KernelTarget(86, false), 9, 0, [80, 86], canEmitCubin: true));
        Assert.Empty(KernelTarget.Fallbacks(Ptx75, 7, 5, [75], canEmitCubin: false));
    }

    [SkippableFact]
    public void A_cached_image_the_driver_refuses_is_deleted_and_compiled_again()
    {
        Requirements.Nvrtc();
        new KernelCompiler(_cache, useMemoryCache: false).Compile(Fill, Ptx80);
        Assert.Single(Directory.GetFiles(_cache));

        // An entry whose seal holds but which this driver will not load (made for another driver, say): refused once.
        var refusals = 0;
        var driver = new FakeDriver { Refuse = _ => refusals++ == 0 ? (int)CudaResult.InvalidImage : 0 };
        var loader = new KernelLoader(new KernelCompiler(_cache, useMemoryCache: false), Ptx80, [Cubin80], driver.Load);
        Assert.NotEqual(0, loader.Load(Fill));

        Assert.Equal(2, driver.Loaded.Count); // the cached image, refused; then the fresh compile
        Assert.Equal(Ptx80, loader.Target);
        Assert.Null(loader.Note);
        Assert.Single(Directory.GetFiles(_cache));
    }

    [SkippableFact]
    public void A_damaged_cache_entry_never_reaches_the_driver_and_is_compiled_again()
    {
        Requirements.Nvrtc();
        new KernelCompiler(_cache, useMemoryCache: false).Compile(Fill, Ptx80);
        var entry = Assert.Single(Directory.GetFiles(_cache));
        File.WriteAllBytes(entry, [.. File.ReadAllBytes(entry).Take(100)]); // a truncated write, say

        var driver = new FakeDriver();
        var loader = new KernelLoader(new KernelCompiler(_cache, useMemoryCache: false), Ptx80, [Cubin80], driver.Load);
        Assert.NotEqual(0, loader.Load(Fill));

        var loaded = Assert.Single(driver.Loaded); // its seal is broken, so only the fresh compile is loaded
        Assert.StartsWith("//", loaded.Text, StringComparison.Ordinal);
        Assert.Equal(Ptx80, loader.Target);
    }

    [SkippableFact]
    public void Ptx_the_driver_refuses_is_retried_as_cubin_and_later_kernels_are_cubin_at_once()
    {
        var nvrtc = Requirements.Nvrtc();
        Skip.IfNot(nvrtc.CanEmitCubin, $"NVRTC {nvrtc.VersionText} cannot emit CUBIN");
        var driver = new FakeDriver { Refuse = image => image.Cubin ? 0 : (int)CudaResult.UnsupportedPtxVersion };
        var loader = new KernelLoader(new KernelCompiler(_cache, useMemoryCache: false), Ptx80, KernelTarget.Fallbacks(Ptx80, 8, 0, nvrtc.SupportedArchitectures, true), driver.Load);

        loader.Load(Fill);
        loader.Load(KernelSources.Get("fade"));

        Assert.Equal([false, true, true], driver.Loaded.Select(i => i.Cubin));
        Assert.Equal(Cubin80, loader.Target);
        Assert.Contains("CUDA_ERROR_UNSUPPORTED_PTX_VERSION", loader.Note, StringComparison.Ordinal);
        Assert.Contains("sm_80 (CUBIN)", loader.Note, StringComparison.Ordinal);
    }

    public static TheoryData<int> RefusedImages() =>
        [(int)CudaResult.InvalidImage, (int)CudaResult.NoBinaryForGpu, (int)CudaResult.InvalidPtx, (int)CudaResult.UnsupportedPtxVersion,
         (int)CudaResult.JitCompilerNotFound, (int)CudaResult.InvalidSource];

    [SkippableTheory]
    [MemberData(nameof(RefusedImages))]
    public void A_kernel_no_target_loads_fails_with_each_error_by_name_and_the_jit_log(int error)
    {
        Requirements.Nvrtc();
        var driver = new FakeDriver { Refuse = _ => error };
        var loader = new KernelLoader(new KernelCompiler(_cache, useMemoryCache: false), Ptx80, [Cubin80, Ptx75], driver.Load);

        var failure = Assert.Throws<KernelLoadException>(() => loader.Load(Fill));

        var name = CudaResultText.Name(error);
        Assert.StartsWith("CUDA_ERROR_", name, StringComparison.Ordinal);
        Assert.Equal(name, failure.ErrorName);
        Assert.Equal("fill", failure.KernelName);
        Assert.Equal([Ptx80, Cubin80, Ptx75], failure.Attempts.Select(a => a.Target));
        Assert.Contains($"kernel 'fill': compute_80 (PTX) failed with {name}", failure.Message, StringComparison.Ordinal);
        Assert.Contains("JIT log: ptxas fatal", failure.Message, StringComparison.Ordinal);
        Assert.Contains("--backend cpu", failure.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_failure_that_is_not_the_image_is_not_retried()
    {
        Requirements.Nvrtc();
        var driver = new FakeDriver { Refuse = _ => (int)CudaResult.OutOfMemory };
        var loader = new KernelLoader(new KernelCompiler(_cache, useMemoryCache: false), Ptx80, [Cubin80], driver.Load);

        var failure = Assert.Throws<CudaException>(() => loader.Load(Fill));

        Assert.Single(driver.Loaded);
        Assert.Equal("CUDA_ERROR_OUT_OF_MEMORY", failure.CodeName);
        Assert.Contains("kernel 'fill'", failure.Message, StringComparison.Ordinal);
    }
}
