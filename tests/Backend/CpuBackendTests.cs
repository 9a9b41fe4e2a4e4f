using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;

namespace ScriptComposer.Tests.Backend;

/// <summary>The suite on the CPU twins (always runs). Its agreement tests check the poisoning and comparison machinery itself.</summary>
public sealed class CpuBackendTests : BackendSuite
{
    protected override IComputeBackend CreateBackend() => new CpuBackend();

    [Fact]
    public void APixelEffectWithoutACpuVersion_SaysHowToWriteOne()
    {
        using var backend = new CpuBackend();
        using var image = backend.Allocate(2, 2);
        var effect = new PixelEffect(cuda: "px.x = 1.0f;", name: "redden");
        var error = Assert.Throws<PixelEffectException>(() => backend.ApplyPixelEffect(image, effect, 0f));
        Assert.Contains("'redden' has no CPU version", error.Message, StringComparison.Ordinal);
        Assert.Contains("cpu: (px, x, y, t) =>", error.Message, StringComparison.Ordinal);
        Assert.Contains("GPU", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void APixelEffectThatThrows_ThrowsTheUsersException()
    {
        using var backend = new CpuBackend();
        using var image = backend.Allocate(300, 300);
        var effect = new PixelEffect(cpu: (px, x, _, _) => x == 250 ? throw new InvalidOperationException("boom") : px);
        var error = Assert.Throws<InvalidOperationException>(() => backend.ApplyPixelEffect(image, effect, 0f));
        Assert.Equal("boom", error.Message);
    }
}
