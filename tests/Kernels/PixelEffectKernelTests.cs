using System.Text;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cuda;
using Xunit.Abstractions;

namespace ScriptComposer.Tests.Kernels;

/// <summary>A user's CUDA pixel body wrapped into a kernel: NVRTC compiles it, caches it by hash, and reports errors at the body's own lines.</summary>
public sealed class PixelEffectKernelTests(ITestOutputHelper output)
{
    private const string Invert = "px.x = 1.0f - px.x;\npx.y = 1.0f - px.y;\npx.z = 1.0f - px.z;";

    [Fact]
    public void Wrap_puts_the_body_at_its_line_offset_and_names_the_kernel_by_hash()
    {
        var kernel = PixelEffectKernel.Wrap(Invert);
        var lines = kernel.Source.Text.Split('\n');
        Assert.Equal("#line 1 \"pixel-effect\"", lines[kernel.BodyLineOffset - 1]);
        Assert.Equal("px.x = 1.0f - px.x;", lines[kernel.BodyLineOffset]);
        Assert.Equal([kernel.EntryPoint], kernel.Source.EntryPoints);
        Assert.Equal(kernel.Source.Name, PixelEffectKernel.Wrap(Invert).Source.Name);
        Assert.NotEqual(kernel.Source.Name, PixelEffectKernel.Wrap(Invert + " ").Source.Name);
        Assert.StartsWith("sc_pixel_effect_", kernel.EntryPoint, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [InlineData(75, false)]
    [InlineData(80, true)]
    [InlineData(90, false)]
    public void A_wrapped_body_compiles_with_nvrtc(int architecture, bool cubin)
    {
        var nvrtc = Requirements.Nvrtc();
        Skip.If(cubin && !nvrtc.CanEmitCubin, $"NVRTC {nvrtc.VersionText} cannot emit CUBIN");
        var kernel = PixelEffectKernel.Wrap("const float g = 0.2126f * px.x + 0.7152f * px.y + 0.0722f * px.z;\nreturn make_float4(g, g, sinf(t + x * 0.1f + y), px.w);");
        var compiled = kernel.Compile(new KernelCompiler(cacheDirectory: "", useMemoryCache: false), new KernelTarget(architecture, cubin));
        if (cubin)
            Assert.Contains(kernel.EntryPoint, Encoding.ASCII.GetString(compiled.Image), StringComparison.Ordinal);
        else
            Assert.Contains($".entry {kernel.EntryPoint}(", compiled.Ptx!, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void The_same_body_comes_from_the_cache_the_second_time()
    {
        Requirements.Nvrtc();
        var compiler = new KernelCompiler(cacheDirectory: "", useMemoryCache: true);
        var body = $"px.x = {Guid.NewGuid().GetHashCode() & 0xffff} / 65536.0f;";
        var first = PixelEffectKernel.Wrap(body).Compile(compiler, new KernelTarget(75, false));
        var second = PixelEffectKernel.Wrap(body).Compile(compiler, new KernelTarget(75, false));
        Assert.Equal(KernelCacheSource.Compiled, first.CacheSource);
        Assert.Equal(KernelCacheSource.Memory, second.CacheSource);
    }

    [SkippableFact]
    public void A_broken_body_reports_nvrtcs_log_at_the_bodys_lines()
    {
        Requirements.Nvrtc();
        var kernel = PixelEffectKernel.Wrap("px.x = 1.0f - px.x;\npx.y = undefined_thing * 2.0f;\n");
        var error = Assert.Throws<PixelEffectCompileException>(() =>
            kernel.Compile(new KernelCompiler(cacheDirectory: "", useMemoryCache: false), new KernelTarget(75, false), "broken"));
        output.WriteLine(error.Message);
        Assert.Matches(@"pixel-effect\(2\): error: identifier ""undefined_thing"" is undefined", error.Log);
        var diagnostic = Assert.Single(error.Diagnostics, d => d.Severity == "error");
        Assert.Equal(2, diagnostic.Line);
        Assert.Contains("undefined_thing", diagnostic.Message, StringComparison.Ordinal);
        Assert.Contains("'broken'", error.Message, StringComparison.Ordinal);
        Assert.Contains(error.Log.Trim(), error.Message, StringComparison.Ordinal);
        Assert.Equal(kernel.BodyLineOffset, error.BodyLineOffset);
        Assert.IsType<KernelCompileException>(error.InnerException);
    }

    [Fact]
    public void Parse_log_reads_body_and_wrapper_lines()
    {
        var log = "pixel-effect(3): error: expected a \";\"\npixel_effect_0123.cu(12): warning #550-D: variable \"q\" was set but never used\n\n1 error detected in the compilation of \"pixel_effect_0123.cu\".\n";
        var diagnostics = PixelEffectKernel.ParseLog(log);
        Assert.Equal([new PixelEffectDiagnostic(3, "error", "expected a \";\""), new PixelEffectDiagnostic(0, "warning", "variable \"q\" was set but never used")], diagnostics);
    }
}
