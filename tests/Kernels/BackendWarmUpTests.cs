using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Gpu.Cuda;
using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Tests.Kernels;

/// <summary>
/// <c>--backend auto</c> warms CUDA up inside the choice, against a fake driver with a real NVRTC: a driver that refuses the kernels
/// (each error it can return at load time) or an NVRTC that cannot compile makes auto fall back to the CPU and say why, before any
/// frame; <c>--backend cuda</c> fails with the same reason; a target the driver refuses but whose fallback loads keeps CUDA.
/// </summary>
public sealed class BackendWarmUpTests
{
    private static readonly KernelTarget Ptx80 = new(80, false);

    private static CudaStatus Available(NvrtcStatus nvrtc) =>
        new(true, "a fake GPU (compute capability 8.0), driver 12.2, NVRTC " + nvrtc.VersionText, nvrtc)
        {
            Devices = [new CudaDeviceInfo(0, "a fake GPU", 8, 0, 1L << 34, 108)],
        };

    private static (CudaStatus Status, Func<CudaBackend> Open, FakeDriverRuntime[] Opened) Fake(FakeDriver driver)
    {
        var nvrtc = Requirements.Nvrtc();
        var opened = new FakeDriverRuntime[1];
        var fallbacks = KernelTarget.Fallbacks(Ptx80, 8, 0, nvrtc.SupportedArchitectures, nvrtc.CanEmitCubin);
        return (Available(nvrtc), () => new CudaBackend(opened[0] = new FakeDriverRuntime(driver, new KernelCompiler(""), Ptx80, fallbacks)), opened);
    }

    public static TheoryData<int> LoadErrors() =>
        [(int)CudaResult.InvalidImage, (int)CudaResult.NoBinaryForGpu, (int)CudaResult.InvalidPtx, (int)CudaResult.UnsupportedPtxVersion,
         (int)CudaResult.JitCompilerNotFound, (int)CudaResult.OutOfMemory, (int)CudaResult.InvalidContext];

