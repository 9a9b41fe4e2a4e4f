using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Init;
using ScriptComposer.Tests.Support;
using Xunit.Abstractions;

namespace ScriptComposer.Tests.Init;

/// <summary>
/// <c>sc init</c>: the project it makes runs under sc unchanged and is fully understood by an editor that knows only the
/// file's own <c>#r</c> and <c>#load</c> directives (<see cref="EditorWorkspace"/>), completion included.
/// </summary>
public sealed class InitTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Init_makes_a_project_with_an_example_a_sample_a_readme_and_the_editor_folder()
    {
        using var folder = new TempFolder("init");
        var project = folder["my project"];

        var result = await ScRunner.RunAsync("init", project);

        Assert.True(result.ExitCode == 0, result.ToString());
        foreach (var file in new[] { "hello.csx", "README.md", "media/logo.png", "omnisharp.json", ".gitignore", ".sc/prelude.csx",
                     ".sc/ScriptComposer.Dsl.dll", ".sc/ScriptComposer.Dsl.xml", ".sc/ScriptComposer.Gpu.dll" })
            Assert.True(File.Exists(Path.Combine(project, file)), $"sc init wrote no {file}:\n{result}");
        Assert.True(Directory.Exists(Path.Combine(project, "out")), $"sc init made no out/ for the example to render into:\n{result}");
        Assert.Equal(3, File.ReadAllLines(Path.Combine(project, "README.md")).Length);
        Assert.StartsWith("# my project", File.ReadAllText(Path.Combine(project, "README.md")), StringComparison.Ordinal);
        Assert.StartsWith("#load \".sc/prelude.csx\"", File.ReadAllText(Path.Combine(project, "hello.csx")), StringComparison.Ordinal);
        // The command it suggests can be pasted into a shell: the space is quoted.
        Assert.Contains($"Try: sc render '{Path.Combine(project, "hello.csx")}'", result.Stdout, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Init_again_keeps_the_users_files_and_refreshes_the_editor_folder()
    {
        using var folder = new TempFolder("init");
        Assert.Equal(0, (await ScRunner.RunAsync("init", folder.Path)).ExitCode);
        File.WriteAllText(folder["hello.csx"], "// mine\n");
        File.WriteAllText(folder[".sc/prelude.csx"], "// stale\n");
        File.Delete(folder[".sc/ScriptComposer.Dsl.dll"]);

        var result = await ScRunner.RunAsync("init", folder.Path);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("// mine\n", File.ReadAllText(folder["hello.csx"]));
        Assert.Equal(ProjectFolder.Prelude(), File.ReadAllText(folder[".sc/prelude.csx"]));
        Assert.True(File.Exists(folder[".sc/ScriptComposer.Dsl.dll"]));
        Assert.DoesNotContain("hello.csx", result.Stdout.Split('\n').Select(l => l.Trim()));
    }

    [Fact]
    public async Task Init_replaces_a_linked_editor_file_instead_of_writing_where_it_leads()
    {
        using var folder = new TempFolder("init");
        var elsewhere = folder.Write("elsewhere/notes.csx", "// mine, outside the project\n");
        Directory.CreateDirectory(folder["project/.sc"]);
        File.CreateSymbolicLink(folder["project/.sc/prelude.csx"], elsewhere);

        var result = await ScRunner.RunAsync("init", folder["project"]);

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Equal("// mine, outside the project\n", File.ReadAllText(elsewhere));
        Assert.Null(new FileInfo(folder["project/.sc/prelude.csx"]).LinkTarget);
        Assert.Equal(ProjectFolder.Prelude(), File.ReadAllText(folder["project/.sc/prelude.csx"]));
    }

    [Theory]
    [InlineData(".sc")]
    [InlineData("media")]
    public async Task Init_where_a_file_stands_for_a_folder_it_needs_writes_nothing_and_says_so(string name)
    {
        using var folder = new TempFolder("init");
        folder.Write(name, "x");

        var result = await ScRunner.RunAsync("init", folder.Path);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"'{folder[name]}' is a file", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("nothing was written", result.Stderr, StringComparison.Ordinal);
        Assert.Equal([name], folder.Files());
    }

    [Fact]
    public async Task Init_into_a_file_says_to_give_a_folder()
    {
        using var folder = new TempFolder("init");
        var file = folder.Write("taken", "x");

        var result = await ScRunner.RunAsync("init", file);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("is a file", result.Stderr, StringComparison.Ordinal);
        Assert.Contains("folder", result.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_init_folder_opened_as_OmniSharp_does_has_no_problems_and_completes_the_DSL()
    {
        using var folder = new TempFolder("init");
        ProjectFolder.Create(folder.Path);
        var script = folder["hello.csx"];

        using (var editor = new EditorWorkspace(script))
        {
            var problems = await editor.ProblemsAsync();
            Assert.True(problems.Count == 0, string.Join('\n', problems));
        }

        // Without the prelude the editor knows nothing of the DSL: the check above is not vacuous.
        using (var editor = new EditorWorkspace(script, File.ReadAllText(script).Replace("#load \".sc/prelude.csx\"", "", StringComparison.Ordinal)))
            Assert.Contains(await editor.ProblemsAsync(), d => d.Id == "CS0103" && d.GetMessage().Contains("'Gradient'", StringComparison.Ordinal));

        var text = File.ReadAllText(script) + "\nvar card = Color(320, 180, \"red\").";
        using (var editor = new EditorWorkspace(script, text))
        {
            var offered = await editor.CompletionsAsync(text.Length);
            output.WriteLine(string.Join(", ", offered));
            foreach (var member in new[] { "At", "FadeIn", "FadeOut", "WithDuration", "WithStart", "Resize", "Opacity", "CrossFadeIn" })
                Assert.Contains(member, offered);
        }

        // The script's own names resolve to the DSL too, as the editor would show them.
        var names = File.ReadAllText(script) + "\nRender(";
        using (var editor = new EditorWorkspace(script, names))
        {
            var offered = await editor.CompletionsAsync(names.Length);
            foreach (var name in new[] { "Color", "Composite", "Video", "Gradient", "Args", "Tone" })
                Assert.Contains(name, offered);
        }
    }

    [Fact]
    public async Task Every_example_script_compiles_in_the_editor_with_the_prelude()
    {
        using var folder = new TempFolder("init-examples");
        var scripts = Path.Combine(RepositoryFiles.Root, "scripts");
        var examples = Directory.GetFiles(scripts, "*.csx", SearchOption.AllDirectories);
        Assert.NotEmpty(examples);
        var failures = new List<string>();
        foreach (var example in examples)
        {
            // Each example where it is in scripts/ (so its #loads resolve), with the editor folder beside it, as sc init . there would make it.
            var relative = Path.GetRelativePath(scripts, example);
            var copyFolder = Path.GetDirectoryName(folder[relative])!;
            ProjectFolder.WriteEditorFiles(copyFolder);
            foreach (var sibling in Directory.GetFiles(Path.GetDirectoryName(example)!, "*.csx"))
                File.Copy(sibling, Path.Combine(copyFolder, Path.GetFileName(sibling)), overwrite: true);
            // What a user adds to an existing script to have it completed: the prelude's #load, and nothing else.
            var text = File.ReadAllText(example);
            if (!text.Contains("#load \".sc/prelude.csx\"", StringComparison.Ordinal))
                text = "#load \".sc/prelude.csx\"\n" + text;
            var copy = folder.Write(relative, text);
            using var editor = new EditorWorkspace(copy);
            failures.AddRange((await editor.ProblemsAsync()).Select(d => $"{relative}: {d}"));
        }
        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task The_init_example_runs_under_sc_unchanged_even_before_the_editor_folder_is_filled()
    {
        using var folder = new TempFolder("init");
        ProjectFolder.Create(folder.Path);
        var png = folder["frame.png"];
        var check = await ScRunner.RunAsync("check", folder["hello.csx"]);
        Assert.True(check.ExitCode == 0, check.ToString());
        var frame = await ScRunner.RunAsync("frame", folder["hello.csx"], "--at", "2", "-o", png, "--backend", "cpu");
        Assert.True(frame.ExitCode == 0, frame.ToString());
        Assert.True(new FileInfo(png).Length > 0);

        // A fresh clone: the assemblies are git-ignored; sc compiles against its own DSL whatever the #r names.
        foreach (var dll in Directory.GetFiles(folder[".sc"], "*.dll")) File.Delete(dll);
        File.Delete(png);
        frame = await ScRunner.RunAsync("frame", folder["hello.csx"], "--at", "2", "-o", png, "--backend", "cpu");
        Assert.True(frame.ExitCode == 0, frame.ToString());
    }

    [Fact]
    public void The_prelude_names_outside_sc_say_how_to_run_the_script()
    {
        var error = Assert.Throws<ScriptComposer.Dsl.ScriptComposerException>(() => ScriptFunctions.Args);
        Assert.Contains("sc render", error.Message, StringComparison.Ordinal);
    }
}
