using ScriptComposer.Host.Commands;
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

    [Fact]
    public void Nvenc_in_ffmpeg_is_only_yes_where_the_driver_is_there_and_a_frame_encodes()
    {
        var ffmpeg = new HashSet<string>(StringComparer.Ordinal) { "libx264", "h264_nvenc" };
        var trials = new List<string>();
        string? Encodes(string encoder)
        {
            trials.Add(encoder);
            return null;
        }

        Assert.Equal("no", DoctorCommand.EncoderState("hevc_nvenc", ffmpeg, _ => true, Encodes));
        Assert.Equal("yes", DoctorCommand.EncoderState("libx264", ffmpeg, _ => false, Encodes));
        Assert.Equal("in ffmpeg but unusable here: it needs the NVIDIA driver (libcuda.so.1 and libnvidia-encode.so.1 not found)",
            DoctorCommand.EncoderState("h264_nvenc", ffmpeg, _ => false, Encodes));
        Assert.Equal("in ffmpeg but unusable here: it needs the NVIDIA driver (libnvidia-encode.so.1 not found)",
            DoctorCommand.EncoderState("h264_nvenc", ffmpeg, library => library == "libcuda.so.1", Encodes));
        Assert.Empty(trials);
        Assert.Equal("in ffmpeg but a one-frame trial failed: OpenEncodeSessionEx failed: unsupported device (2): (no details)",
            DoctorCommand.EncoderState("h264_nvenc", ffmpeg, _ => true, _ => "OpenEncodeSessionEx failed: unsupported device (2): (no details)"));
        Assert.Equal("yes", DoctorCommand.EncoderState("h264_nvenc", ffmpeg, _ => true, Encodes));
        Assert.Equal(["h264_nvenc"], trials);
    }

    [SkippableFact]
    public async Task Doctor_says_nvenc_is_unusable_where_ffmpeg_has_it_and_the_driver_is_not_here()
    {
        ToolRunner.RequireFfmpeg();
        Skip.IfNot(ScriptComposer.Dsl.Media.FfmpegTools.Encoders().Contains("h264_nvenc"), "This ffmpeg has no h264_nvenc.");
        Skip.If(System.Runtime.InteropServices.NativeLibrary.TryLoad("libcuda.so.1", out _), "This machine has the NVIDIA driver.");

        var result = await ScRunner.RunAsync("doctor");

        Assert.Contains("h264_nvenc in ffmpeg but unusable here: it needs the NVIDIA driver (libcuda.so.1", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("h264_nvenc yes", result.Stdout, StringComparison.Ordinal);
    }
}
