using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Tests.Scripting;

public sealed class ScriptHostTests : IDisposable
{
    private static readonly ScriptHost Host = new();
    private readonly string _folder = Directory.CreateTempSubdirectory("sc-host-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write(string name, string code)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllText(path, code);
        return path;
    }

    [Fact]
    public void A_script_declares_outputs_without_rendering_them()
    {
        var path = Write("ok.csx", """
            var bg = Color(64, 32, "navy").WithDuration(2);
            Render(bg, "out/x.mp4", fps: 25);
            SaveFrame(bg, 1, "still.png");
            """);

        var evaluation = Host.Evaluate(path, ScriptArgs.Empty);

        var video = Assert.IsType<VideoOutput>(evaluation.Outputs[0]);
        Assert.Equal(Path.Combine(_folder, "out", "x.mp4"), video.Path);
        Assert.Equal(new FrameRate(25), video.Fps);
        Assert.Equal(64, video.Clip.Width);
        var frame = Assert.IsType<FrameOutput>(evaluation.Outputs[1]);
        Assert.Equal(1, frame.Time);
        Assert.False(File.Exists(video.Path));
    }

    [Fact]
    public void A_script_sees_the_framework_roslyn_scripting_gives_by_default_without_r()
    {
        var path = Write("framework.csx", """
            var id = System.Diagnostics.Process.GetCurrentProcess().Id;
            var match = System.Text.RegularExpressions.Regex.IsMatch("clip-12", @"\d+");
            var bag = new System.Collections.Concurrent.ConcurrentBag<int> { id };
            Console.Out.Flush();
            Render(Color(16, 16, match && bag.Count == 1 ? "red" : "blue").WithDuration(1), "x.mp4");
            """);

        var evaluation = Host.Evaluate(path, ScriptArgs.Empty);

        Assert.Single(evaluation.Outputs);
    }

    [Fact]
    public void Compile_errors_are_printed_as_path_line_col_error_code_message()
    {
        var path = Write("broken.csx", "var a = Color(64, 32, \"navy\");\nvar b = Colr(1, 2);\nint c = \"text\";\n");

        var error = Assert.Throws<ScriptCompilationException>(() => Host.Evaluate(path, ScriptArgs.Empty));

        Assert.Equal(2, error.Diagnostics.Count);
        Assert.StartsWith($"{path}(2,9): error CS0103: The name 'Colr' does not exist", error.Diagnostics[0].Text);
        Assert.StartsWith($"{path}(3,9): error CS0029:", error.Diagnostics[1].Text);
    }

