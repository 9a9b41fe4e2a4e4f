using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using ScriptComposer.Dsl;
using ScriptComposer.Gpu;

namespace ScriptComposer.Host.Scripting;

/// <summary>
/// Answers a <c>#r</c> of the DSL or GPU assembly (the editor prelude's <c>#r ".sc/ScriptComposer.Dsl.dll"</c>, or any
/// other path to them) with the assemblies this sc runs, whether or not the named file exists: a script compiles against
/// the DSL it will run with, and a stale copy beside it can never be loaded as a second, different <c>Clip</c>.
/// </summary>
internal sealed class OwnAssemblyReferences(MetadataReferenceResolver inner) : MetadataReferenceResolver
{
    private static readonly Dictionary<string, string> Own = new[] { typeof(Clip).Assembly, typeof(Rgba).Assembly }
        .ToDictionary(a => a.GetName().Name + ".dll", a => a.Location, StringComparer.OrdinalIgnoreCase);

    public override bool ResolveMissingAssemblies => inner.ResolveMissingAssemblies;

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties) =>
        Own.TryGetValue(Path.GetFileName(reference), out var location)
            ? [MetadataReference.CreateFromFile(location, properties)]
            : inner.ResolveReference(reference, baseFilePath, properties);

    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        inner.ResolveMissingAssembly(definition, referenceIdentity);

    public override bool Equals(object? other) => other is OwnAssemblyReferences own && own.Inner.Equals(inner);

    public override int GetHashCode() => inner.GetHashCode();

    private MetadataReferenceResolver Inner => inner;
}
