using System.Reflection;
using ScriptComposer.Dsl.Scripting;

namespace ScriptComposer.Host.Scripting;

/// <summary>
/// A script compiled (or taken from the cache) and loaded, not yet run: <see cref="ScriptHost.Load"/>'s answer, which
/// <see cref="ScriptHost.Run"/> runs where the caller wants it run (on the calling thread, or on <c>sc watch</c>'s worker
/// under a time limit).
/// </summary>
internal sealed class LoadedScript(
    string fullPath, CompiledScript compiled, bool fromCache, ScriptAssemblyContext context, ScriptGuardContext guard, MethodInfo factory, TimeSpan compileTime)
{
    private int _unloaded;

    public string FullPath => fullPath;

    public CompiledScript Compiled => compiled;

    public bool FromCache => fromCache;

    public ScriptAssemblyContext Context => context;

    /// <summary>What stops the script's code (woven into it unless it was loaded unguarded).</summary>
    public ScriptGuardContext Guard => guard;

    public MethodInfo Factory => factory;

    /// <summary>How long compiling (or loading from the cache) and loading took.</summary>
    public TimeSpan CompileTime => compileTime;

    /// <summary>The script and every file it <c>#load</c>s.</summary>
    public IReadOnlyList<string> SourceFiles =>
        [.. compiled.Sources.Select(s => s.Path).Prepend(fullPath).Distinct(StringComparer.Ordinal)];

    /// <summary>Starts unloading the script's code (once; nothing when the context is not collectible).</summary>
    public void Unload()
    {
        if (context.IsCollectible && Interlocked.Exchange(ref _unloaded, 1) == 0)
            context.Unload();
    }
}
