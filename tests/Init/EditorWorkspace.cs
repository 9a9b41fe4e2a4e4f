using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Completion;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.Scripting;
using Microsoft.CodeAnalysis.Text;

namespace ScriptComposer.Tests.Init;

/// <summary>
/// A <c>.csx</c> file opened the way OmniSharp (VS Code's C# extension) opens one: a script project in a Roslyn
/// workspace (script parse options, a submission with no host object), the .NET runtime's assemblies as its only
/// references, and <c>#r</c> and <c>#load</c> resolved from the file's own folder. Nothing of sc's host: no globals
/// type, no imports (OmniSharp adds a few System namespaces; leaving them out makes this stricter), no DSL reference.
/// </summary>
internal sealed class EditorWorkspace : IDisposable
{
    private static readonly ImmutableArray<MetadataReference> Runtime = FrameworkReferences();

    private readonly AdhocWorkspace _workspace = new();

    public EditorWorkspace(string scriptPath, string? text = null)
    {
        var folder = Path.GetDirectoryName(scriptPath)!;
        var source = SourceText.From(text ?? File.ReadAllText(scriptPath));
        var options = new CSharpCompilationOptions(OutputKind.DynamicallyLinkedLibrary,
            sourceReferenceResolver: new SourceFileResolver(ImmutableArray<string>.Empty, folder),
            metadataReferenceResolver: ScriptMetadataResolver.Default.WithBaseDirectory(folder),
            nullableContextOptions: NullableContextOptions.Enable);
        var project = ProjectInfo.Create(ProjectId.CreateNewId(), VersionStamp.Create(), "script", "script", LanguageNames.CSharp,
            compilationOptions: options,
            parseOptions: new CSharpParseOptions(LanguageVersion.Latest, DocumentationMode.Parse, SourceCodeKind.Script),
            metadataReferences: Runtime,
            isSubmission: true);
        var solution = _workspace.CurrentSolution.AddProject(project);
        var document = DocumentInfo.Create(DocumentId.CreateNewId(project.Id), Path.GetFileName(scriptPath),
            loader: TextLoader.From(TextAndVersion.Create(source, VersionStamp.Create(), scriptPath)),
            filePath: scriptPath, sourceCodeKind: SourceCodeKind.Script);
        Document = solution.AddDocument(document).GetDocument(document.Id)!;
    }

    public Document Document { get; }

    /// <summary>Every error and warning of the compilation, the <c>#load</c>ed files' included.</summary>
    public async Task<IReadOnlyList<Diagnostic>> ProblemsAsync()
    {
        var compilation = await Document.Project.GetCompilationAsync() ?? throw new InvalidOperationException("No compilation.");
        return [.. compilation.GetDiagnostics().Where(d => d.Severity >= DiagnosticSeverity.Warning)];
    }

    /// <summary>What the completion service offers at <paramref name="position"/>, by display text.</summary>
    public async Task<IReadOnlyList<string>> CompletionsAsync(int position)
    {
        var service = CompletionService.GetService(Document) ?? throw new InvalidOperationException("The workspace has no C# completion service.");
        var list = await service.GetCompletionsAsync(Document, position);
        return [.. list.ItemsList.Select(i => i.DisplayText)];
    }

    public void Dispose() => _workspace.Dispose();

    /// <summary>The assemblies of the .NET runtime itself (Microsoft.NETCore.App), as an editor's script project gets them.</summary>
    private static ImmutableArray<MetadataReference> FrameworkReferences()
    {
        var runtime = System.Runtime.InteropServices.RuntimeEnvironment.GetRuntimeDirectory();
        var trusted = ((string)AppContext.GetData("TRUSTED_PLATFORM_ASSEMBLIES")!).Split(Path.PathSeparator);
        return [.. trusted.Where(p => p.StartsWith(runtime, StringComparison.Ordinal)).Select(p => (MetadataReference)MetadataReference.CreateFromFile(p))];
    }
}
