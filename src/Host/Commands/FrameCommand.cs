using System.CommandLine;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Commands;

/// <summary><c>sc frame SCRIPT --at T -o frame.png</c>: one frame of the script's first output, as PNG.</summary>
internal static class FrameCommand
{
    public static Command Create(ScriptHost host, TextWriter stdout, TextWriter stderr)
    {
        var script = CommonOptions.Script();
        var at = new Option<double>("--at")
        {
            Description = "The time of the frame, in seconds.",
            Required = true,
            CustomParser = r => CommonOptions.Number(r, "--at", "1.5") ?? 0,
        };
        var output = new Option<string>("--output", "-o") { Description = "The PNG file to write.", Required = true };
        var backend = CommonOptions.Backend();
        var set = CommonOptions.Set();
        var verbose = CommonOptions.Verbose();
        var command = new Command("frame", "Render one frame of the script's first output to a PNG.") { script, at, output, backend, set, verbose };
        command.SetAction((result, cancellation) => ScCli.RunStoppableAsync(stderr, cancellation, unloadWhenDone => ScCli.Guard(stderr, result.GetValue(verbose), () =>
        {
            var evaluation = host.Evaluate(result.GetValue(script)!, ScCli.ParseSet(result.GetValue(set)), cancellation);
            unloadWhenDone(evaluation);
            using var stopScript = evaluation.Guard.StopOn(cancellation);
            var first = evaluation.Outputs.FirstOrDefault()
                ?? throw new ScriptComposerException($"{evaluation.ScriptPath} declares no output, so there is no clip to take a frame from. Add Render(clip, \"out.mp4\") or SaveFrame(clip, t, \"frame.png\").");
            var time = result.GetValue(at);
            if (!(time >= 0) || (first.Clip.Duration is { } duration && time >= duration))
                throw new ScriptComposerException($"--at {time} is outside the clip, which lasts {first.Clip.Duration:0.###} s. Choose a time from 0 up to its end.");
            var path = Path.GetFullPath(result.GetValue(output)!);
            if (Directory.Exists(path))
                throw new ScriptComposerException($"-o {path} is a folder, and sc frame writes one PNG file. Give a file name, such as frame.png inside it.");
            if (!Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase))
                throw new ScriptComposerException($"sc frame writes PNG, and -o {path} does not end in .png. Give a .png name, such as -o frame.png.");
            var frame = new FrameOutput(first.Clip, time, path) { BaseDirectory = first.BaseDirectory };
            RenderJob.Validate(frame, evaluation.InputFiles);
            using var choice = ScCli.CreateBackend(result.GetValue(backend), stderr).Backend;
            stdout.WriteLine(RenderJob.RenderFrame(frame, choice));
            return 0;
        })));
        return command;
    }
}
