using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Gpu.Cuda;
using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Gpu;

/// <summary>Creates the backend a user asked for (<c>--backend auto|cpu|cuda</c>).</summary>
public static class Backends
{
    /// <exception cref="BackendUnavailableException">CUDA was asked for by name and cannot run here.</exception>
    public static BackendChoice Create(BackendKind kind)
    {
        switch (kind)
        {
            case BackendKind.Cpu:
                return new BackendChoice(new CpuBackend(), "backend cpu: chosen with --backend cpu");
            case BackendKind.Cuda:
            {
                var status = CudaLoader.Probe();
                if (!status.IsAvailable)
                    throw new BackendUnavailableException(
                        $"The CUDA backend is not available: {status.Reason}. Run 'sc doctor' for details, or use --backend cpu.");
                var backend = new CudaBackend();
                return new BackendChoice(backend, $"backend cuda: chosen with --backend cuda; {status.Reason}");
            }
            default:
            {
                var (cuda, reason) = AutoChoice();
                if (!cuda)
                    return new BackendChoice(new CpuBackend(), reason);
                try
                {
                    return new BackendChoice(new CudaBackend(), reason);
                }
                catch (Exception e) when (e is BackendUnavailableException or CudaException or OutOfMemoryException)
                {
                    return new BackendChoice(new CpuBackend(), $"backend cpu: CUDA looked usable but did not start ({e.Message})");
                }
            }
        }
    }

    /// <summary>
    /// What <c>--backend auto</c> picks, without creating anything: CUDA and the device, or the CPU and why not CUDA.
    /// </summary>
    public static (bool Cuda, string Reason) AutoChoice()
    {
        var status = CudaLoader.Probe();
        return status.IsAvailable
            ? (true, $"backend cuda: {status.Reason}")
            : (false, $"backend cpu: CUDA is not available ({status.Reason})");
    }
}
