using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Gpu.Cuda;
using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Gpu;

/// <summary>Creates the backend a user asked for (<c>--backend auto|cpu|cuda</c>).</summary>
public static class Backends
{
    /// <summary>
    /// The backend for <paramref name="kind"/>. CUDA is warmed up inside the choice: every built-in kernel (and the fused kernels of
    /// <paramref name="shapes"/>, when given) compiled and loaded, so a driver, NVRTC or cache that fails on this machine is found
    /// here, where <c>auto</c> can still fall back to the CPU and say why, rather than in the middle of a render.
    /// </summary>
    /// <exception cref="BackendUnavailableException">CUDA was asked for by name and cannot run here, or its kernels do not load.</exception>
    public static BackendChoice Create(BackendKind kind, CudaOptions? cuda = null, IEnumerable<IReadOnlyList<LayerShape>>? shapes = null) =>
        Create(kind, kind == BackendKind.Cpu ? null : CudaLoader.Probe(), () => new CudaBackend(cuda), shapes);

    /// <summary><see cref="Create(BackendKind, CudaOptions?, IEnumerable{IReadOnlyList{LayerShape}}?)"/> with the probe's answer and the CUDA backend given (the tests' fake drivers).</summary>
    internal static BackendChoice Create(BackendKind kind, CudaStatus? status, Func<CudaBackend> openCuda, IEnumerable<IReadOnlyList<LayerShape>>? shapes = null)
    {
        switch (kind)
        {
            case BackendKind.Cpu:
                return new BackendChoice(new CpuBackend(), "backend cpu: chosen with --backend cpu");
            case BackendKind.Cuda:
            {
                if (status is not { IsAvailable: true })
                    throw new BackendUnavailableException(
                        $"The CUDA backend is not available: {status?.Reason}. Run 'sc doctor' for details, or use --backend cpu.");
                try
                {
                    return new BackendChoice(OpenWarm(openCuda, shapes), $"backend cuda: chosen with --backend cuda; {status.Reason}");
                }
                catch (Exception e) when (IsCudaFailure(e) && e is not BackendUnavailableException)
                {
                    throw new BackendUnavailableException(
                        $"The CUDA backend cannot run its kernels here: {e.Message} Run 'sc doctor' for details, or use --backend cpu.", e);
                }
            }
            default:
            {
                if (status is not { IsAvailable: true })
                    return new BackendChoice(new CpuBackend(), $"backend cpu: CUDA is not available ({status?.Reason})");
                try
                {
                    return new BackendChoice(OpenWarm(openCuda, shapes), $"backend cuda: {status.Reason}");
                }
                catch (Exception e) when (IsCudaFailure(e))
                {
                    return new BackendChoice(new CpuBackend(), $"backend cpu: CUDA looked usable but its kernels did not load ({OneLine(e.Message)})");
                }
            }
        }
    }

    /// <summary>
    /// What <c>--backend auto</c> picks, without creating anything: CUDA and the device, or the CPU and why not CUDA. (Creating it may
    /// still fall back, when its kernels do not load.)
    /// </summary>
    public static (bool Cuda, string Reason) AutoChoice()
    {
        var status = CudaLoader.Probe();
        return status.IsAvailable
            ? (true, $"backend cuda: {status.Reason}")
            : (false, $"backend cpu: CUDA is not available ({status.Reason})");
    }

    private static CudaBackend OpenWarm(Func<CudaBackend> open, IEnumerable<IReadOnlyList<LayerShape>>? shapes)
    {
        var backend = open();
        try
        {
            backend.Warm();
            if (shapes is not null)
                backend.Prepare(shapes);
            return backend;
        }
        catch
        {
            backend.Dispose();
            throw;
        }
    }

    /// <summary>The failures of starting CUDA and its kernels on this machine (not bugs): what auto falls back from.</summary>
    private static bool IsCudaFailure(Exception e) => e is BackendUnavailableException or CudaException or KernelCompileException
        or KernelLoadException or OutOfMemoryException or DllNotFoundException or EntryPointNotFoundException;

    private static string OneLine(string text) => string.Join(' ', text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
}