    [Fact]
    public void Compile_errors_inside_a_loaded_file_name_that_file()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "lib"));
        var lib = Write("lib/shapes.csx", "Clip Square(int side) => Color(side, side, \"red\");\nClip Broken() => Nope();\n");
        var path = Write("main.csx", "#load \"lib/shapes.csx\"\nvar s = Square(10);\n");

        var error = Assert.Throws<ScriptCompilationException>(() => Host.Evaluate(path, ScriptArgs.Empty));

        Assert.Contains(error.Diagnostics, d => d.Text.StartsWith($"{lib}(2,18): error CS0103", StringComparison.Ordinal));
    }

    [Fact]
    public void Loaded_files_resolve_relative_to_the_script()
    {
        Directory.CreateDirectory(Path.Combine(_folder, "lib"));
        Write("lib/shapes.csx", "Clip Square(int side) => Color(side, side, \"red\");\n");
        var path = Write("main.csx", "#load \"lib/shapes.csx\"\nRender(Square(16).WithDuration(1), \"sq.mp4\");\n");

        var evaluation = Host.Evaluate(path, ScriptArgs.Empty);

        Assert.Equal(16, evaluation.Outputs.Single().Clip.Width);
    }

    [Fact]
    public void A_script_that_throws_reports_the_message_and_its_line()
    {
        var path = Write("throws.csx", "var ok = Color(10, 10);\n\nvar bad = ok.WithDuration(-2);\n");

        var error = Assert.Throws<ScriptRuntimeException>(() => Host.Evaluate(path, ScriptArgs.Empty));

        Assert.Equal(3, error.Line);
        Assert.StartsWith($"{path}(3): error: A duration must be positive", error.Message);
        Assert.DoesNotContain("(Parameter", error.Message);
    }

    [Theory]
    [InlineData("var bg = Color(32, 24, \"navy\");\nint[] arr = new int[2];\nvar x = arr[5];\nRender(bg.WithDuration(1), \"a.mp4\");\n", 3,
        "Index was outside the bounds of the array.")]
    [InlineData("int[] arr = new int[2];\nfor (var i = 0; i < 3; i++)\n{\n    var y = i * 2;\n    arr[i] = y;\n}\n", 5,
        "Index was outside the bounds of the array.")]
    [InlineData("var big = int.MaxValue;\nvar sum = 0;\nsum = checked(big + 1);\n", 3, "Arithmetic operation resulted in an overflow.")]
    public void A_fault_of_top_level_code_the_runtime_raises_is_reported_at_its_line(string code, int line, string message)
    {
        // An index out of range (or a checked overflow) is thrown from a block the JIT shares for the whole method, whose
        // frame has no line of its own in the script's top-level code.
        var path = Write("fault.csx", code);

        var error = Assert.Throws<ScriptRuntimeException>(() => Host.Evaluate(path, ScriptArgs.Empty));

        Assert.Equal($"{path}({line}): error: {message}", error.Message);
    }

    [Fact]
    public void A_fault_of_a_loaded_files_top_level_code_is_reported_at_that_files_line()
    {
        var loaded = Write("loaded.csx", "int[] arr = new int[2];\nvar first = arr[0];\nvar late = arr[9];\n");
        var path = Write("main.csx", "#load \"loaded.csx\"\nvar bg = Color(32, 24, \"navy\");\n");

        var error = Assert.Throws<ScriptRuntimeException>(() => Host.Evaluate(path, ScriptArgs.Empty));

        Assert.Equal($"{loaded}(3): error: Index was outside the bounds of the array.", error.Message);
    }

    [Fact]
    public void A_user_exception_is_reported_at_its_throw()
    {
        var path = Write("user.csx", "if (Args.Count == 0)\n    throw new InvalidOperationException(\"need args\");\n");

        var error = Assert.Throws<ScriptRuntimeException>(() => Host.Evaluate(path, ScriptArgs.Empty));

        Assert.Equal(2, error.Line);
        Assert.Contains("need args", error.Message);
    }

    [Fact]
    public void Args_reach_the_script_and_a_missing_one_says_how_to_pass_it()
    {
        var path = Write("args.csx", "Render(Color(10, 10, Args[\"color\"]).WithDuration(Args.Get(\"seconds\", 1.0)), \"a.mp4\");\n");

        var evaluation = Host.Evaluate(path, new ScriptArgs(new Dictionary<string, string> { ["color"] = "red", ["seconds"] = "3" }));
        var error = Assert.Throws<ScriptRuntimeException>(() => Host.Evaluate(path, ScriptArgs.Empty));

        Assert.Equal(3, evaluation.Outputs.Single().Clip.Duration);
        Assert.Contains("--set color=VALUE", error.Message);
    }

    [Fact]
    public void Media_paths_resolve_from_the_script_folder()
    {
        var path = Write("missing.csx", "var v = Video(\"media/nothing.mp4\");\n");

        var error = Assert.Throws<ScriptRuntimeException>(() => Host.Evaluate(path, ScriptArgs.Empty));

        Assert.Contains(Path.Combine(_folder, "media", "nothing.mp4"), error.Message);
        Assert.Contains("does not exist", error.Message);
        Assert.Equal(1, error.Line);
    }

    [Fact]
    public void A_missing_script_is_a_clear_error()
    {
        var error = Assert.Throws<ScriptComposerException>(() => Host.Compile(Path.Combine(_folder, "nope.csx")));

        Assert.Contains("does not exist", error.Message);
    }

    [Fact]
    public void Render_of_an_endless_clip_is_refused_at_the_script_line()
    {
        var path = Write("endless.csx", "Render(Color(10, 10), \"a.mp4\");\n");

        var error = Assert.Throws<ScriptRuntimeException>(() => Host.Evaluate(path, ScriptArgs.Empty));

        Assert.Equal(1, error.Line);
        Assert.Contains("WithDuration", error.Message);
    }
}
