using ScriptComposer.Gpu.Cuda;
using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Tests.Kernels;

/// <summary>
/// The rule for tests that need NVRTC or g++: skip with the reason, unless <c>SC_REQUIRE_NVRTC=1</c> (CI), where a
/// missing tool is a failure, so that CI cannot go green by skipping everything.
/// </summary>
internal static class Requirements
{
    public static bool Required => Environment.GetEnvironmentVariable("SC_REQUIRE_NVRTC") == "1";

    /// <summary>NVRTC's status when it can be used; otherwise skips (or fails when required).</summary>
    public static NvrtcStatus Nvrtc()
    {
        var status = CudaLoader.ProbeNvrtc();
        Need(status.IsAvailable, status.Reason);
        return status;
    }

    /// <summary>Skips (or fails when required) unless <paramref name="condition"/> holds.</summary>
    public static void Need(bool condition, string reason)
    {
        if (condition)
            return;
        if (Required)
            Assert.Fail($"SC_REQUIRE_NVRTC=1 but {reason}");
        Skip.If(true, reason);
    }
}
