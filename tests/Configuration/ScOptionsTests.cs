using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Host.Configuration;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Configuration;

/// <summary>
/// sc's configuration is read from the environment once, in <see cref="ScOptions"/>: each variable's effective value and
/// where it came from, a clear error for a value that cannot be meant, and no library reading the environment itself.
/// </summary>
public sealed class ScOptionsTests
{
    private const string Home = "/home/someone";

    private static ScOptions Read(params (string Name, string Value)[] variables)
    {
        var environment = variables.ToDictionary(v => v.Name, v => v.Value, StringComparer.Ordinal);
        return ScOptions.Read(name => environment.GetValueOrDefault(name), Home);
    }

    private static ScOption Row(ScOptions options, string variable) => Assert.Single(options.Described, o => o.Variable == variable);

    [Fact]
    public void An_empty_environment_gives_the_defaults_and_says_so()
    {
        var options = Read();

        Assert.Equal("/home/someone/.cache/scriptcomposer", options.CacheFolder);
        Assert.Null(options.KernelCacheFolder);
        Assert.Null(options.FfmpegFolder);
        Assert.Empty(options.SearchPath);
        Assert.True(options.InProcessDecode);
        Assert.Empty(options.FontFolders);
        Assert.Null(options.DataHome);
        Assert.Null(options.NvrtcPath);
        Assert.Empty(options.NvrtcSearchVariables);
        Assert.Equal(MediaLimits.DefaultMaxPixels, options.MaxPixels);
        Assert.False(options.CudaSync);
        Assert.False(options.Cuda.SynchronizeEachLaunch);
        Assert.All(options.Described, o => Assert.Equal("default", o.Source));
        Assert.Equal(
            ["SC_CACHE_DIR", "SC_KERNEL_CACHE", "SC_FFMPEG_DIR", "SC_IN_PROCESS_DECODE", "SC_FONT_DIRS", "XDG_DATA_HOME", "SC_NVRTC_PATH", "SC_MAX_PIXELS", "SC_THREADS", "SC_CUDA_SYNC"],
            options.Described.Select(o => o.Variable));
        Assert.Equal("/home/someone/.cache/scriptcomposer/kernels", Row(options, "SC_KERNEL_CACHE").Value);
        Assert.Equal("/home/someone/.local/share", Row(options, "XDG_DATA_HOME").Value);
    }

    [Fact]
    public void The_cache_folder_comes_from_sc_cache_dir_then_xdg_cache_home_and_sc_no_cache_turns_it_off()
    {
        var explicitRoot = Read(("SC_CACHE_DIR", "/tmp/c"), ("XDG_CACHE_HOME", "/xdg"));
        var xdg = Read(("XDG_CACHE_HOME", "/xdg"));
        var off = Read(("SC_NO_CACHE", "1"), ("SC_CACHE_DIR", "/tmp/c"));
        var on = Read(("SC_NO_CACHE", "0"), ("SC_CACHE_DIR", "/tmp/c"));
        var emptyIsUnset = Read(("SC_NO_CACHE", ""), ("SC_CACHE_DIR", ""));

        Assert.Equal(("/tmp/c", "environment"), (explicitRoot.CacheFolder, Row(explicitRoot, "SC_CACHE_DIR").Source));
        Assert.Equal(("/xdg/scriptcomposer", "from XDG_CACHE_HOME"), (xdg.CacheFolder, Row(xdg, "SC_CACHE_DIR").Source));
        Assert.Equal((null, "from SC_NO_CACHE"), (off.CacheFolder, Row(off, "SC_CACHE_DIR").Source));
        Assert.Equal("off: no disk caches", Row(off, "SC_KERNEL_CACHE").Value);
        Assert.Equal("/tmp/c", on.CacheFolder);
        Assert.Equal("/home/someone/.cache/scriptcomposer", emptyIsUnset.CacheFolder);
    }

