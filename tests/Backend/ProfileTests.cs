using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Gpu.Diagnostics;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Backend;

/// <summary><c>sc render --profile</c>: where a render's time went, per backend operation, and the time off the backend.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ProfileTests
{
    [SkippableFact]
    public async Task Render_profile_of_the_pixel_effect_script_names_the_effect_the_conversion_and_the_rest()
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("profile");

        var result = await ScRunner.RunAsync("render", RepositoryFiles.Script("pixel-effect.csx"), "--backend", "cpu", "--profile", "-o", folder["out.mp4"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"profile on cpu \(CPU, \d+ logical cores\), [\d.]+ s in all:", result.Stdout);
        Assert.Matches(@"\n  pixel effect 'waves' +90 +[\d.]+ +[\d.]+ +\d+%", result.Stdout); // 3 s at 30 fps
        Assert.Matches(@"\n  gradient +\d+ ", result.Stdout);
        Assert.Matches(@"\n  convert to I420 and download +90 ", result.Stdout);
        Assert.Matches(@"\n  off the backend \(planning, decoding, waiting for the encoder\): [\d.]+ ms, \d+%", result.Stdout);
    }

    [Fact]
    public void The_profiler_counts_each_operation_by_kind_and_passes_every_call_through()
    {
        using var profiler = new ProfilingBackend(new CpuBackend(), synchronize: true);
        using var image = profiler.Allocate(8, 4);
        using var layer = profiler.Allocate(2, 2);
        profiler.Fill(image, Rgba.White);
        profiler.Fill(layer, Rgba.Black);
        profiler.CompositeLayers(image, Rgba.Black, [new LayerDraw(layer, 1, 1), new LayerDraw(layer, 3, 1, 0.5f)]);
        var i420 = new byte[new Yuv420Layout(8, 4).TotalBytes];
        profiler.ConvertToYuv420(image, i420);

        Assert.Equal(16, i420[0]); // (0, 0): the composite's black background, passed through to the CPU backend
        Assert.Equal([("allocate", 2L), ("composite 2 layers (fused)", 1L), ("convert to I420 and download", 1L), ("fill", 2L)],
            profiler.Times.Select(t => (t.Operation, t.Calls)).OrderBy(t => t.Operation, StringComparer.Ordinal));
        Assert.Contains("off the backend", profiler.Report(TimeSpan.FromSeconds(1)), StringComparison.Ordinal);
    }

    [Fact]
    public void The_profiler_keeps_distinct_effects_of_one_name_apart()
    {
        var first = new PixelEffect(cpu: (px, _, _, _) => px) { Origin = "scene.csx:2" };
        var second = new PixelEffect(cpu: (px, _, _, _) => new Float4(1, px.Y, px.Z, px.W)) { Origin = "scene.csx:3" };
        var gain = new PixelEffect(cpu: (px, _, _, _) => px, name: "gain") { Origin = "scene.csx:4" };
        var gainAgain = new PixelEffect(cpu: (px, _, _, _) => px, name: "gain") { Origin = "scene.csx:4" };
        var alone = new PixelEffect(cpu: (px, _, _, _) => px, name: "alone") { Origin = "scene.csx:5" };
        using var profiler = new ProfilingBackend(new CpuBackend(), synchronize: true);
        using var image = profiler.Allocate(8, 4);

        foreach (var effect in new[] { first, second, second, gain, gainAgain, gainAgain, gainAgain, alone })
            profiler.ApplyPixelEffect(image, effect, 0);

        Assert.Equal(
            [("pixel effect 'PixelEffect' (scene.csx:2)", 1L), ("pixel effect 'PixelEffect' (scene.csx:3)", 2L), ("pixel effect 'alone'", 1L),
             ("pixel effect 'gain' (scene.csx:4) #1", 1L), ("pixel effect 'gain' (scene.csx:4) #2", 3L)],
            profiler.Times.Where(t => t.Operation.StartsWith("pixel effect", StringComparison.Ordinal)).Select(t => (t.Operation, t.Calls))
                .OrderBy(t => t.Operation, StringComparer.Ordinal));
        var report = profiler.Report(TimeSpan.FromSeconds(1)).Split('\n');
        var header = report.Single(l => l.StartsWith("  operation", StringComparison.Ordinal));
        var row = report.Single(l => l.StartsWith("  pixel effect 'gain' (scene.csx:4) #2 ", StringComparison.Ordinal));
        Assert.Equal(header.IndexOf("  calls", StringComparison.Ordinal) + "  calls".Length, row.IndexOf(" 3 ", StringComparison.Ordinal) + 2); // the column fits the longest label
    }

    public static TheoryData<string[], string> ElsewhereOptions => new()
    {
        { ["--jobs", "2"], "--jobs renders in worker processes" },
        { ["--batch", "rows.csv"], "--batch renders one video per row of the table" },
        { ["--slurm", "--chunks", "2"], "--slurm renders the chunks in Slurm tasks" },
        { ["--chunk", "0/2", "--work-dir", "work"], "--chunk 0/2 renders one chunk of the frames for sc join" },
    };

    [SkippableTheory]
    [MemberData(nameof(ElsewhereOptions))]
    public async Task Profile_with_a_render_past_this_process_is_refused_naming_the_option(string[] options, string does)
    {
        ToolRunner.RequireFfmpeg();
        using var folder = new TempFolder("profile");
        var script = folder.Write("s.csx", """Render(Color(32, 24, "red").WithDuration(1), Args.Get("out", "out.mp4"), fps: 10);""");
        folder.Write("rows.csv", "out\nrow.mp4\n");

        var result = await ScRunner.RunAsync(["render", script, "--backend", "cpu", "--profile", .. options.Select(o => o is "rows.csv" or "work" ? folder[o] : o)]);

        FailureAssert.Clean(result, folder, folder["out.mp4"], $"--profile times the backend operations of one render in this process, and {does}",
            $"Leave out {options[0]}");
        Assert.Equal(["rows.csv", "s.csx"], folder.Files());
    }
}
