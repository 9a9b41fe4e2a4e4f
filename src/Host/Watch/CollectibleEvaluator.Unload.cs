namespace ScriptComposer.Host.Watch;

internal sealed partial class CollectibleEvaluator
{
    private readonly List<WeakReference> _unloaded = [];

    /// <summary>Weak references to every context unloaded so far (dead ones are dropped past a thousand).</summary>
    public IReadOnlyList<WeakReference> Unloaded { get { lock (_unloaded) return [.. _unloaded]; } }

    /// <summary>
    /// Starts unloading <paramref name="context"/>; it is collected once nothing references its code or objects,
    /// and, when a thread was abandoned in it, once that thread returns.
    /// </summary>
    public void Unload(ScriptLoadContext context)
    {
        context.Unload();
        lock (_unloaded)
        {
            if (_unloaded.Count >= 1000)
                _unloaded.RemoveAll(w => !w.IsAlive);
            _unloaded.Add(new WeakReference(context));
        }
    }
}
