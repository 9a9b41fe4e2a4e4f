using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Kernels;

/// <summary><c>sc doctor</c>'s CUDA lines: the fused composite compiled with the built-in kernels, NVRTC's file and builtins, the options.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class DoctorTests
{
    [SkippableFact]
    public void Doctor_verbose_names_nvrtcs_file_and_builtins_compiles_a_fused_composite_and_shows_the_cuda_options()
    {
        var nvrtc = Requirements.Nvrtc();

        var result = ScRunner.RunProcess(["doctor", "--verbose"], new Dictionary<string, string?> { ["SC_CUDA_SYNC"] = "1" }, TimeSpan.FromMinutes(5));

        Assert.True(result.ExitCode == 0 || Gpu.Cuda.Native.CudaLoader.Probe().IsAvailable, result.ToString());
        Assert.Contains($"NVRTC:        {nvrtc.VersionText}", result.Stdout, StringComparison.Ordinal);
        Assert.Matches($@"builtins \S*libnvrtc-builtins\.so\.{nvrtc.Version!.Major}\.{nvrtc.Version.Minor}", result.Stdout);
        Assert.Matches(@"\n  layers +compiled +[\d.]+ ms, from disk cache .*\(fused composite of shape 0\|0mf\|3f\|2m\)", result.Stdout);
        Assert.Matches(@"\n  fill +compiled ", result.Stdout);
        Assert.Contains("  SC_CUDA_SYNC         1 (every launch checked)  [environment]", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("FAILED", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", result.Stdout + result.Stderr, StringComparison.Ordinal); // no stack trace
    }
}
