using System.Collections.Concurrent;
using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ScriptComposer.Host.Scripting;

/// <summary>
/// Remembers what another resolver answered for each <c>#r</c> and each assembly a reference needs, so repeated compilations get the
/// same <see cref="PortableExecutableReference"/> objects, whose metadata and symbols Roslyn then reuses. A referenced
/// file that changes on disk is not read again until the host is recreated.
/// </summary>
internal sealed class CachingMetadataResolver(MetadataReferenceResolver inner) : MetadataReferenceResolver
{
    private readonly ConcurrentDictionary<(string Reference, string? BaseFilePath, MetadataReferenceProperties Properties), ImmutableArray<PortableExecutableReference>> _resolved = new();

    public override bool ResolveMissingAssemblies => inner.ResolveMissingAssemblies;

    public override ImmutableArray<PortableExecutableReference> ResolveReference(string reference, string? baseFilePath, MetadataReferenceProperties properties) =>
        _resolved.GetOrAdd((reference, baseFilePath, properties), key => inner.ResolveReference(key.Reference, key.BaseFilePath, key.Properties));

    private readonly ConcurrentDictionary<(string? Definition, AssemblyIdentity Identity), PortableExecutableReference?> _missing = new();

    /// <summary>
    /// The assemblies a reference needs that the compilation was not given (System.Runtime and the other facades the DSL
    /// was built against), remembered too: Roslyn's resolver reads each again for every compilation otherwise.
    /// </summary>
    public override PortableExecutableReference? ResolveMissingAssembly(MetadataReference definition, AssemblyIdentity referenceIdentity) =>
        _missing.GetOrAdd(((definition as PortableExecutableReference)?.FilePath, referenceIdentity),
            _ => inner.ResolveMissingAssembly(definition, referenceIdentity));

    public override bool Equals(object? other) => other is CachingMetadataResolver caching && caching.Inner.Equals(inner);

    public override int GetHashCode() => inner.GetHashCode();

    private MetadataReferenceResolver Inner => inner;
}
