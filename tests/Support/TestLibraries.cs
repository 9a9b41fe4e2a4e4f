namespace ScriptComposer.Tests.Support;

/// <summary>Small assemblies built on the spot, for scripts to name with <c>#r</c>.</summary>
internal static class TestLibraries
{
    /// <summary>Compiles <paramref name="code"/> (against the core library only) into the assembly <paramref name="path"/>.</summary>
    public static void Build(string path, string code)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var compilation = Microsoft.CodeAnalysis.CSharp.CSharpCompilation.Create(
            Path.GetFileNameWithoutExtension(path),
            [Microsoft.CodeAnalysis.CSharp.CSharpSyntaxTree.ParseText(code)],
            [Microsoft.CodeAnalysis.MetadataReference.CreateFromFile(typeof(object).Assembly.Location)],
            new Microsoft.CodeAnalysis.CSharp.CSharpCompilationOptions(Microsoft.CodeAnalysis.OutputKind.DynamicallyLinkedLibrary));
        using var file = File.Create(path);
        var result = compilation.Emit(file);
        Assert.True(result.Success, string.Join('\n', result.Diagnostics));
    }
}