    [Fact]
    public void Every_variable_set_is_taken_and_marked_as_from_the_environment()
    {
        var options = Read(
            ("SC_KERNEL_CACHE", "/k"), ("SC_FFMPEG_DIR", "/opt/ffmpeg/bin"), ("PATH", "/usr/bin:/bin"), ("SC_IN_PROCESS_DECODE", "false"),
            ("SC_FONT_DIRS", "/f1: /f2 :"), ("XDG_DATA_HOME", "/data"), ("SC_NVRTC_PATH", "/cuda/libnvrtc.so.12"), ("CUDA_HOME", "/cuda"),
            ("SOMETHING_ELSE", "x"), ("SC_MAX_PIXELS", "400M"), ("SC_THREADS", "3"), ("SC_CUDA_SYNC", "TRUE"));

        Assert.Equal("/k", options.KernelCacheFolder);
        Assert.Equal("/opt/ffmpeg/bin", options.FfmpegFolder);
        Assert.Equal(["/usr/bin", "/bin"], options.SearchPath);
        Assert.False(options.InProcessDecode);
        Assert.Equal(["/f1", "/f2"], options.FontFolders);
        Assert.Equal("/data", options.DataHome);
        Assert.Equal("/cuda/libnvrtc.so.12", options.NvrtcPath);
        Assert.Equal(new Dictionary<string, string> { ["CUDA_HOME"] = "/cuda" }, options.NvrtcSearchVariables);
        Assert.Equal(400_000_000, options.MaxPixels);
        Assert.Equal(3, options.Threads);
        Assert.True(options.CudaSync);
        Assert.True(options.Cuda.SynchronizeEachLaunch);
        Assert.All(options.Described.Where(o => o.Variable != "SC_CACHE_DIR"), o => Assert.Equal("environment", o.Source));
        Assert.Equal("SC_MAX_PIXELS        400000000  [environment]", Row(options, "SC_MAX_PIXELS").ToString());
    }

    [Theory]
    [InlineData("SC_NO_CACHE", "maybe")]
    [InlineData("SC_IN_PROCESS_DECODE", "2")]
    [InlineData("SC_CUDA_SYNC", "yes please")]
    public void A_switch_that_is_neither_on_nor_off_is_refused_naming_the_variable_and_the_fix(string variable, string value)
    {
        var error = Assert.Throws<ScriptComposerException>(() => Read((variable, value)));

        Assert.StartsWith($"{variable} is '{value}', which is neither on nor off. Set {variable}=1 to ", error.Message, StringComparison.Ordinal);
        Assert.Contains($"or {variable}=0 to ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("or unset it.", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_pixel_budget_that_is_no_number_is_refused_naming_the_variable()
    {
        var error = Assert.Throws<ScriptComposerException>(() => Read(("SC_MAX_PIXELS", "lots")));

        Assert.Contains("SC_MAX_PIXELS is 'lots'", error.Message, StringComparison.Ordinal);
        Assert.Contains("400M", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-2")]
    [InlineData("two")]
    [InlineData("1.5")]
    public void A_core_count_that_is_not_a_whole_number_from_one_is_refused_naming_the_variable_and_the_fix(string value)
    {
        var error = Assert.Throws<ScriptComposerException>(() => Read(("SC_THREADS", value)));

        Assert.StartsWith($"SC_THREADS is '{value}', which is not a number of cores. Give a whole number from 1 (such as SC_THREADS=4), or unset it", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1025")]
    [InlineData("99999")]
    public void More_threads_than_sc_can_start_are_refused_naming_the_variable_and_the_most(string value)
    {
        var error = Assert.Throws<ScriptComposerException>(() => Read(("SC_THREADS", value)));

        Assert.StartsWith($"SC_THREADS is {value}, more threads than sc can start (at most 1024;", error.Message, StringComparison.Ordinal);
        Assert.Equal(1024, Read(("SC_THREADS", "1024")).Threads);
    }

    [Fact]
    public void Without_sc_threads_every_core_is_used()
    {
        var options = Read();

        Assert.Null(options.Threads);
        Assert.Equal($"all {Environment.ProcessorCount} cores", Row(options, "SC_THREADS").Value);
    }

    [Fact]
    public void No_library_reads_the_environment_only_the_host_options_do()
    {
        var readers = new[] { "GetEnvironmentVariable", "GetEnvironmentVariables", "ExpandEnvironmentVariables" };
        var offenders = Directory.EnumerateFiles(Path.Combine(RepositoryFiles.Root, "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Where(f => readers.Any(File.ReadAllText(f).Contains))
            .Select(f => Path.GetRelativePath(RepositoryFiles.Root, f))
            .ToList();

        Assert.Equal([Path.Combine("src", "Host", "Configuration", "ScOptions.cs")], offenders);
    }
}
