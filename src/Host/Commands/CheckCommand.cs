using System.CommandLine;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Commands;

/// <summary>
/// <c>sc check SCRIPT</c>: compile and run the script, then check every output it declares as far as can be known without
/// rendering it (its folder, size, container and encoder, every frame planned, its sound; for a video one frame encoded with
/// all its settings, and its first, middle and last frames drawn on the CPU with a moment of sound), each error at the output's
/// <c>Render</c> line or at the script function that threw. <c>--compile-only</c> only compiles.
/// </summary>
internal static class CheckCommand
{
    public static Command Create(ScriptHost host, TextWriter stdout, TextWriter stderr)
    {
        var script = CommonOptions.Script();
        var set = CommonOptions.Set();
        var verbose = CommonOptions.Verbose();
        var compileOnly = new Option<bool>("--compile-only") { Description = "Only compile the script: do not run it or check its outputs." };
        var command = new Command("check", "Check a script without rendering: compile it, run it, and plan every output it declares.") { script, set, compileOnly, verbose };
        command.SetAction((result, cancellation) => ScCli.RunStoppableAsync(stderr, cancellation, unloadWhenDone => ScCli.Guard(stderr, result.GetValue(verbose), () =>
        {
            var path = result.GetValue(script)!;
            if (result.GetValue(compileOnly))
            {
                host.Compile(path);
                stdout.WriteLine($"{path}: ok (compiled only)");
                return 0;
            }
            var evaluation = host.Evaluate(path, ScCli.ParseSet(result.GetValue(set)), cancellation);
            unloadWhenDone(evaluation);
            using var stopScript = evaluation.Guard.StopOn(cancellation);
            foreach (var warning in evaluation.Warnings) stderr.WriteLine($"warning: {warning}");
            if (evaluation.Outputs.Count == 0)
                throw new ScriptComposerException($"{evaluation.ScriptPath} declares no output. End it with Render(clip, \"out/video.mp4\") or SaveFrame(clip, t, \"frame.png\").");
            RenderJob.ValidateAll(evaluation.Outputs, evaluation.InputFiles, (o, check) => OutputAttribution.At(o, check));
            foreach (var output in evaluation.Outputs)
                stdout.WriteLine(OutputAttribution.At(output, () => OutputCheck.Check(output, evaluation.InputFiles, cancellation)));
            stdout.WriteLine($"{path}: ok");
            return 0;
        })));
        return command;
    }
}
