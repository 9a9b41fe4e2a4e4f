using System.Diagnostics;
using System.Text;
using System.Text.RegularExpressions;
using ScriptComposer.Gpu.Cuda;
using Xunit.Abstractions;

namespace ScriptComposer.Tests.Kernels;

/// <summary>
/// Every kernel compiles with NVRTC for several architectures, as PTX and (where NVRTC supports the architecture) CUBIN.
/// Skips without NVRTC, fails without it when SC_REQUIRE_NVRTC=1.
/// </summary>
public sealed partial class KernelCompileTests(ITestOutputHelper output)
{
    public static TheoryData<string, int, bool> KernelsAndTargets()
    {
        var data = new TheoryData<string, int, bool>();
        foreach (var kernel in KernelSources.All)
        {
            foreach (var arch in new[] { 75, 80, 90 })
                data.Add(kernel.Name, arch, false);
            foreach (var arch in new[] { 80, 86, 90 })
                data.Add(kernel.Name, arch, true);
        }
        return data;
    }

    [Fact]
    public void The_expected_kernels_are_embedded()
    {
        Assert.Equal(["alpha", "average", "blur", "chromakey", "color", "composite", "fade", "fill", "gradient", "lum_contrast", "min_max", "mirror", "painting", "resample", "resize", "rotate", "transition", "yuv420", "yuv420_layers", "yuv420_to_rgba"],
            KernelSources.All.Select(k => k.Name));
        Assert.Equal(["blend", "common", "layers"], KernelSources.Headers.Select(h => h.Name));
        Assert.Equal(["sc_premultiply", "sc_unpremultiply"], KernelSources.Get("alpha").EntryPoints);
        Assert.Equal(["sc_composite", "sc_composite_blend"], KernelSources.Get("composite").EntryPoints);
        Assert.Equal(["sc_mirror_x", "sc_mirror_y"], KernelSources.Get("mirror").EntryPoints);
        Assert.Equal(["sc_average_add", "sc_average_end"], KernelSources.Get("average").EntryPoints);
        Assert.Equal(["sc_painting"], KernelSources.Get("painting").EntryPoints);
        Assert.Equal(["sc_yuv420_to_rgba"], KernelSources.Get("yuv420_to_rgba").EntryPoints);
        Assert.Equal(["sc_transition_mix", "sc_transition_wipe", "sc_transition_slide", "sc_transition_shape", "sc_transition_dissolve", "sc_transition_zoom"],
            KernelSources.Get("transition").EntryPoints);
        Assert.Equal(["sc_yuv420_fill", "sc_yuv420_layer", "sc_yuv420_overlay"], KernelSources.Get("yuv420_layers").EntryPoints);
        Assert.All(KernelSources.All, k => Assert.NotEmpty(k.EntryPoints));
    }

