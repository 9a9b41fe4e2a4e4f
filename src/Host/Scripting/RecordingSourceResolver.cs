using System.Collections.Immutable;
using Microsoft.CodeAnalysis;

namespace ScriptComposer.Host.Scripting;

/// <summary>
/// Resolves <c>#load</c> like the host does (relative to the file that names it), and remembers every file it was asked
/// for, found or not, so that a change to any of them (one appearing included) can be watched for.
/// </summary>
internal sealed class RecordingSourceResolver(string baseDirectory) : SourceReferenceResolver
{
    private readonly SourceFileResolver _files = new(ImmutableArray<string>.Empty, baseDirectory);
    private readonly HashSet<string> _requested = new(StringComparer.Ordinal);

    /// <summary>Full paths of the files <c>#load</c> named, including ones that do not exist (yet).</summary>
    public IReadOnlyCollection<string> Requested { get { lock (_requested) return [.. _requested]; } }

    public override string? NormalizePath(string path, string? baseFilePath) => _files.NormalizePath(path, baseFilePath);

    public override string? ResolveReference(string path, string? baseFilePath)
    {
        var resolved = _files.ResolveReference(path, baseFilePath);
        var wanted = resolved ?? Path.GetFullPath(path, baseFilePath is null ? baseDirectory : Path.GetDirectoryName(baseFilePath)!);
        lock (_requested) _requested.Add(wanted);
        return resolved;
    }

    public override Stream OpenRead(string resolvedPath) => _files.OpenRead(resolvedPath);

    public override bool Equals(object? other) => ReferenceEquals(this, other);

    public override int GetHashCode() => System.Runtime.CompilerServices.RuntimeHelpers.GetHashCode(this);
}
