using System.Diagnostics;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Rendering.Chunks;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Host.Scripting;
using Spectre.Console;

namespace ScriptComposer.Host.Chunks;

/// <summary>
/// <c>sc render SCRIPT --jobs N</c>: cuts every video output into chunks, renders them with N worker processes (each
/// <c>sc render --chunk I/M</c> into a work dir), draws one progress bar for all of them, and joins the chunks here. The work
/// dir is a hidden folder beside the first output, removed at the end whatever happens; a <c>--work-dir</c> given instead is
/// kept, so a render stopped half-way and started again renders only the chunks that are missing.
/// </summary>
internal static class LocalJobs
{
    /// <summary>Renders the chunked outputs; returns the outputs left for this process to render whole.</summary>
    public static IReadOnlyList<ScriptOutput> Run(RenderRequest request, ScriptEvaluation evaluation, IReadOnlyList<ScriptOutput> outputs,
        int jobs, int? chunks, string? workDirOption, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        WorkerPool.Check(jobs);
        var chunked = ChunkTask.Chunked(outputs);
        if (chunked.Count == 0)
            return outputs;
        var count = chunks ?? DefaultChunks(jobs, chunked.Select(c => c.Output), request.Range);
        CheckChunks(count, "--chunks");
        request = request with { Chunks = count };
        var clock = Stopwatch.StartNew();

        var made = workDirOption is null;
        var workDir = made ? OutputFile.TemporaryPathFor(chunked[0].Output.Path) : Path.GetFullPath(workDirOption!);
        ChunkJoiner.CheckListable(workDir);
        if (made) CleanupRegistry.Track(workDir);
        try
        {
            WorkDirs.Prepare(workDir, outputs.Select(o => o.Path), request);
            request.Write(workDir);
            var identity = RenderIdentities.Of(evaluation, request, outputs);
            var pending = new List<WorkerPool.Item>();
            long total = 0, already = 0;
            var empty = 0;
            for (var i = 0; i < count; i++)
            {
                var chunk = new ChunkIndex(i, count);
                var expected = chunked.Select(c => ChunkRenderer.Expected(c.Output, c.Index, chunk, request.Range, identity)).ToList();
                var frames = expected.Sum(e => e.Frames);
                total += frames;
                if (!made && expected.All(e => ChunkFiles.Problem(workDir, e) is null))
                    already += frames;
                else if (frames == 0)
                {
                    // More chunks than frames: nothing to render, so no worker to start for it.
                    expected.ForEach(e => ChunkRenderer.RecordEmpty(workDir, e));
                    empty++;
                }
                else
                    pending.Add(new WorkerPool.Item($"chunk {chunk}", request.ChunkArguments(chunk.ToString(), workDir)));
            }

            var failures = WithProgress(stderr, Path.GetFileName(chunked[0].Output.Path), total,
                report => new WorkerPool(Math.Min(jobs, Math.Max(1, pending.Count))).Run(pending, stopOnFailure: true, p => report(already + p.Frames), cancellation));
            ThrowIfFailed(failures, made ? null : workDir, cancellation);

            stdout.WriteLine(FormattableString.Invariant(
                $"Rendered {pending.Count} of {count} chunks with {Math.Min(jobs, pending.Count)} worker(s) in {clock.Elapsed.TotalSeconds:0.00} s") +
                (empty > 0 ? FormattableString.Invariant($" ({empty} with no frame)") : "") +
                (already > 0 ? $" ({count - pending.Count} already done in {workDir})" : ""));
            // The speed is the whole render's (the workers and the join), not the join's alone.
            foreach (var (output, index) in chunked)
                stdout.WriteLine(ChunkJoiner.Join(output, index, count, request.Range, workDir, identity, c => HowToRender(request, c, workDir), cancellation)
                    with { Elapsed = clock.Elapsed, JoinOnly = false });
        }
        finally
        {
            if (made)
            {
                TemporaryOwner.Remove(workDir);
                CleanupRegistry.Forget(workDir);
            }
            else
            {
                RemoveLeftovers(workDir);
            }
        }
        return outputs.Where(o => !SegmentFormat.CanChunk(o)).ToList();
    }

