using System.CommandLine;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Rendering.Chunks;
using ScriptComposer.Host.Chunks;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Commands;

/// <summary>
/// <c>sc join DIR</c>: evaluates the script of the chunked render in DIR as its chunks did (<c>render.json</c>), checks
/// every chunk, joins each video output's segments and muxes its sound, and renders whole the outputs that were not cut.
/// </summary>
internal static class JoinCommand
{
    public static Command Create(ScriptHost host, TextWriter stdout, TextWriter stderr)
    {
        var workDir = new Argument<string>("work-dir") { Description = "The folder the chunks were rendered into (sc render --chunk I/N --work-dir DIR)." };
        CommonOptions.RefuseEmptyPath(workDir, "The work folder's path is empty. Give the folder the chunks were rendered into (sc render --chunk I/N --work-dir DIR).");
        var backend = CommonOptions.Backend();
        var verbose = CommonOptions.Verbose();
        var command = new Command("join", "Join the chunks of a render (sc render --chunk I/N --work-dir DIR) into its outputs, with their sound.") { workDir, backend, verbose };
        command.SetAction((result, cancellation) => ScCli.RunStoppableAsync(stderr, cancellation, unloadWhenDone => ScCli.Guard(stderr, result.GetValue(verbose), () =>
        {
            var dir = Path.GetFullPath(result.GetValue(workDir)!);
            var request = RenderRequest.Read(dir);
            if (request.Batch is not null)
                return Batch.BatchRender.ReportWorkDir(request, dir, stdout, stderr);
            var evaluation = host.Evaluate(request.Script, new Dsl.Scripting.ScriptArgs(request.Set), cancellation);
            unloadWhenDone(evaluation);
            using var stopScript = evaluation.Guard.StopOn(cancellation);
            var outputs = RenderCommand.Redirect(evaluation, request.Output);
            RenderJob.ValidateAll(outputs, evaluation.InputFiles);
            var identity = RenderIdentities.Of(evaluation, request, outputs);
            foreach (var (output, index) in ChunkTask.Chunked(outputs))
                stdout.WriteLine(ChunkJoiner.Join(output, index, request.Chunks, request.Range, dir, identity, c => LocalJobs.HowToRender(request, c, dir), cancellation));
            var whole = outputs.Where(o => !SegmentFormat.CanChunk(o)).ToList();
            if (whole.Count > 0)
                RenderCommand.RenderInProcess(whole, request.Range, result.GetValue(backend), profile: false, verbose: result.GetValue(verbose), stdout, stderr, cancellation);
            return 0;
        })));
        return command;
    }
}
