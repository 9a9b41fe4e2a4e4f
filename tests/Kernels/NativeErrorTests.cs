using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Tests.Kernels;

/// <summary>A failing native call's exception names the call as written, the error code and its meaning.</summary>
public sealed unsafe class NativeErrorTests
{
    [SkippableFact]
    public void Throw_if_failed_names_the_failing_call()
    {
        Requirements.Nvrtc();
        var error = Assert.Throws<CudaException>(() => Nvrtc.ThrowIfFailed(Nvrtc.nvrtcCompileProgram(0, 0, null)));
        Assert.Equal("Nvrtc.nvrtcCompileProgram(0, 0, null)", error.Call);
        Assert.StartsWith("Nvrtc.nvrtcCompileProgram(0, 0, null) failed with NVRTC_ERROR_INVALID_PROGRAM", error.Message, StringComparison.Ordinal);
    }
}
