using ScriptComposer.Gpu.Cuda;

namespace ScriptComposer.Tests.Kernels;

/// <summary>Which architecture and image kind the kernels are compiled for, from the device and NVRTC (no GPU needed).</summary>
public sealed class KernelTargetTests
{
    private static readonly int[] Nvrtc118 = [35, 37, 50, 52, 53, 60, 61, 62, 70, 72, 75, 80, 86, 87, 89, 90];

    [Theory]
    [InlineData(8, 6, 86, true)]  // exact match: CUBIN
    [InlineData(9, 0, 90, true)]
    [InlineData(8, 8, 87, true)]  // no sm_88 in the list: sm_87 CUBIN runs on 8.8 (same major)
    [InlineData(10, 0, 90, false)] // newer than NVRTC knows: PTX, which the driver JIT-compiles
    [InlineData(12, 0, 90, false)]
    public void Caps_at_what_nvrtc_supports(int major, int minor, int architecture, bool cubin)
    {
        Assert.True(KernelTarget.TryChoose(major, minor, Nvrtc118, canEmitCubin: true, out var target, out _));
        Assert.Equal(new KernelTarget(architecture, cubin), target);
    }

    [Fact]
    public void Without_cubin_support_emits_ptx()
    {
        Assert.True(KernelTarget.TryChoose(8, 6, Nvrtc118, canEmitCubin: false, out var target, out _));
        Assert.Equal(new KernelTarget(86, false), target);
        Assert.Equal("--gpu-architecture=compute_86", target.ArchitectureOption);
    }

    [Fact]
    public void A_gpu_older_than_nvrtc_supports_is_refused_with_the_reason()
    {
        Assert.False(KernelTarget.TryChoose(3, 0, Nvrtc118, canEmitCubin: true, out _, out var reason));
        Assert.Contains("compute capability 3.0 is older than this NVRTC supports (oldest: 3.5)", reason, StringComparison.Ordinal);
    }
}