    [SkippableTheory]
    [MemberData(nameof(LoadErrors))]
    public void Auto_falls_back_to_the_cpu_with_the_drivers_error(int error)
    {
        var (status, open, opened) = Fake(new FakeDriver { Refuse = _ => error });

        var choice = Backends.Create(BackendKind.Auto, status, open);
        using var backend = choice.Backend;

        Assert.IsType<CpuBackend>(backend);
        Assert.StartsWith("backend cpu: CUDA looked usable but its kernels did not load (", choice.Reason, StringComparison.Ordinal);
        Assert.Contains(CudaResultText.Name(error), choice.Reason, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', choice.Reason);
        Assert.True(opened[0].Disposed, "the CUDA backend that failed its warm-up is disposed");
    }

    [SkippableFact]
    public void Cuda_by_name_fails_with_the_same_reason()
    {
        var (status, open, _) = Fake(new FakeDriver { Refuse = _ => (int)CudaResult.NoBinaryForGpu });

        var failure = Assert.Throws<BackendUnavailableException>(() => Backends.Create(BackendKind.Cuda, status, open));

        Assert.StartsWith("The CUDA backend cannot run its kernels here: The CUDA driver could not load kernel 'alpha'", failure.Message, StringComparison.Ordinal);
        Assert.Contains("CUDA_ERROR_NO_BINARY_FOR_GPU", failure.Message, StringComparison.Ordinal);
        Assert.Contains("--backend cpu", failure.Message, StringComparison.Ordinal);
        Assert.IsType<KernelLoadException>(failure.InnerException);
    }

    [SkippableFact]
    public void Auto_keeps_cuda_when_a_fallback_target_loads_and_prepares_the_shapes()
    {
        var nvrtc = Requirements.Nvrtc();
        Skip.IfNot(nvrtc.CanEmitCubin, $"NVRTC {nvrtc.VersionText} cannot emit CUBIN");
        var driver = new FakeDriver { Refuse = image => image.Cubin ? 0 : (int)CudaResult.UnsupportedPtxVersion };
        var (status, open, opened) = Fake(driver);
        LayerShape[] shape = [new(true, BlendMode.Normal, true), new(false, BlendMode.Screen, false)];

        var choice = Backends.Create(BackendKind.Auto, status, open, [shape]);
        using var backend = choice.Backend;

        Assert.IsType<CudaBackend>(backend);
        Assert.Equal("backend cuda: " + status.Reason, choice.Reason);
        Assert.Equal(new KernelTarget(80, true), opened[0].Target);
        Assert.Contains(driver.Loaded, image => image.Cubin && image.Text.Contains(LayerKernel.For(shape).EntryPoint, StringComparison.Ordinal));
        Assert.Equal(KernelSources.All.Count + 1, driver.Loaded.Count(i => i.Cubin)); // every built-in kernel and the shape, each once
    }

    [SkippableFact]
    public void Auto_falls_back_to_the_cpu_when_nvrtc_cannot_run_its_builtins_with_its_log()
    {
        var nvrtc = Requirements.Nvrtc();
        var failing = new ThrowingRuntime(KernelCompileException.From(7, "NVRTC_ERROR_BUILTIN_OPERATION_FAILURE", "alpha", ["--gpu-architecture=compute_80"],
            "nvrtc: error: failed to open libnvrtc-builtins.so.11.8."));

        var choice = Backends.Create(BackendKind.Auto, Available(nvrtc), () => new CudaBackend(failing));
        using var backend = choice.Backend;

        Assert.IsType<CpuBackend>(backend);
        Assert.Contains("NVRTC_ERROR_BUILTIN_OPERATION_FAILURE", choice.Reason, StringComparison.Ordinal);
        Assert.Contains("failed to open libnvrtc-builtins.so.11.8", choice.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void A_compile_failure_other_than_the_source_keeps_the_log_and_names_the_error()
    {
        var error = KernelCompileException.From(7, "NVRTC_ERROR_BUILTIN_OPERATION_FAILURE", "layers_0123", ["--gpu-architecture=compute_90", "--fmad=false"],
            "nvrtc: error: failed to open libnvrtc-builtins.so.12.4.\n  Make sure that libnvrtc-builtins.so.12.4 is installed correctly.");

        Assert.Equal("NVRTC_ERROR_BUILTIN_OPERATION_FAILURE", error.ErrorName);
        Assert.StartsWith("NVRTC could not compile kernel 'layers_0123' (NVRTC_ERROR_BUILTIN_OPERATION_FAILURE: NVRTC could not run its builtin operations;", error.Message, StringComparison.Ordinal);
        Assert.Contains("options: --gpu-architecture=compute_90 --fmad=false", error.Message, StringComparison.Ordinal);
        Assert.Contains("Make sure that libnvrtc-builtins.so.12.4 is installed correctly.", error.Message, StringComparison.Ordinal);
        Assert.Contains("(NVRTC gave no log)", KernelCompileException.From(5, "NVRTC_ERROR_INVALID_OPTION", "k", ["-x"], "").Message, StringComparison.Ordinal);
    }

    /// <summary>A runtime whose every compile fails with one exception (an NVRTC that cannot compile anything).</summary>
    private sealed unsafe class ThrowingRuntime(Exception error) : IKernelRuntime
    {
        public string DeviceName => "a fake GPU";

        public ulong Allocate(long bytes) => throw error;

        public void Free(ulong pointer) => throw error;

        public void CopyToDevice(ReadOnlySpan<byte> source, ulong destination) => throw error;

        public void CopyToHost(ulong source, Span<byte> destination) => throw error;

        public byte* AllocateHost(long bytes) => throw error;

        public void FreeHost(byte* pointer) => throw error;

        public void QueueCopyToHost(ulong source, byte* destination, long bytes) => throw error;

        public nint RecordEvent() => throw error;

        public void WaitEvent(nint recorded) => throw error;

        public void ReleaseEvent(nint recorded) => throw error;

        public nint GetFunction(string kernel, string entryPoint) => throw error;

        public nint GetFunction(KernelSource source, string entryPoint) => throw error;

        public void Prepare(IReadOnlyList<KernelSource> sources) => throw error;

        public void Launch(nint function, uint gridX, uint gridY, uint blockX, uint blockY, void** arguments, int argumentCount) => throw error;

        public void Synchronize()
        {
        }

        public void Dispose()
        {
        }
    }
}