    [Fact]
    public void Every_entry_point_belongs_to_one_kernel()
    {
        var entries = KernelSources.All.SelectMany(k => k.EntryPoints).ToArray();
        Assert.Equal(entries.Length, entries.Distinct(StringComparer.Ordinal).Count());
        foreach (var kernel in KernelSources.All)
            foreach (var entry in kernel.EntryPoints)
                Assert.Same(kernel, KernelSources.OfEntryPoint(entry));
        Assert.Contains("sc_nothing", Assert.Throws<ArgumentException>(() => KernelSources.OfEntryPoint("sc_nothing")).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Kernels_include_no_system_headers()
    {
        // NVRTC in CI has no CUDA headers: only our own .cuh files may be included.
        foreach (var source in KernelSources.All.Concat(KernelSources.Headers))
            foreach (Match include in IncludePattern().Matches(source.Text))
                Assert.True(include.Groups[1].Value.EndsWith(".cuh", StringComparison.Ordinal) && include.Value.Contains('"', StringComparison.Ordinal),
                    $"{source.FileName} includes {include.Value}; kernels may include only Kernels/*.cuh");
    }

    [SkippableTheory]
    [MemberData(nameof(KernelsAndTargets))]
    public void Compiles_with_nvrtc(string kernel, int architecture, bool cubin)
    {
        var nvrtc = Requirements.Nvrtc();
        Skip.IfNot(nvrtc.SupportedArchitectures.Contains(architecture), $"NVRTC {nvrtc.VersionText} does not support architecture {architecture}");
        Skip.If(cubin && !nvrtc.CanEmitCubin, $"NVRTC {nvrtc.VersionText} cannot emit CUBIN");

        var compiler = new KernelCompiler(cacheDirectory: "", useMemoryCache: false);
        var source = KernelSources.Get(kernel);
        var compiled = compiler.Compile(source, new KernelTarget(architecture, cubin));

        Assert.Equal(KernelCacheSource.Compiled, compiled.CacheSource);
        if (cubin)
        {
            Assert.Equal("\u007fELF", Encoding.ASCII.GetString(compiled.Image, 0, 4));
            foreach (var entry in source.EntryPoints)
                Assert.True(Encoding.ASCII.GetString(compiled.Image).Contains(entry, StringComparison.Ordinal), $"the CUBIN of {kernel} lacks {entry}");
        }
        else
        {
            var ptx = compiled.Ptx!;
            Assert.Contains($".target sm_{architecture}", ptx, StringComparison.Ordinal);
            foreach (var entry in source.EntryPoints)
                Assert.Contains($".entry {entry}(", ptx, StringComparison.Ordinal);
            // --fmad=false: the CPU twins never fuse. CUDA's math library (expf, sinf, powf: libdevice) uses fma inside by
            // design, so kernels that call it agree with their twins within ±1 rather than to the bit; the others must have none.
            if (!CallsMathLibrary(source.Text))
                Assert.DoesNotContain("fma.rn.f32", ptx, StringComparison.Ordinal);
        }
        Assert.True(string.IsNullOrWhiteSpace(compiled.Log) || !compiled.Log.Contains("warning", StringComparison.OrdinalIgnoreCase), $"NVRTC warned:\n{compiled.Log}");
    }

    [SkippableFact]
    public void A_broken_kernel_reports_its_name_options_and_nvrtcs_log()
    {
        Requirements.Nvrtc();
        var broken = new KernelSource("broken", "broken.cu", """
            #include "common.cuh"
            extern "C" __global__ void sc_broken(uchar4* target)
            {
                target[0] = make_uchar4(undeclared_variable, 0, 0, 0);
            }
            """);
        var compiler = new KernelCompiler(cacheDirectory: "", useMemoryCache: false);

        var error = Assert.Throws<KernelCompileException>(() => compiler.Compile(broken, new KernelTarget(75, false)));

        output.WriteLine(error.Message);
        Assert.Equal("broken", error.KernelName);
        Assert.Contains("--gpu-architecture=compute_75", error.Options);
        Assert.Contains("kernel 'broken'", error.Message, StringComparison.Ordinal);
        Assert.Contains("--fmad=false", error.Message, StringComparison.Ordinal);
        Assert.Matches(@"broken\.cu\(4\): error: identifier ""undeclared_variable"" is undefined", error.Log);
        Assert.Contains(error.Log.Trim(), error.Message, StringComparison.Ordinal);
    }

    [SkippableFact]
    public void Compile_times_cold_and_from_the_disk_cache()
    {
        var nvrtc = Requirements.Nvrtc();
        var cache = Path.Combine(Path.GetTempPath(), "scriptcomposer-kernel-cache-test", Guid.NewGuid().ToString("N"));
        try
        {
            var architecture = nvrtc.SupportedArchitectures.Contains(80) ? 80 : nvrtc.SupportedArchitectures.Max();
            var target = new KernelTarget(architecture, nvrtc.CanEmitCubin);
            var cold = new KernelCompiler(cache, useMemoryCache: false);
            var warm = new KernelCompiler(cache, useMemoryCache: false);
            var report = new StringBuilder($"NVRTC {nvrtc.VersionText}, target {target}:\n");
            var total = Stopwatch.StartNew();
            foreach (var kernel in KernelSources.All)
            {
                var first = cold.Compile(kernel, target);
                var second = warm.Compile(kernel, target);
                Assert.Equal(KernelCacheSource.Compiled, first.CacheSource);
                Assert.Equal(KernelCacheSource.Disk, second.CacheSource);
                Assert.Equal(first.Image, second.Image);
                report.AppendLine($"  {kernel.Name,-10} cold {first.Elapsed.TotalMilliseconds,8:0.0} ms   disk cache {second.Elapsed.TotalMilliseconds,6:0.00} ms   {first.Image.Length,7} bytes");
            }
            report.Append($"  total {total.Elapsed.TotalMilliseconds:0} ms");
            output.WriteLine(report.ToString());

            // Another architecture or option set is another entry.
            var other = new KernelTarget(nvrtc.SupportedArchitectures.Min(), false);
            Assert.Equal(KernelCacheSource.Compiled, warm.Compile(KernelSources.All[0], other).CacheSource);
            Assert.Equal(KernelSources.All.Count + 1, Directory.GetFiles(cache).Length);
        }
        finally
        {
            if (Directory.Exists(cache))
                Directory.Delete(cache, recursive: true);
        }
    }

    [SkippableFact]
    public void A_damaged_cache_entry_is_compiled_again_and_replaced()
    {
        var nvrtc = Requirements.Nvrtc();
        var cache = Path.Combine(Path.GetTempPath(), "scriptcomposer-kernel-cache-test", Guid.NewGuid().ToString("N"));
        try
        {
            var target = new KernelTarget(nvrtc.SupportedArchitectures.Max(), false);
            var kernel = KernelSources.Get("fill");
            var first = new KernelCompiler(cache, useMemoryCache: false).Compile(kernel, target);
            var entry = Directory.GetFiles(cache).Single();
            var bytes = File.ReadAllBytes(entry);
            // A flipped character in the middle of the PTX: still text, still the right length, no longer the kernel.
            bytes[bytes.Length / 2] ^= 0x01;
            File.WriteAllBytes(entry, bytes);

            var afterDamage = new KernelCompiler(cache, useMemoryCache: false).Compile(kernel, target);
            var afterRepair = new KernelCompiler(cache, useMemoryCache: false).Compile(kernel, target);

            Assert.Equal(KernelCacheSource.Compiled, afterDamage.CacheSource);
            Assert.Equal(first.Image, afterDamage.Image);
            Assert.Equal(KernelCacheSource.Disk, afterRepair.CacheSource);
            Assert.Equal(first.Image, afterRepair.Image);
        }
        finally
        {
            if (Directory.Exists(cache))
                Directory.Delete(cache, recursive: true);
        }
    }

    /// <summary>Whether a kernel calls a transcendental function of CUDA's math library (whose implementations use fma).</summary>
    internal static bool CallsMathLibrary(string source) => MathLibraryCall().IsMatch(source);

    [GeneratedRegex(@"\b(?:exp|exp2|log|log2|pow|sin|cos|tan|atan2?|sinpi|cospi)f\s*\(")]
    private static partial Regex MathLibraryCall();

    [GeneratedRegex("""#\s*include\s*[<"]([^>"]+)[>"]""")]
    private static partial Regex IncludePattern();
}
