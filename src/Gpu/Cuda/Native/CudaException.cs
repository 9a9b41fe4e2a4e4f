namespace ScriptComposer.Gpu.Cuda.Native;

/// <summary>A CUDA driver or NVRTC call failed; the message names the call, the error code and its meaning.</summary>
public sealed class CudaException(string call, int code, string codeName, string description)
    : Exception($"{call} failed with {codeName} ({code}): {description}")
{
    /// <summary>The failing call as written in the source, e.g. <c>CudaDriver.cuMemAlloc(&amp;pointer, bytes)</c>.</summary>
    public string Call { get; } = call;

    public int Code { get; } = code;

    public string CodeName { get; } = codeName;

    /// <summary>True for CUDA_ERROR_OUT_OF_MEMORY (2).</summary>
    public bool IsOutOfMemory => Code == (int)CudaResult.OutOfMemory && CodeName.StartsWith("CUDA_", StringComparison.Ordinal);
}
