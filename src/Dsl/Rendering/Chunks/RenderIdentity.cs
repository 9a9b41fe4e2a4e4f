namespace ScriptComposer.Dsl.Rendering.Chunks;

/// <summary>
/// What makes two processes' chunks parts of the same render: the script (the hash of its sources), the <c>--set</c>
/// values, every input it reads (each with its content hash or its size and time), the range and frame-rate options, and
/// the build of sc that renders. Chunks whose identities differ are never joined.
/// </summary>
public sealed record RenderIdentity(
    string ScriptHash,
    IReadOnlyDictionary<string, string> Set,
    IReadOnlyDictionary<string, string> Inputs,
    string Range,
    string Build)
{
    /// <summary>What differs from <paramref name="other"/>, in words for an error message; empty when nothing does.</summary>
    public IReadOnlyList<string> Differences(RenderIdentity other)
    {
        var differences = new List<string>();
        if (ScriptHash != other.ScriptHash)
            differences.Add("the script (or a file it #loads) has changed");
        foreach (var key in Set.Keys.Union(other.Set.Keys).Order(StringComparer.Ordinal))
        {
            var mine = Set.GetValueOrDefault(key);
            var theirs = other.Set.GetValueOrDefault(key);
            if (mine != theirs)
                differences.Add($"--set {key} is {Show(theirs)} there but {Show(mine)} here");
        }
        foreach (var path in Inputs.Keys.Union(other.Inputs.Keys).Order(StringComparer.Ordinal))
        {
            if (Inputs.GetValueOrDefault(path) != other.Inputs.GetValueOrDefault(path))
                differences.Add(!other.Inputs.ContainsKey(path) ? $"it did not read '{path}'"
                    : !Inputs.ContainsKey(path) ? $"it read '{path}', which this render does not"
                    : $"'{path}' has changed since");
        }
        if (Range != other.Range)
            differences.Add($"its range options are '{other.Range}', not '{Range}'");
        if (Build != other.Build)
            differences.Add("it was rendered by another build of sc");
        return differences;
    }

    private static string Show(string? value) => value is null ? "not given" : $"'{value}'";
}
