using System.Collections.Immutable;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp.Scripting;
using Microsoft.CodeAnalysis.Scripting;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;
using ScriptComposer.Host.Scripting;
using ScriptComposer.Tests.Support;

namespace ScriptComposer.Tests.Scripting;

/// <summary>
/// The one evaluator every command uses (<see cref="ScriptHost"/>): its options, and its errors, each a
/// <see cref="ScriptDiagnostic"/> written in one place.
/// </summary>
public sealed class ScriptEvaluatorTests : IDisposable
{
    /// <summary>A helper a script can call to learn its own path, as a CUDA body's compile error does.</summary>
    private const string Here = "static string Here([System.Runtime.CompilerServices.CallerFilePath] string file = \"\") => file;\n";

    private readonly TempFolder _folder = new("evaluator");

    public void Dispose() => _folder.Dispose();

    private ScriptHost HostWithCache() => new(new CompiledScriptCache(_folder["cache"]));

    [Theory]
    [InlineData("var a = Colr(1, 2);\nint b = \"text\";\n")]
    [InlineData("#load \"missing.csx\"\nvar a = 1;\n")]
    [InlineData("#r \"missing.dll\"\nvar a = 1;\n")]
    [InlineData("#load \"lib.csx\"\nvar a = Broken();\n")]
    [InlineData("var a = ;\n")]
    public void Compiler_errors_are_written_exactly_as_Roslyn_writes_them(string code)
    {
        _folder.Write("lib.csx", "int Broken() => Nope();\n");
        var script = _folder.Write("broken.csx", code);
        // Roslyn's own scripting API, given what sc gives every script: sc compiles without it (to reuse the references'
        // symbols), and must say what it would.
        var folder = Path.GetDirectoryName(script)!;
        var options = ScriptOptions.Default
            .WithReferences(typeof(Clip).Assembly, typeof(Rgba).Assembly)
            .AddReferences(typeof(Enumerable).Assembly, typeof(ImmutableArray).Assembly)
            .WithImports(ScriptHost.Imports)
            .WithFilePath(script)
            .WithFileEncoding(Encoding.UTF8)
            .WithSourceResolver(new SourceFileResolver(ImmutableArray<string>.Empty, folder))
            .WithMetadataResolver(ScriptMetadataResolver.Default.WithBaseDirectory(folder));
        var roslyn = CSharpScript.Create(code, options, typeof(ScriptGlobals)).GetCompilation().GetDiagnostics()
            .Where(d => d.Severity == DiagnosticSeverity.Error).Select(d => d.ToString()).Order(StringComparer.Ordinal).ToList();

        var error = Assert.Throws<ScriptCompilationException>(() => new ScriptHost(new CompiledScriptCache(null)).Compile(script));

        Assert.NotEmpty(roslyn);
        // Roslyn's words first, exactly; a teaching hint (DiagnosticHints) may follow them.
        var written = error.Diagnostics.Select(d => d.Text).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(roslyn.Count, written.Count);
        Assert.All(roslyn.Zip(written), pair => Assert.True(pair.Second == pair.First || pair.Second.StartsWith(pair.First + " ", StringComparison.Ordinal),
            $"sc wrote\n{pair.Second}\nwhere Roslyn wrote\n{pair.First}"));
        Assert.All(error.Diagnostics, d => Assert.Matches(@"^CS\d{4}$", d.Code));
        Assert.Equal(error.Diagnostics.Select(d => d.Text), error.Message.Split('\n').Skip(1));
    }

    [Fact]
    public void A_message_that_starts_with_the_scripts_own_path_is_kept_whole()
    {
        var script = _folder.Write("path.csx", Here + "throw new InvalidOperationException(Here() + \"(2) is where it went wrong\");\n");

        var error = Assert.Throws<ScriptRuntimeException>(() => new ScriptHost(new CompiledScriptCache(null)).Evaluate(script, ScriptArgs.Empty));

        Assert.Equal(new ScriptDiagnostic(script, 2, null, null, $"{script}(2) is where it went wrong"), error.Diagnostic);
        Assert.Equal($"{script}(2): error: {script}(2) is where it went wrong", error.Message);
    }

