using System.CommandLine;
using System.Globalization;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Scripting;
using ScriptComposer.Host.Watch;

namespace ScriptComposer.Host.Commands;

/// <summary>
/// <c>sc frame SCRIPT --at T -o frame.png</c>: the frame of the script's first output with a picture that shows time T (the one a render
/// of it has there, as <c>sc watch</c> shows it), as PNG.
/// </summary>
internal static class FrameCommand
{
    public static Command Create(ScriptHost host, TextWriter stdout, TextWriter stderr)
    {
        var script = CommonOptions.Script();
        var at = new Option<double>("--at")
        {
            Description = "The time of the frame, in seconds or as a clock (1:05.5).",
            Required = true,
            CustomParser = r => CommonOptions.Time(r, "--at", "1.5") ?? 0,
        };
        var output = new Option<string>("--output", "-o") { Description = "The PNG file to write.", Required = true };
        var backend = CommonOptions.Backend();
        var set = CommonOptions.Set();
        var verbose = CommonOptions.Verbose();
        var command = new Command("frame", "Render one frame of the script's first output with a picture to a PNG.") { script, at, output, backend, set, verbose };
        command.SetAction((result, cancellation) => ScCli.RunStoppableAsync(stderr, cancellation, unloadWhenDone => ScCli.Guard(stderr, result.GetValue(verbose), () =>
        {
            var evaluation = host.Evaluate(result.GetValue(script)!, ScCli.ParseSet(result.GetValue(set)), cancellation);
            unloadWhenDone(evaluation);
            using var stopScript = evaluation.Guard.StopOn(cancellation);
            // The first output with a picture, as sc watch previews it: a RenderAudio before it has no frame to take.
            var first = evaluation.Outputs.FirstOrDefault(o => o.Clip.HasPicture)
                ?? throw new ScriptComposerException(evaluation.Outputs.Count == 0
                    ? $"{evaluation.ScriptPath} declares no output, so there is no clip to take a frame from. Add Render(clip, \"out.mp4\") or SaveFrame(clip, t, \"frame.png\")."
                    : $"{evaluation.ScriptPath} declares only sound (RenderAudio), so there is no picture to take a frame from. Add Render(clip, \"out.mp4\") or SaveFrame(clip, t, \"frame.png\") with a clip that has a picture.");
            var time = result.GetValue(at);
            if (!(time >= 0) || (first.Clip.Duration is { } duration && time >= duration))
                throw new ScriptComposerException($"--at {time} is outside the clip, which lasts {first.Clip.Duration:0.###} s. Choose a time from 0 up to its end.");
            // The frame the output shows at that time, as sc watch shows it: a render has no frame at 1.23 s at 25 fps, only the one at 1.2 s.
            var rate = Generation.RateOf(first);
            var shown = first.Clip.Duration is { } length ? rate.Snap(time, length) : time;
            var path = Path.GetFullPath(result.GetValue(output)!);
            if (Directory.Exists(path))
                throw new ScriptComposerException($"-o {path} is a folder, and sc frame writes one PNG file. Give a file name, such as frame.png inside it.");
            if (!Path.GetExtension(path).Equals(".png", StringComparison.OrdinalIgnoreCase))
                throw new ScriptComposerException($"sc frame writes PNG, and -o {path} does not end in .png. Give a .png name, such as -o frame.png.");
            var frame = new FrameOutput(first.Clip, shown, path) { BaseDirectory = first.BaseDirectory };
            RenderJob.Validate(frame, evaluation.InputFiles);
            using var choice = ScCli.CreateBackend(result.GetValue(backend), stderr).Backend;
            var written = RenderJob.RenderFrame(frame, choice);
            stdout.WriteLine(Wrote(written, time, shown, rate));
            return 0;
        })));
        return command;
    }

    /// <summary>"Wrote f.png: the frame at 1.2 s (--at 1.23 falls in it at 25 fps), in 0.10 s": one picture, and which.</summary>
    private static string Wrote(RenderSummary written, double asked, double shown, FrameRate rate)
    {
        var at = shown.ToString("0.###", CultureInfo.InvariantCulture);
        var askedText = asked.ToString("0.###", CultureInfo.InvariantCulture);
        var snapped = at == askedText ? "" : $" (--at {askedText} falls in it at {rate} fps)";
        return string.Create(CultureInfo.InvariantCulture, $"Wrote {written.Path}: the frame at {at} s{snapped}, in {written.Elapsed.TotalSeconds:0.00} s");
    }
}
