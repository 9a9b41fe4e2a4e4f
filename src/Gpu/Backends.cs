using ScriptComposer.Gpu.Cpu;

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
                throw new BackendUnavailableException(
                    $"The CUDA backend is not available: {CudaUnavailableReason()}. Run 'sc doctor' for details, or use --backend cpu.");
            default:
                return new BackendChoice(new CpuBackend(), $"backend cpu: CUDA is not available ({CudaUnavailableReason()})");
        }
    }

    private static string CudaUnavailableReason() => "this build has no CUDA backend yet";
}
