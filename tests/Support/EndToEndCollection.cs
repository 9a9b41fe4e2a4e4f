namespace ScriptComposer.Tests.Support;

/// <summary>
/// End-to-end tests run one at a time and apart from the other collections: they start ffmpeg processes, and a
/// test that looks for leftover ffmpeg children must not see another test's.
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class EndToEndCollection
{
    public const string Name = "EndToEnd";
}
