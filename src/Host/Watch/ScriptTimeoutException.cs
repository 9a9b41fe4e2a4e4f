using ScriptComposer.Dsl;

namespace ScriptComposer.Host.Watch;

/// <summary>
/// Script code ran longer than <c>sc watch</c> allows (an endless loop, most likely) and was stopped at a loop, or,
/// when <see cref="Abandoned"/>, would not stop and was left running on a thread of its own.
/// </summary>
public sealed class ScriptTimeoutException(TimeSpan limit, bool abandoned = false)
    : ScriptComposerException(abandoned
        ? $"the script ran for more than {limit.TotalSeconds:0.#} s and did not stop at a loop (it may be blocked in a call); " +
          "its thread was abandoned and keeps running until sc watch exits, so its memory stays in use. Fix the script and save; restart sc watch if it grows."
        : $"the script ran for more than {limit.TotalSeconds:0.#} s and was stopped (does a loop never end?)")
{
    public TimeSpan Limit { get; } = limit;

    public bool Abandoned { get; } = abandoned;
}
