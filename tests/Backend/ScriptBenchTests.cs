using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;
using ScriptComposer.Gpu.Cpu;
using ScriptComposer.Gpu.Cuda;
using ScriptComposer.Host.Commands;
using ScriptComposer.Host.Scripting;
using ScriptComposer.Tests.Kernels;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Backend;

/// <summary><c>sc bench SCRIPT</c> times what the script defines: its pixel effect and its whole frame, on the CPU and (here, the shim) CUDA.</summary>
public sealed class ScriptBenchTests
{
    [SkippableFact]
    public void The_pixel_effect_script_has_a_row_per_item_and_backend_and_the_effect_agrees_with_the_cpu()
    {
        var evaluation = new ScriptHost().Evaluate(RepositoryFiles.Script("pixel-effect.csx"), new ScriptArgs(new Dictionary<string, string>()));
        var clip = evaluation.Outputs.OfType<VideoOutput>().Single().Clip;
        using var cpu = new CpuBackend();
        using var shim = new CudaBackend(new ShimRuntime(ShimHarness.Get()));

        var rows = ScriptBench.Run(clip, 1.0, [cpu, shim], TimeSpan.Zero);

        Assert.Equal(
            [("effect 'waves' 640x360", "cpu"), ("effect 'waves' 640x360", "cuda"), ("whole frame at 1 s, 640x360 to I420", "cpu"), ("whole frame at 1 s, 640x360 to I420", "cuda")],
            rows.Select(r => (r.Item, r.Backend)));
        Assert.All(rows, r => Assert.True(r.Median > 0 && r.P10 <= r.Median && r.Median <= r.P90, $"{r.Item} on {r.Backend}: {r.P10} {r.Median} {r.P90}"));
        Assert.All(rows.Where(r => r.Backend == "cpu"), r => Assert.Equal("", r.Difference));
        Assert.Matches(@"^max [01] [01] [01] [01], mean [\d.]+ [\d.]+ [\d.]+ [\d.]+$", rows[1].Difference);
        Assert.Matches(@"^max [01], mean [\d.]+$", rows[3].Difference);

        using var table = new StringWriter();
        ScriptBench.Print(rows, "pixel-effect.csx at 1 s", table);
        Assert.Contains("effect 'waves' 640x360", table.ToString(), StringComparison.Ordinal);
        Assert.Contains("p10-p90 ms", table.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void A_gpu_only_effect_keeps_its_cuda_timing_with_no_difference_and_says_why()
    {
        var effect = new PixelEffect(cuda: "px.x = 1.0f - px.x;", cpu: null, name: "gpu only");
        var clip = Clips.Color(64, 36, "#102030").Apply(effect).WithDuration(2);
        using var cpu = new CpuBackend();
        using var shim = new CudaBackend(new ShimRuntime(ShimHarness.Get()));

        var rows = ScriptBench.Run(clip, 0.5, [cpu, shim], TimeSpan.Zero);

        var cuda = rows.Single(r => r.Item == "effect 'gpu only' 64x36" && r.Backend == "cuda");
        Assert.True(cuda.Median > 0, cuda.ToString());
        Assert.StartsWith("n/a: no CPU reference to compare with (PixelEffectException", cuda.Difference, StringComparison.Ordinal);
        Assert.StartsWith("FAILED: PixelEffectException", rows.Single(r => r.Item == "effect 'gpu only' 64x36" && r.Backend == "cpu").Difference, StringComparison.Ordinal);
        var frame = rows.Single(r => r.Item.StartsWith("whole frame", StringComparison.Ordinal) && r.Backend == "cuda");
        Assert.True(frame.Median > 0, frame.ToString());
        Assert.StartsWith("n/a: no CPU reference", frame.Difference, StringComparison.Ordinal);
    }

    [Fact]
    public void A_composite_script_has_a_composite_row_and_an_effect_without_a_cpu_function_fails_only_its_row()
    {
        var effect = new PixelEffect(cuda: "return px;", cpu: null, name: "gpu only");
        var clip = Clips.Composite(64, 36,
            Clips.Color(64, 36, "#102030"),
            Clips.Color(16, 16, "red").Apply(effect).At(4, 8),
            Clips.Color(16, 16, "lime").Blend("screen").At(30, 10)).WithDuration(2);
        using var cpu = new CpuBackend();

        var rows = ScriptBench.Run(clip, 0.5, [cpu], TimeSpan.Zero);

        Assert.Equal(["composite 1: 3 layers 64x36 (0|0|3)", "effect 'gpu only' 16x16", "whole frame at 0.5 s, 64x36 to I420"], rows.Select(r => r.Item));
        Assert.True(rows[0].Median > 0);
        Assert.StartsWith("FAILED: PixelEffectException", rows[1].Difference, StringComparison.Ordinal);
        Assert.True(double.IsNaN(rows[1].Median));
        Assert.StartsWith("FAILED", rows[2].Difference, StringComparison.Ordinal); // the frame applies the effect too
    }

    [Fact]
    public void Distinct_effects_that_share_a_name_are_a_row_each_labelled_by_their_line_and_a_number()
    {
        using var folder = new TempFolder("bench");
        var script = folder.Write("multi.csx", """
            var red = PixelEffect(cpu: (px, x, y, t) => new Float4(1, px.Y, px.Z, px.W));
            var green = PixelEffect(cpu: (px, x, y, t) => new Float4(px.X, 1, px.Z, px.W));
            PixelEffect Gain(float k) => PixelEffect(cpu: (px, x, y, t) => new Float4(px.X * k, px.Y * k, px.Z * k, px.W), name: "gain");
            var only = PixelEffect(cpu: (px, x, y, t) => px, name: "only");
            var bg = Color(320, 240, "navy").WithDuration(2);
            var a = Color(100, 80, "white").Apply(red).At(10, 10);
            var b = Color(100, 80, "white").Apply(green).At(150, 10);
            var c = Color(100, 80, "gray").Apply(Gain(0.5f)).At(10, 120);
            var d = Color(100, 80, "gray").Apply(Gain(2f)).At(150, 120);
            var e = Color(100, 80, "gray").Apply(only).At(200, 150);
            var f = Color(100, 80, "gray").Apply(red).At(100, 150);
            Render(Composite(320, 240, bg, a, b, c, d, e, f).WithDuration(2), "out/multi.mp4", fps: 10);
            """);
        var evaluation = new ScriptHost().Evaluate(script, new ScriptArgs(new Dictionary<string, string>()));
        var clip = evaluation.Outputs.OfType<VideoOutput>().Single().Clip;
        using var cpu = new CpuBackend();

        var rows = ScriptBench.Run(clip, 0.5, [cpu], TimeSpan.Zero);

        // red is applied twice at one size: one row; the factory's two effects come from one line, so they are numbered.
        Assert.Equal(
            ["effect 'PixelEffect' (multi.csx:1) 100x80", "effect 'PixelEffect' (multi.csx:2) 100x80", "effect 'gain' (multi.csx:3) #1 100x80",
             "effect 'gain' (multi.csx:3) #2 100x80", "effect 'only' 100x80"],
            rows.Select(r => r.Item).Where(i => i.StartsWith("effect", StringComparison.Ordinal)));
        Assert.All(rows, r => Assert.True(r.Median > 0, $"{r.Item}: {r.Difference}"));
    }

    [Fact]
    public async Task Every_video_output_is_timed_in_a_table_of_its_own()
    {
        using var folder = new TempFolder("bench");
        var script = folder.Write("two.csx", """
            var inv = PixelEffect(cpu: (px, x, y, t) => new Float4(1 - px.X, px.Y, px.Z, px.W), name: "inv");
            var swap = PixelEffect(cpu: (px, x, y, t) => new Float4(px.Z, px.Y, px.X, px.W), name: "swap");
            var g = Color(64, 48, "white").WithDuration(2);
            Render(g.Apply(inv), "out/first.mp4", fps: 10);
            Render(g.Apply(swap), "out/second.mp4", fps: 10);
            """);

        var result = await ScRunner.RunAsync("bench", script, "--backend", "cpu");

        Assert.True(result.ExitCode == 0, result.ToString());
        var tables = TablesByVideo(result.Stdout);
        Assert.Equal(["out/first.mp4", "out/second.mp4"], tables.Keys);
        Assert.Contains("effect 'inv' 64x48", tables["out/first.mp4"], StringComparison.Ordinal);
        Assert.DoesNotContain("'swap'", tables["out/first.mp4"], StringComparison.Ordinal);
        Assert.Contains("effect 'swap' 64x48", tables["out/second.mp4"], StringComparison.Ordinal);
        Assert.Contains("whole frame at 0 s, 64x48 to I420", tables["out/second.mp4"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_video_that_ends_before_at_and_a_clip_rendered_twice_are_named_not_timed()
    {
        using var folder = new TempFolder("bench");
        var script = folder.Write("three.csx", """
            var inv = PixelEffect(cpu: (px, x, y, t) => new Float4(1 - px.X, px.Y, px.Z, px.W), name: "inv");
            var shortOne = Color(64, 48, "white").WithDuration(1).Apply(inv);
            var longOne = Color(32, 24, "white").WithDuration(3).Apply(inv);
            Render(shortOne, "short.mp4", fps: 10);
            Render(longOne, "long.mp4", fps: 10);
            Render(longOne, "long.webm", fps: 10);
            """);

        var result = await ScRunner.RunAsync("bench", script, "--backend", "cpu", "--at", "1.5");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal(["long.mp4"], TablesByVideo(result.Stdout).Keys);
        Assert.Contains("short.mp4: not timed, as it lasts 1 s and --at 1.5 is past its end.", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("long.webm: the same clip as long.mp4, timed above.", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("effect 'inv' 32x24", result.Stdout, StringComparison.Ordinal);
        Assert.DoesNotContain("64x48", result.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("index", 4, "Index was out of range. Must be non-negative and less than the size of the collection.")]
    [InlineData("recursion", 1, "the script recursed too deeply")]
    public async Task What_the_scripts_own_code_throws_is_reported_at_its_line(string kind, int line, string message)
    {
        using var folder = new TempFolder("bench");
        var script = folder.Write("oops.csx", kind == "index"
            ? """
              var table = new List<float> { 0.1f, 0.2f, 0.3f };
              var oops = PixelEffect(
                  cuda: "px.x = 0.5f;",
                  cpu: (px, x, y, t) => new Float4(table[x], px.Y, px.Z, px.W),
                  name: "oops");
              Render(Color(32, 24, "red").WithDuration(2).Apply(oops), "out/oops.mp4", fps: 10);
              """
            : """
              int Deeper(int n) => Deeper(n + 1) + 1;
              var oops = PixelEffect(cpu: (px, x, y, t) => new Float4(Deeper(x), px.Y, px.Z, px.W), name: "oops");
              Render(Color(32, 24, "red").WithDuration(2).Apply(oops), "out/oops.mp4", fps: 10);
              """);

        var result = await ScRunner.RunAsync("bench", script, "--backend", "cpu");

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{script}({line}): error: {message}", result.Stderr, StringComparison.Ordinal);
        Assert.Single(result.Stderr.Split('\n'), l => l.StartsWith($"{script}(", StringComparison.Ordinal));
        Assert.Matches($@"effect 'oops' 32x24 +cpu +- +- +- +- +FAILED: the script threw at line {line}: ", result.Stdout);
        FailureAssert.NoStackTrace(result);
    }

    /// <summary>Each table of <c>sc bench SCRIPT</c>'s output, by the video its title names.</summary>
    private static Dictionary<string, string> TablesByVideo(string stdout)
    {
        var tables = new Dictionary<string, string>(StringComparer.Ordinal);
        string? current = null;
        foreach (var line in stdout.Split('\n'))
        {
            if (System.Text.RegularExpressions.Regex.Match(line, @", video (\S+) at [\d.]+ s on ") is { Success: true } title)
                tables[current = title.Groups[1].Value] = "";
            else if (current is not null)
                tables[current] += line + "\n";
        }
        return tables;
    }
}
