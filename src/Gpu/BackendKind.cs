namespace ScriptComposer.Gpu;

public enum BackendKind
{
    /// <summary>CUDA when a device, the driver and NVRTC are all there; otherwise the CPU.</summary>
    Auto,
    Cpu,
    Cuda,
}
