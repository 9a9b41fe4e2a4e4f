using System.Reflection;
using System.Runtime.InteropServices;
using System.Runtime.Loader;

namespace ScriptComposer.Host.Scripting;

/// <summary>
/// The context one evaluation's compiled script is loaded into (its own, since a cached image loaded twice in a process
/// has the same assembly name). The DSL, .NET and everything sc ships resolve from the default context, so clips and
/// globals are shared types; other assemblies the script named with <c>#r</c> are read from where the compiler found them
/// (read, not mapped, so that rebuilding one while sc runs does not pull it from under a loaded script). Collectible unless
/// asked otherwise, so a process that runs many scripts (sc watch, a host calling sc as a library) frees each once its
/// outputs are done (<see cref="ScriptEvaluation.Unload"/>).
/// </summary>
internal sealed class ScriptAssemblyContext(string name, IReadOnlyList<ScriptInput> references, bool collectible = true)
    : AssemblyLoadContext(name, isCollectible: collectible)
{
    private static readonly string[] SharedFolders = [RuntimeEnvironment.GetRuntimeDirectory(), AppContext.BaseDirectory];

    protected override Assembly? Load(AssemblyName assemblyName)
    {
        foreach (var reference in references)
        {
            if (SharedFolders.Any(folder => reference.Path.StartsWith(folder, StringComparison.Ordinal)))
                continue;
            if (AssemblyName.ReferenceMatchesDefinition(assemblyName, AssemblyName.GetAssemblyName(reference.Path)))
                return LoadFromStream(new MemoryStream(File.ReadAllBytes(reference.Path)));
        }
        return null;
    }
}
