namespace ScriptComposer.Dsl.Subtitles;

/// <summary>One cue of a subtitle file: its text (lines joined by '\n', markup removed) from <see cref="Start"/> to <see cref="End"/> seconds.</summary>
public sealed record SubtitleCue(double Start, double End, string Text);
