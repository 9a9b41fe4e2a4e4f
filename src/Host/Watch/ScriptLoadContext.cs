using System.Reflection;
using System.Runtime.Loader;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// A collectible context holding one evaluation's compiled script. Everything else (the DSL, the backends,
/// <c>ScriptGlobals</c>) resolves from the default context, so clips and globals are shared types.
/// </summary>
internal sealed class ScriptLoadContext(string name) : AssemblyLoadContext(name, isCollectible: true)
{
    protected override Assembly? Load(AssemblyName assemblyName) => null;
}
