using ScriptComposer.Gpu.Cuda;

namespace ScriptComposer.Tests.Kernels;

/// <summary>A user's CUDA transition body wrapped into a kernel: NVRTC compiles it, and its errors name the body's own lines.</summary>
public sealed class TransitionEffectKernelTests
{
    private const string Wipe = "return x < p * width ? b : a;";

    [Fact]
    public void Wrap_names_the_kernel_by_the_bodys_hash()
    {
        var kernel = TransitionEffectKernel.Wrap(Wipe);
        Assert.Equal([kernel.EntryPoint], kernel.Source.EntryPoints);
        Assert.StartsWith("sc_transition_effect_", kernel.EntryPoint, StringComparison.Ordinal);
        Assert.Equal(kernel.EntryPoint, TransitionEffectKernel.Wrap(Wipe).EntryPoint);
        Assert.NotEqual(kernel.EntryPoint, TransitionEffectKernel.Wrap(Wipe + " ").EntryPoint);
        Assert.Contains($"#line 1 \"{TransitionEffectKernel.BodyFileName}\"\n{Wipe}\n", kernel.Source.Text, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(75)]
    [InlineData(90)]
    public void A_wrapped_body_compiles_with_nvrtc(int architecture)
    {
        Requirements.Nvrtc();
        var kernel = TransitionEffectKernel.Wrap("const float m = fminf(1.0f, fmaxf(0.0f, 2.0f * p - (float)y / height));\nreturn make_float4(a.x * (1.0f - m) + b.x * m, a.y, b.z, 1.0f);");
        var compiled = new KernelCompiler(cacheDirectory: "", useMemoryCache: false).Compile(kernel.Source, new KernelTarget(architecture, false));
        Assert.Contains($".entry {kernel.EntryPoint}(", compiled.Ptx!, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_broken_body_is_reported_at_its_own_line()
    {
        Requirements.Nvrtc();
        var kernel = TransitionEffectKernel.Wrap("float4 c = a;\nreturn no_such_thing(c, b);\n");
        var error = Assert.Throws<KernelCompileException>(() =>
            new KernelCompiler(cacheDirectory: "", useMemoryCache: false).Compile(kernel.Source, new KernelTarget(75, false)));
        Assert.Contains($"{TransitionEffectKernel.BodyFileName}(2)", error.Log, StringComparison.Ordinal);
    }
}
