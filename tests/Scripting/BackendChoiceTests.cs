using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cuda;
using ScriptComposer.Gpu.Cuda.Native;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Scripting;

/// <summary>What a user sees about the backend on a machine without a GPU: sc doctor says why, and --backend cuda fails with that reason.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class BackendChoiceTests
{
    private static readonly CudaStatus Cuda = CudaLoader.Probe();

    [SkippableFact]
    public async Task Doctor_names_ffmpeg_nvrtc_and_why_auto_picks_the_cpu()
    {
        ToolRunner.RequireFfmpeg();
        Skip.If(Cuda.IsAvailable, "a CUDA device is present, so auto picks CUDA here");

        var result = await ScRunner.RunAsync("doctor");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("ffmpeg:", result.Stdout);
        Assert.Contains("libx264 yes", result.Stdout);
        Assert.Matches(@"cache: +\S+: scripts \d+ \(", result.Stdout);
        Assert.Matches("decoding: +(in process with libavformat|ffmpeg processes)", result.Stdout);
        Assert.Contains("--backend auto: backend cpu: CUDA is not available", result.Stdout);
        Assert.Contains(Cuda.Reason, result.Stdout);
    }

    [SkippableFact]
    public async Task Backend_cuda_without_a_device_fails_with_the_reason_and_renders_nothing()
    {
        ToolRunner.RequireFfmpeg();
        Skip.If(Cuda.IsAvailable, "a CUDA device is present, so --backend cuda works here");
        using var folder = new TempFolder("backend");

        var script = folder.Write("s.csx", "Render(Color(64, 64, \"red\").WithDuration(1), \"x.mp4\");");

        var result = await ScRunner.RunAsync("render", script, "--backend", "cuda");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("The CUDA backend is not available", result.Stderr);
        Assert.Contains("--backend cpu", result.Stderr);
        Assert.Equal(["s.csx"], folder.Files());
    }

    [Fact]
    public void Auto_says_in_one_line_which_backend_it_chose_and_why()
    {
        var choice = Backends.Create(BackendKind.Auto);
        using var backend = choice.Backend;
        var reason = choice.Reason;

        Assert.DoesNotContain('\n', reason);
        Assert.StartsWith(Cuda.IsAvailable ? "backend cuda" : "backend cpu: CUDA is not available", reason);
    }
}
