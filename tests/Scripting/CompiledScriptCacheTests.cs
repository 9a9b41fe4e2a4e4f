using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Scripting;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Scripting;

/// <summary>A script that has not changed is not compiled again; anything it was compiled from that changed is.</summary>
public sealed class CompiledScriptCacheTests : IDisposable
{
    private readonly TempFolder _folder = new("script-cache");
    private readonly string _cacheFolder;
    private readonly ScriptHost _host;

    public CompiledScriptCacheTests()
    {
        _cacheFolder = Path.Combine(_folder.Path, "cache");
        _host = new ScriptHost(new CompiledScriptCache(_cacheFolder));
    }

    public void Dispose() => _folder.Dispose();

    private string Write(string name, string code)
    {
        var path = Path.Combine(_folder.Path, name);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, code);
        return path;
    }

    private static int WidthOf(ScriptEvaluation evaluation) => evaluation.Outputs.Single().Clip.Width;

    [Fact]
    public void The_second_evaluation_of_an_unchanged_script_comes_from_the_cache_and_runs_again()
    {
        var path = Write("a.csx", "Render(Color((int)Args.Get(\"w\", 8.0), 8, \"red\").WithDuration(1), \"a.mp4\");\n");

        var first = _host.Evaluate(path, ScriptArgs.Empty);
        var second = _host.Evaluate(path, new ScriptArgs(new Dictionary<string, string> { ["w"] = "24" }));
        var third = new ScriptHost(new CompiledScriptCache(_cacheFolder)).Evaluate(path, ScriptArgs.Empty);

        Assert.False(first.FromCache);
        Assert.True(second.FromCache);
        Assert.True(third.FromCache);
        Assert.Equal(8, WidthOf(first));
        Assert.Equal(24, WidthOf(second));
        Assert.Equal(8, WidthOf(third));
        Assert.Single(Directory.GetFiles(_cacheFolder));
    }

    [Fact]
    public void An_edited_script_is_compiled_again()
    {
        var path = Write("a.csx", "Render(Color(8, 8, \"red\").WithDuration(1), \"a.mp4\");\n");
        _host.Evaluate(path, ScriptArgs.Empty);

        File.WriteAllText(path, "Render(Color(16, 8, \"red\").WithDuration(1), \"a.mp4\");\n");
        var edited = _host.Evaluate(path, ScriptArgs.Empty);

        Assert.False(edited.FromCache);
        Assert.Equal(16, WidthOf(edited));
    }

    [Fact]
    public void An_edited_loaded_file_is_compiled_again_though_the_script_is_the_same()
    {
        var lib = Write("lib/size.csx", "int Side() => 8;\n");
        var path = Write("main.csx", "#load \"lib/size.csx\"\nRender(Color(Side(), Side(), \"red\").WithDuration(1), \"a.mp4\");\n");
        Assert.Equal(8, WidthOf(_host.Evaluate(path, ScriptArgs.Empty)));
        Assert.True(_host.Evaluate(path, ScriptArgs.Empty).FromCache);

        File.WriteAllText(lib, "int Side() => 32;\n");
        var edited = _host.Evaluate(path, ScriptArgs.Empty);

        Assert.False(edited.FromCache);
        Assert.Equal(32, WidthOf(edited));
    }

    [Fact]
    public void An_assembly_named_with_r_is_loaded_and_a_rebuilt_one_is_compiled_against_again()
    {
        var library = Path.Combine(_folder.Path, "lib", "sizes.dll");
        TestLibraries.Build(library, "public static class Sizes { public static int Side() => 8; }");
        var path = Write("main.csx", "#r \"lib/sizes.dll\"\nRender(Color(Sizes.Side(), 8).WithDuration(1), \"a.mp4\");\n");
        Assert.Equal(8, WidthOf(_host.Evaluate(path, ScriptArgs.Empty)));
        Assert.True(_host.Evaluate(path, ScriptArgs.Empty).FromCache);

        TestLibraries.Build(library, "public static class Sizes { public static int Side() => 8; public static int Other() => 1; }");

        Assert.False(_host.Evaluate(path, ScriptArgs.Empty).FromCache);
    }

    [Fact]
    public void A_runtime_error_in_a_cached_script_still_names_its_line()
    {
        var path = Write("throws.csx", "var ok = Color(10, 10);\n\nvar bad = ok.WithDuration(Args.Get(\"d\", -2.0));\nRender(bad, \"a.mp4\");\n");
        _host.Evaluate(path, new ScriptArgs(new Dictionary<string, string> { ["d"] = "1" }));

        var error = Assert.Throws<ScriptRuntimeException>(() => _host.Evaluate(path, ScriptArgs.Empty));

        Assert.Equal(3, error.Line);
        Assert.StartsWith($"{path}(3): error: A duration must be positive", error.Message);
    }

    [Fact]
    public void A_script_that_does_not_compile_is_not_cached_and_its_fix_is_used()
    {
        var path = Write("a.csx", "Render(Colr(8, 8).WithDuration(1), \"a.mp4\");\n");
        Assert.Throws<ScriptCompilationException>(() => _host.Evaluate(path, ScriptArgs.Empty));
        Assert.False(Directory.Exists(_cacheFolder) && Directory.EnumerateFiles(_cacheFolder).Any());

        File.WriteAllText(path, "Render(Color(8, 8).WithDuration(1), \"a.mp4\");\n");

        Assert.Equal(8, WidthOf(_host.Evaluate(path, ScriptArgs.Empty)));
    }

    [Fact]
    public void A_damaged_entry_is_compiled_again_and_replaced()
    {
        var path = Write("a.csx", "Render(Color(8, 8).WithDuration(1), \"a.mp4\");\n");
        _host.Evaluate(path, ScriptArgs.Empty);
        var entry = Directory.GetFiles(_cacheFolder).Single();
        var bytes = File.ReadAllBytes(entry);

        File.WriteAllBytes(entry, bytes[..(bytes.Length / 2)]);
        var afterTruncation = _host.Evaluate(path, ScriptArgs.Empty);
        File.WriteAllBytes(entry, [1, 2, 3]);
        var afterGarbage = _host.Evaluate(path, ScriptArgs.Empty);

        Assert.False(afterTruncation.FromCache);
        Assert.False(afterGarbage.FromCache);
        Assert.Equal(8, WidthOf(afterGarbage));
        Assert.True(_host.Evaluate(path, ScriptArgs.Empty).FromCache);
    }

    [Fact]
    public void An_entry_with_a_flipped_byte_inside_the_image_is_compiled_again()
    {
        var path = Write("a.csx", "Render(Color(8, 8).WithDuration(1), \"a.mp4\");\n");
        _host.Evaluate(path, ScriptArgs.Empty);
        var entry = Directory.GetFiles(_cacheFolder).Single();
        var bytes = File.ReadAllBytes(entry);

        // The middle of the entry is inside the compiled image: its lengths still add up, so only a checksum can tell.
        bytes[bytes.Length / 2] ^= 0x55;
        File.WriteAllBytes(entry, bytes);
        var afterFlip = _host.Evaluate(path, ScriptArgs.Empty);

        Assert.False(afterFlip.FromCache);
        Assert.Equal(8, WidthOf(afterFlip));
        Assert.True(_host.Evaluate(path, ScriptArgs.Empty).FromCache);
    }

    [Fact]
    public void A_cache_folder_that_cannot_be_made_only_costs_the_compile()
    {
        var blocked = Path.Combine(_folder.Path, "a-file");
        File.WriteAllText(blocked, "not a folder");
        var host = new ScriptHost(new CompiledScriptCache(Path.Combine(blocked, "cache")));
        var path = Write("a.csx", "Render(Color(8, 8).WithDuration(1), \"a.mp4\");\n");

        var first = host.Evaluate(path, ScriptArgs.Empty);
        var second = host.Evaluate(path, ScriptArgs.Empty);

        Assert.False(second.FromCache);
        Assert.Equal(8, WidthOf(first));
        Assert.Equal(8, WidthOf(second));
    }

    [Fact]
    public void A_host_without_a_cache_folder_always_compiles()
    {
        var host = new ScriptHost(new CompiledScriptCache(null));
        var path = Write("a.csx", "Render(Color(8, 8).WithDuration(1), \"a.mp4\");\n");

        host.Evaluate(path, ScriptArgs.Empty);

        Assert.False(host.Evaluate(path, ScriptArgs.Empty).FromCache);
    }

    [Fact]
    public void The_folder_keeps_the_most_recently_used_entries()
    {
        var folder = Path.Combine(_folder.Path, "prune");
        Directory.CreateDirectory(folder);
        for (var i = 0; i < 10; i++)
        {
            var file = Path.Combine(folder, $"{i}.entry");
            File.WriteAllText(file, "x");
            File.SetLastWriteTimeUtc(file, new DateTime(2026, 1, 1, 0, 0, i, DateTimeKind.Utc));
        }

        Gpu.DiskCache.Prune(folder, most: 12);
        Assert.Equal(10, Directory.GetFiles(folder).Length);
        Gpu.DiskCache.Prune(folder, most: 8);

        Assert.Equal(["4.entry", "5.entry", "6.entry", "7.entry", "8.entry", "9.entry"],
            Directory.GetFiles(folder).Select(f => Path.GetFileName(f)!).Order().ToArray());
    }
}
