using System.Reflection;
using System.Text;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Init;

/// <summary>
/// What <c>sc init</c> writes: a starter project (an example script, a media sample, a short README, editor settings) and
/// the editor folder <c>.sc/</c>: a prelude every script <c>#load</c>s and copies of the DSL assemblies with their XML docs,
/// which OmniSharp-based editors resolve through the prelude's <c>#r</c> lines. Starter files are written only where none
/// is; the editor folder is brought up to this sc each time.
/// </summary>
internal static class ProjectFolder
{
    public const string EditorFolder = ".sc";
    public const string PreludeName = "prelude.csx";
    public const string ExampleScript = "hello.csx";

    /// <summary>Where the example renders to: made empty, since an output's folder must exist.</summary>
    public const string OutputFolder = "out";

    private static readonly Assembly[] DslAssemblies = [typeof(Clip).Assembly, typeof(Rgba).Assembly];

    /// <summary>The starter files, by path in the project, and their resource names.</summary>
    private static readonly (string Path, string Resource)[] Starter =
    [
        (ExampleScript, "hello.csx"),
        ("README.md", "README.md"),
        ("omnisharp.json", "omnisharp.json"),
        (".gitignore", "gitignore"),
        ("media/logo.png", "logo.png"),
    ];

    /// <summary>
    /// The prelude: <c>#r</c> of the DSL assemblies beside it and a <c>global using</c> for each of sc's imports, so a
    /// script that loads it is understood with nothing of sc's host. <c>global</c>, since a plain using in a
    /// <c>#load</c>ed file does not reach the file that loads it.
    /// </summary>
    public static string Prelude()
    {
        var text = new StringBuilder("""
            // What an editor needs to understand a ScriptComposer script (VS Code's C# extension and other OmniSharp-based editors
            // read #r and #load, and know nothing of sc's own names): the DSL assemblies beside this file and the namespaces sc
            // gives every script. sc reads it too, and compiles against its own DSL whatever these #r lines name.
            // Written by `sc init`; run `sc init .` again after updating sc.

            """);
        foreach (var assembly in DslAssemblies)
            text.Append("#r \"").Append(assembly.GetName().Name).Append(".dll\"\n");
        foreach (var import in ScriptHost.Imports)
            text.Append(IsType(import) ? "global using static " : "global using ").Append(import).Append(";\n");
        text.Append("global using static ").Append(typeof(ScriptFunctions).FullName).Append(";\n");
        return text.ToString();
    }

    /// <summary>Writes the starter files that are missing and refreshes the editor folder; returns the files written, relative to <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> Create(string folder)
    {
        var root = Prepare(folder);
        // Every folder the project needs, checked before anything is written: a file in the way stops it whole, not half-way.
        foreach (var needed in Starter.Select(s => Path.GetDirectoryName(s.Path)).Append(OutputFolder).Append(EditorFolder).OfType<string>().Where(f => f.Length > 0).Distinct())
        {
            if (File.Exists(Path.Combine(root, needed)))
                throw new ScriptComposerException(
                    $"'{Path.Combine(root, needed)}' is a file, where sc init puts a folder of that name. Move the file away (or init another folder); nothing was written.");
        }
        var written = new List<string>();
        foreach (var (path, resource) in Starter)
        {
            var target = Path.Combine(root, path);
            if (File.Exists(target) || Directory.Exists(target))
                continue;
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var bytes = Resource(resource);
            if (path == "README.md")
                bytes = Encoding.UTF8.GetBytes(Encoding.UTF8.GetString(bytes).Replace("{name}", Path.GetFileName(root), StringComparison.Ordinal));
            File.WriteAllBytes(target, bytes);
            written.Add(path);
        }
        if (!Directory.Exists(Path.Combine(root, OutputFolder)))
        {
            Directory.CreateDirectory(Path.Combine(root, OutputFolder));
            written.Add(OutputFolder + "/");
        }
        written.AddRange(WriteEditorFiles(root));
        return written;
    }

    /// <summary>Writes the editor folder (the prelude, the DSL assemblies and their docs) into <paramref name="folder"/>.</summary>
    public static IReadOnlyList<string> WriteEditorFiles(string folder)
    {
        var root = Prepare(folder);
        var editor = Path.Combine(root, EditorFolder);
        Directory.CreateDirectory(editor);
        var written = new List<string>();
        // Each file is written beside its place and renamed over it: a link found there is replaced, never written through
        // (a .sc/prelude.csx linked to a file elsewhere would have been overwritten with the prelude).
        OutputFile.WriteAtomically(Path.Combine(editor, PreludeName), temporary => File.WriteAllText(temporary, Prelude()));
        written.Add($"{EditorFolder}/{PreludeName}");
        foreach (var assembly in DslAssemblies)
        {
            foreach (var file in new[] { assembly.Location, Path.ChangeExtension(assembly.Location, ".xml") }.Where(File.Exists))
            {
                OutputFile.WriteAtomically(Path.Combine(editor, Path.GetFileName(file)), temporary => File.Copy(file, temporary, overwrite: true));
                written.Add($"{EditorFolder}/{Path.GetFileName(file)}");
            }
        }
        return written;
    }

    private static string Prepare(string folder)
    {
        var root = Path.GetFullPath(folder);
        if (File.Exists(root))
            throw new ScriptComposerException($"'{folder}' is a file; sc init makes a project in a folder. Give a folder's path (a new one is created).");
        Directory.CreateDirectory(root);
        return root;
    }

    private static bool IsType(string import) => DslAssemblies.Any(a => a.GetType(import) is not null);

    private static byte[] Resource(string name)
    {
        using var stream = typeof(ProjectFolder).Assembly.GetManifestResourceStream($"ScriptComposer.Host.Init.Template.{name}")
            ?? throw new InvalidOperationException($"sc was built without its project template '{name}'.");
        using var memory = new MemoryStream();
        stream.CopyTo(memory);
        return memory.ToArray();
    }
}
