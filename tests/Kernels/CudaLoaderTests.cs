using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cuda.Native;

namespace ScriptComposer.Tests.Kernels;

/// <summary>The loader answers without throwing, and <c>--backend auto|cuda</c> say what they chose and why.</summary>
public sealed class CudaLoaderTests
{
    [Fact]
    public void Probe_AnswersWithAReason()
    {
        var status = CudaLoader.Probe();
        Assert.False(string.IsNullOrWhiteSpace(status.Reason));
        Assert.False(string.IsNullOrWhiteSpace(status.Nvrtc.Reason));
        if (status.IsAvailable)
            Assert.NotNull(status.Device);
    }

    [Fact]
    public void Auto_NamesTheDeviceOrWhyItFellBack()
    {
        var status = CudaLoader.Probe();
        var choice = Backends.Create(BackendKind.Auto);
        using var backend = choice.Backend;
        if (status.IsAvailable)
        {
            Assert.Equal("cuda", backend.Name);
            Assert.StartsWith("backend cuda: ", choice.Reason, StringComparison.Ordinal);
            Assert.Contains(status.Device!.Name, choice.Reason, StringComparison.Ordinal);
        }
        else
        {
            Assert.Equal("cpu", backend.Name);
            Assert.Equal($"backend cpu: CUDA is not available ({status.Reason})", choice.Reason);
        }
    }

    [Fact]
    public void Cuda_WhenUnavailable_ThrowsWithTheReason()
    {
        var status = CudaLoader.Probe();
        if (status.IsAvailable)
        {
            using var backend = Backends.Create(BackendKind.Cuda).Backend;
            Assert.Equal("cuda", backend.Name);
            return;
        }
        var error = Assert.Throws<BackendUnavailableException>(() => Backends.Create(BackendKind.Cuda));
        Assert.Contains(status.Reason, error.Message, StringComparison.Ordinal);
        Assert.Contains("--backend cpu", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void NvrtcCandidates_AreProbedNewestFirst()
    {
        var names = NativeLibraries.NvrtcCandidates.Where(n => n.StartsWith("libnvrtc.so.", StringComparison.Ordinal)).ToArray();
        Assert.Equal(["libnvrtc.so.13", "libnvrtc.so.12", "libnvrtc.so.11.2", "libnvrtc.so.11.1", "libnvrtc.so.11.0"], names);
        Assert.Equal("libnvrtc.so", NativeLibraries.NvrtcCandidates[0]);
    }
}
