namespace ScriptComposer.Gpu.Cuda.Native;

/// <summary>The CUdevice_attribute values read by this code.</summary>
internal enum CudaDeviceAttribute
{
    MultiprocessorCount = 16,
    ComputeCapabilityMajor = 75,
    ComputeCapabilityMinor = 76,
}
