using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Commands;

namespace ScriptComposer.Host.Scripting;

/// <summary>
/// Reports an error about an output (its folder, its size, its encoder, ffmpeg's refusal) at the script line that declared it
/// (<see cref="ScriptOutput.DeclaredAt"/>), as <c>path(line): error: message</c>, like an error the script itself threw. An error
/// that already points into the script (a script function that threw while frames were drawn) keeps its own line.
/// </summary>
internal static class OutputAttribution
{
    public static void At(ScriptOutput output, Action work) => At(output, () =>
    {
        work();
        return 0;
    });

    public static T At<T>(ScriptOutput output, Func<T> work)
    {
        try
        {
            return work();
        }
        catch (ScriptComposerException e) when (output.DeclaredAt is { } at && e is not ScriptRuntimeException && !ScCli.IsCancellation(e) && ScriptHost.ScriptLineOf(e).File is null)
        {
            throw new ScriptRuntimeException(ScriptDiagnostic.AtLine(at.File, at.Line, e.Message), e);
        }
    }
}
