using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Configuration;

/// <summary>The options as <c>sc</c> reads them from its own environment: shown by <c>sc doctor --verbose</c>, used by the libraries, refused when impossible.</summary>
[Collection(EndToEndCollection.Name)]
public sealed class ScOptionsProcessTests
{
    [Fact]
    public void Doctor_verbose_prints_each_setting_with_its_value_and_source_and_the_libraries_use_them()
    {
        using var folder = new TempFolder("options");
        var environment = new Dictionary<string, string?>
        {
            ["SC_CACHE_DIR"] = folder["cache"],
            ["SC_NO_CACHE"] = null,
            ["SC_IN_PROCESS_DECODE"] = "0",
            ["SC_MAX_PIXELS"] = "5M",
            ["SC_THREADS"] = "1",
            ["SC_FONT_DIRS"] = null,
            ["SC_KERNEL_CACHE"] = null,
        };

        var result = ScRunner.RunProcess(["doctor", "--verbose"], environment, TimeSpan.FromMinutes(5));

        Assert.Contains("options:      as read from the environment at start", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  SC_CACHE_DIR         {folder["cache"]}  [environment]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  SC_KERNEL_CACHE      {Path.Combine(folder["cache"], "kernels")}  [default]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  SC_IN_PROCESS_DECODE 0 (ffmpeg processes decode)  [environment]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  SC_MAX_PIXELS        5000000  [environment]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains($"  SC_THREADS           1 (of {Environment.ProcessorCount} cores)  [environment]", result.Stdout, StringComparison.Ordinal);
        Assert.Contains("  SC_FONT_DIRS         none besides the system's  [default]", result.Stdout, StringComparison.Ordinal);
        // What the libraries were given: the cache folder doctor reports, and decoding left to ffmpeg processes.
        Assert.Contains($"cache:        {folder["cache"]}: scripts ", result.Stdout, StringComparison.Ordinal);
        if (ToolRunner.Locate("ffmpeg") is not null)
            Assert.Contains("decoding:     ffmpeg processes (in process: turned off by SC_IN_PROCESS_DECODE=0)", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public void A_command_started_with_an_impossible_value_ends_at_once_naming_the_variable()
    {
        using var folder = new TempFolder("options-bad");
        var script = folder.Write("s.csx", """Render(Color(32, 24, "red").WithDuration(1), "out.mp4");""");

        var result = ScRunner.RunProcess(["render", script, "--backend", "cpu"], new Dictionary<string, string?> { ["SC_NO_CACHE"] = "sometimes" });

        Assert.Equal(1, result.ExitCode);
        Assert.StartsWith("error: SC_NO_CACHE is 'sometimes', which is neither on nor off.", result.Stderr, StringComparison.Ordinal);
        FailureAssert.NoStackTrace(result);
        Assert.Equal(["s.csx"], folder.Files());
    }
}