    /// <summary>As many chunks as workers, or twice as many when each would still hold 10 s or more (the faster workers then take the slack).</summary>
    internal static int DefaultChunks(int jobs, IEnumerable<VideoOutput> outputs, RenderRange range)
    {
        var (first, end, fps) = outputs.Select(o => RenderJob.Frames(o, range)).MaxBy(f => f.End - f.First);
        var frames = end - first;
        var chunks = frames / (2L * jobs) >= 10 * fps.Value ? 2 * jobs : jobs;
        return (int)Math.Max(1, Math.Min(chunks, frames));
    }

    /// <summary>The most chunks a video is cut into: each is a worker's start (or an array task) and a segment file.</summary>
    public const int MostChunks = 10_000;

    public static void CheckChunks(int count, string option)
    {
        if (count < 1)
            throw new ScriptComposerException($"{option} {count} makes no chunk; give 1 or more, such as {option} 8.");
        if (count > MostChunks)
            throw new ScriptComposerException($"{option} {count} is more chunks than sc cuts a video into (at most {MostChunks}): each is a process's start and a file. Give fewer, such as {option} 64.");
    }

    /// <summary>The command that renders one chunk by hand, for messages.</summary>
    public static string HowToRender(RenderRequest request, ChunkIndex chunk, string workDir) =>
        "sc " + string.Join(' ', request.ChunkArguments(chunk.ToString(), workDir).Select(ShellQuote.Quote));

    /// <summary>Throws the error for failed workers (or the cancellation when that is why they stopped).</summary>
    internal static void ThrowIfFailed(IReadOnlyList<WorkerPool.Failure> failures, string? keptWorkDir, CancellationToken cancellation)
    {
        if (failures.Any(f => f.ExitCode == 130))
            InterruptGrace.AfterChildStopped(cancellation);
        cancellation.ThrowIfCancellationRequested();
        if (failures.Count == 0)
            return;
        throw new ScriptComposerException(
            $"{WorkerPool.Describe(failures)}\nNothing was written." +
            (keptWorkDir is not null ? $" The chunks that were done are kept in '{keptWorkDir}': render again with the same --work-dir to render only the rest." : ""));
    }

    internal static IReadOnlyList<WorkerPool.Failure> WithProgress(TextWriter stderr, string name, long total, Func<Action<long>, IReadOnlyList<WorkerPool.Failure>> run, string unit = "frames")
    {
        if (Console.IsErrorRedirected || Console.IsOutputRedirected || !ReferenceEquals(stderr, Console.Error))
            return run(_ => { });
        IReadOnlyList<WorkerPool.Failure> failures = [];
        var clock = Stopwatch.StartNew();
        AnsiConsole.Progress()
            .AutoClear(true)
            .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new RemainingTimeColumn(), new SpinnerColumn())
            .Start(context =>
            {
                var task = context.AddTask(name, maxValue: Math.Max(1, total));
                failures = run(done =>
                {
                    task.Value = done;
                    task.Description = unit == "frames"
                        ? FormattableString.Invariant($"{name} {done}/{total} frames, {done / Math.Max(0.001, clock.Elapsed.TotalSeconds):0.0} fps")
                        : FormattableString.Invariant($"{name} {done}/{total} {unit}");
                });
            });
        return failures;
    }

    /// <summary>Removes the temporary files that workers killed mid-chunk left in a kept work dir; finished chunks stay.</summary>
    internal static void RemoveLeftovers(string workDir)
    {
        if (!Directory.Exists(workDir))
            return;
        foreach (var file in Directory.EnumerateFiles(workDir, ".*.partial-*"))
            OutputFile.RemoveStalePartials(Path.Combine(workDir, PartialOwner(Path.GetFileName(file))), sequence: false);
    }

    /// <summary>The name a temporary file ".o0.c0001-of-0004.partial-TAG.mp4" stands for: "o0.c0001-of-0004.mp4".</summary>
    private static string PartialOwner(string name)
    {
        var mark = name.IndexOf(".partial-", StringComparison.Ordinal);
        return name[1..mark] + Path.GetExtension(name);
    }
}