    [Fact]
    public void An_error_that_already_names_its_line_in_the_script_keeps_that_line()
    {
        var script = _folder.Write("located.csx", Here + "\n\nthrow new InvalidOperationException(Here() + \"(9): error: the body does not compile:\\nbody(1): error: x\");\n");

        var error = Assert.Throws<ScriptRuntimeException>(() => new ScriptHost(new CompiledScriptCache(null)).Evaluate(script, ScriptArgs.Empty));

        Assert.Equal(new ScriptDiagnostic(script, 9, null, null, "the body does not compile:\nbody(1): error: x"), error.Diagnostic);
        Assert.Equal($"{script}(9): error: the body does not compile:\nbody(1): error: x", error.Message);
    }

    [Fact]
    public void Diagnostics_without_a_place_say_so()
    {
        Assert.Equal("the script: error: stopped", ScriptDiagnostic.AtLine(null, null, "stopped").Text);
        Assert.Equal("/s.csx: error: unreadable", ScriptDiagnostic.AtLine("/s.csx", null, "unreadable").Text);
        Assert.Equal("error CS0006: Metadata file 'x' could not be found", new ScriptDiagnostic(null, null, null, "CS0006", "Metadata file 'x' could not be found").Text);
        Assert.Equal("/s.csx(3,7): error CS0103: no", new ScriptDiagnostic("/s.csx", 3, 7, "CS0103", "no").ToString());
    }

    [Fact]
    public void Check_compiles_into_the_cache_render_then_loads_from()
    {
        var host = HostWithCache();
        var script = _folder.Write("a.csx", "Render(Color(8, 8, \"red\").WithDuration(1), \"a.mp4\");\n");

        host.Compile(script);
        var evaluation = host.Evaluate(script, ScriptArgs.Empty);

        Assert.True(evaluation.FromCache);
        Assert.Equal([script], evaluation.SourceFiles);
    }

    [Fact]
    public void Unguarded_and_uncollectible_evaluations_are_what_they_say_and_cached_apart()
    {
        var host = HostWithCache();
        var script = _folder.Write("a.csx", "Render(Color(8, 8, \"red\").WithDuration(1), \"a.mp4\");\n");
        var plain = new ScriptEvaluationOptions { Guarded = false, Collectible = false };

        var guarded = host.Evaluate(script, ScriptArgs.Empty);
        var unguarded = host.Evaluate(script, ScriptArgs.Empty, plain);
        var again = host.Evaluate(script, ScriptArgs.Empty, plain);

        Assert.Contains(guarded.Script!.Context.Assemblies.Single().GetTypes(), t => t.Name == "<ScriptGuard>");
        Assert.DoesNotContain(unguarded.Script!.Context.Assemblies.Single().GetTypes(), t => t.Name == "<ScriptGuard>");
        Assert.True(guarded.Script.Context.IsCollectible);
        Assert.False(unguarded.Script.Context.IsCollectible);
        Assert.Equal((false, false, true), (guarded.FromCache, unguarded.FromCache, again.FromCache));
        Assert.Equal(2, Directory.GetFiles(_folder["cache"]).Length);
        unguarded.Unload(); // nothing to let go: not an error
        guarded.Unload();
        guarded.Unload();
    }

    [Fact]
    public void An_uncached_evaluation_neither_reads_nor_writes_the_cache()
    {
        var host = HostWithCache();
        var script = _folder.Write("a.csx", "Render(Color(8, 8, \"red\").WithDuration(1), \"a.mp4\");\n");
        host.Evaluate(script, ScriptArgs.Empty);
        var uncached = new ScriptEvaluationOptions { Cached = false };

        var first = host.Evaluate(script, ScriptArgs.Empty, uncached);
        File.Delete(Directory.GetFiles(_folder["cache"]).Single());
        var second = host.Evaluate(script, ScriptArgs.Empty, uncached);

        Assert.Equal((false, false), (first.FromCache, second.FromCache));
        Assert.Empty(Directory.GetFiles(_folder["cache"]));
    }

    [Fact]
    public void A_failed_compile_names_every_file_a_fix_could_be_in_found_or_not()
    {
        _folder.Write("lib.csx", "#load \"later.csx\"\nint Side() => 8;\n");
        var script = _folder.Write("main.csx", "#load \"lib.csx\"\nvar side = Side() + Later();\n");

        var error = Assert.Throws<ScriptCompilationException>(() => HostWithCache().Compile(script));

        Assert.Equal(new[] { script, _folder["lib.csx"], _folder["later.csx"] }.Order(StringComparer.Ordinal), error.SourceFiles.Order(StringComparer.Ordinal));
    }
}
