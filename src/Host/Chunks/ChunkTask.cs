using System.Diagnostics;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Rendering.Chunks;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;
using ScriptComposer.Host.Commands;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Chunks;

/// <summary>
/// <c>sc render SCRIPT --chunk I/N --work-dir DIR</c>: renders the I-th of N frame ranges of every video output into the
/// work dir (a segment and a manifest each), skipping what is already done there. The outputs that cannot be cut (frames,
/// sound files, GIFs, picture sequences) are left to the join.
/// </summary>
internal static class ChunkTask
{
    /// <summary><c>SC_TEST_FAIL_CHUNK=I:MARKER</c> makes chunk I fail once (while MARKER does not exist; it is then made): how the tests prove retries.</summary>
    internal const string FailOnceVariable = "SC_TEST_FAIL_CHUNK";

    /// <summary>The video outputs that are cut into chunks, each with its number in chunk file names.</summary>
    public static IReadOnlyList<(VideoOutput Output, int Index)> Chunked(IEnumerable<ScriptOutput> outputs) =>
        outputs.Where(SegmentFormat.CanChunk).Cast<VideoOutput>().Select((o, i) => (o, i)).ToList();

    public static void Run(RenderRequest request, ScriptEvaluation evaluation, IReadOnlyList<ScriptOutput> outputs, ChunkIndex chunk, string workDir,
        BackendKind backend, bool progressLines, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        ChunkJoiner.CheckListable(workDir);
        WorkDirs.Prepare(workDir, outputs.Select(o => o.Path), request);
        request = request with { Chunks = chunk.Count };
        request.Write(workDir);
        FailOnceForTests(chunk);
        var identity = RenderIdentities.Of(evaluation, request, outputs);
        var chunked = Chunked(outputs);
        var expected = chunked.Select(c => ChunkRenderer.Expected(c.Output, c.Index, chunk, request.Range, identity)).ToList();
        var total = expected.Sum(e => e.Frames);
        var lines = progressLines ? new ProgressLine(stdout, total) : null;
        lines?.Report(0);
        IComputeBackend? compute = null;
        try
        {
            long before = 0;
            foreach (var (output, index) in chunked)
            {
                var clock = Stopwatch.StartNew();
                var progress = new Progress(done => lines?.Report(before + done));
                if (compute is null && ChunkFiles.Problem(workDir, expected[index]) is not null)
                    compute = ScCli.CreateBackend(backend, stderr).Backend;
                var (manifest, rendered) = ChunkRenderer.Render(output, index, chunk, request.Range, workDir, identity, compute!, progress, cancellation);
                before += manifest.Frames;
                lines?.Report(before);
                stdout.WriteLine(rendered
                    ? FormattableString.Invariant($"Chunk {chunk} of {output.Path}: frames {manifest.FirstFrame}-{manifest.EndFrame - 1} ({manifest.Frames}) in {clock.Elapsed.TotalSeconds:0.00} s")
                    : $"Chunk {chunk} of {output.Path}: already done in {workDir}");
            }
        }
        finally
        {
            compute?.Dispose();
        }
        if (chunked.Count == 0)
            stdout.WriteLine($"{evaluation.ScriptPath} has no video to cut into chunks; sc join renders its outputs whole.");
    }

    private static void FailOnceForTests(ChunkIndex chunk)
    {
        if (Configuration.ScOptions.Current.ChunkFailOnce is not { Length: > 0 } value)
            return;
        var colon = value.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || value[..colon] != chunk.Index.ToString(System.Globalization.CultureInfo.InvariantCulture))
            return;
        var marker = value[(colon + 1)..];
        if (File.Exists(marker))
            return;
        File.WriteAllText(marker, "failed once\n");
        throw new ScriptComposerException($"chunk {chunk} failed on purpose, once ({FailOnceVariable} is set and '{marker}' did not exist).");
    }

    private sealed class Progress(Action<long> report) : IProgress<RenderProgress>
    {
        public void Report(RenderProgress value) => report(value.FramesDone);
    }
}
