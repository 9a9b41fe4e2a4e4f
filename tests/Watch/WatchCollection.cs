namespace ScriptComposer.Tests.Watch;

/// <summary>
/// Watch tests that measure the process (live load contexts, the managed heap) run apart from every other test, whose
/// allocations would blur the numbers.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class WatchCollection
{
    public const string Name = "Watch (measures the process)";
}
