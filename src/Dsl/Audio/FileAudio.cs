namespace ScriptComposer.Dsl.Audio;

/// <summary>The first audio stream of a media file, with <see cref="Channels"/> channels (a mono one is played on both sides).</summary>
public sealed record FileAudio(string Path, double Duration, int Channels) : AudioSource
{
    public override double? Length => Duration;
}
