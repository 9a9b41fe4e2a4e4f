namespace ScriptComposer.Gpu.Cuda.Native;

/// <summary>The CUjit_option values passed to cuModuleLoadDataEx.</summary>
internal enum CudaJitOption
{
    ErrorLogBuffer = 5,
    ErrorLogBufferSizeBytes = 6,
}
