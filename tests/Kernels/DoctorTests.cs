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

    [SkippableFact]
    public void Ctrl_C_while_doctor_compiles_its_kernels_ends_it_with_130_and_removes_its_scratch_cache()
    {
        Requirements.Nvrtc();
        using var folder = new TempFolder("doctor");
        var temporary = Directory.CreateDirectory(folder["tmp"]).FullName;
        string[] Scratch() => Directory.GetDirectories(temporary, "sc-doctor-kernels-*");

        // The scratch cache is there from the first kernel's compile on: the signal comes in the middle of the timings.
        var result = ScRunner.InterruptWhen(["doctor"], new Dictionary<string, string?> { ["TMPDIR"] = temporary }, () => Scratch().Length > 0,
            "doctor to start compiling its kernels", settle: TimeSpan.FromMilliseconds(300));

        Assert.Equal(130, result.ExitCode);
        Assert.Contains("Cancelled", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("Kernels:", result.Stdout, StringComparison.Ordinal);
        Assert.Empty(Scratch());
    }
}
