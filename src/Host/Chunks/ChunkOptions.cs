using System.CommandLine;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Rendering.Chunks;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;
using ScriptComposer.Host.Batch;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Chunks;

/// <summary>
/// The options of <c>sc render</c> that take a render past one process: <c>--chunk I/N --work-dir DIR</c> (one chunk),
/// <c>--jobs N</c> (local worker processes), and the hidden ones a worker is started with. Declared here so the render
/// command only hands over to <see cref="Run"/>.
/// </summary>
internal sealed class ChunkOptions
{
    public Option<string?> Chunk { get; } = new("--chunk")
    {
        Description = "Render only the I-th of N chunks of frames (0-based, such as 2/8) into --work-dir, for sc join to join.",
    };

    public Option<string?> WorkDir { get; } = new("--work-dir")
    {
        Description = "Where chunks are kept (with --chunk, --jobs or --slurm). Rendering again into the same folder skips the chunks already done. With --slurm it must be on storage every node sees.",
    };

    public Option<int?> Jobs { get; } = new("--jobs", "-j")
    {
        Description = "Render with N worker processes on this machine, each a chunk of the frames (or, with --batch, a row), and join the chunks.",
        CustomParser = result => Commands.CommonOptions.WholeNumber(result, "--jobs", "4"),
    };

    public Option<int?> Chunks { get; } = new("--chunks")
    {
        Description = "How many chunks to cut each video into (with --jobs: as many as workers, or twice that for long videos; with --slurm: required).",
        CustomParser = result => Commands.CommonOptions.WholeNumber(result, "--chunks", "8"),
    };

    public Option<string?> Batch { get; } = new("--batch")
    {
        Description = "Render the script once per row of this CSV table (a header row names the columns), each row's columns reaching it as Args; -o 'out/{column}.mp4' names each row's output ({row} is its number).",
    };

    /// <summary>Hidden: this process is a worker: progress lines on stdout, and it stops when its standard input closes.</summary>
    public Option<bool> Worker { get; } = new("--worker") { Hidden = true };

    /// <summary>Hidden: progress lines on stdout (a Slurm task's log), without the worker's watch on standard input.</summary>
    public Option<bool> ProgressLines { get; } = new("--progress-lines") { Hidden = true };

    public Cluster.SlurmOptions Slurm { get; } = new();

    public void AddTo(Command command)
    {
        Slurm.AddTo(command);
        command.Add(Chunk);
        command.Add(WorkDir);
        command.Add(Jobs);
        command.Add(Chunks);
        command.Add(Batch);
        command.Add(Worker);
        command.Add(ProgressLines);
    }

    /// <summary>
    /// The token the command stops on: <paramref name="cancellation"/> (Ctrl+C, SIGTERM), and for a worker also the end of
    /// its standard input, which comes when its parent closes it or is gone.
    /// </summary>
    public CancellationToken StopToken(ParseResult result, CancellationToken cancellation)
    {
        if (!result.GetValue(Worker))
            return cancellation;
        var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellation);
        var watch = new Thread(() =>
        {
            try
            {
                using var input = Console.OpenStandardInput();
                var buffer = new byte[256];
                while (input.Read(buffer) > 0)
                {
                }
            }
            catch (IOException)
            {
            }
            stop.Cancel();
        }) { IsBackground = true, Name = "sc worker stdin" };
        watch.Start();
        return stop.Token;
    }

    public bool IsBatch(ParseResult result) => result.GetValue(Batch) is not null;

    /// <summary>Runs a batch render (<see cref="BatchRender"/>); returns the exit code.</summary>
    public int RunBatch(ScriptHost host, ParseResult result, RenderRequest request, bool verbose, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        if (result.GetValue(Chunk) is { } chunk && result.GetValue(WorkDir) is null)
            throw new ScriptComposerException($"--batch with --chunk {chunk} needs --work-dir DIR, where each row's result is kept for sc join DIR to report.");
        request = request with { Batch = Path.GetFullPath(result.GetValue(Batch)!), OutputPattern = request.Output, Output = null };
        if (Slurm.IsRequested(result))
        {
            var rows = BatchTable.Read(request.Batch);
            BatchTable.CheckOutputs(rows, request.OutputPattern, Path.GetDirectoryName(request.Batch)!, request.Batch, namedBecause: "With --slurm");
            var count = Math.Min(result.GetValue(Chunks) ?? rows.Count, rows.Count);
            var (workDir, made) = SlurmWorkDir(result, request.Batch, request);
            var outputs = rows.Select(r => BatchTable.OutputOf(r, request.OutputPattern, Path.GetDirectoryName(request.Batch)!)).OfType<string>().ToList();
            return Cluster.SlurmRender.Run(request with { Chunks = count }, workDir, made, outputs, [], rows.Count, "rows", Slurm.Settings(result), stdout, stderr, cancellation);
        }
        return BatchRender.Run(host, request, result.GetValue(Jobs), result.GetValue(Chunk) is { } c ? ChunkIndex.Parse(c) : null,
            result.GetValue(WorkDir) is { } dir ? Path.GetFullPath(dir) : null, verbose, result.GetValue(Worker) || result.GetValue(ProgressLines), stdout, stderr, cancellation);
    }

    /// <summary>
    /// --work-dir, or a hidden folder beside <paramref name="beside"/> named after it and the render (the same one each time
    /// the same render is submitted, so it resumes; another one for another script or output pattern beside the same file);
    /// and whether sc made it.
    /// </summary>
    private (string WorkDir, bool Made) SlurmWorkDir(ParseResult result, string beside, RenderRequest request)
    {
        if (result.GetValue(WorkDir) is { } given)
            return (Path.GetFullPath(given), false);
        var full = Path.GetFullPath(beside);
        return (Path.Combine(Path.GetDirectoryName(full)!, $".{Path.GetFileName(full)}.{request.Tag}.sc-slurm"), true);
    }

    /// <summary>Whether the render goes past this one process.</summary>
    public bool IsRequested(ParseResult result) =>
        Slurm.IsRequested(result) || result.GetValue(Chunk) is not null || result.GetValue(Jobs) is > 1 || (result.GetValue(Jobs) is not null && (result.GetValue(WorkDir) ?? (object?)result.GetValue(Chunks)) is not null);

    /// <summary>
    /// The option given that renders otherwise than one render in this process, with what it does (for options, such as --profile,
    /// that only a render in this process can honour), or null.
    /// </summary>
    public (string Option, string Does)? NotOneRenderHere(ParseResult result) =>
        IsBatch(result) ? ("--batch", "renders one video per row of the table")
        : Slurm.IsRequested(result) ? ("--slurm", "renders the chunks in Slurm tasks")
        : result.GetValue(Jobs) is not null ? ("--jobs", "renders in worker processes")
        : result.GetValue(Chunk) is { } chunk ? ($"--chunk {chunk}", "renders one chunk of the frames for sc join")
        : null;

    /// <summary>Refuses options that do not go together, before the script runs.</summary>
    public void Check(ParseResult result)
    {
        Slurm.Check(result);
        var chunk = result.GetValue(Chunk);
        if (Slurm.IsRequested(result) && (chunk is not null || result.GetValue(Jobs) is not null))
            throw new ScriptComposerException("--slurm runs the chunks as Slurm tasks; --chunk and --jobs run them here. Give one of them.");
        if (chunk is not null)
        {
            ChunkIndex.Parse(chunk);
            if (result.GetValue(WorkDir) is null)
                throw new ScriptComposerException($"--chunk {chunk} needs --work-dir DIR: the folder its chunk goes to, where sc join DIR finds every chunk.");
            if (result.GetValue(Jobs) is not null)
                throw new ScriptComposerException("--chunk renders one chunk in this process; --jobs runs all of them. Give one of the two.");
        }
        if (result.GetValue(Jobs) is { } jobs)
            WorkerPool.Check(jobs);
        if (result.GetValue(Chunks) is { } chunks)
        {
            LocalJobs.CheckChunks(chunks, "--chunks");
            if (result.GetValue(Jobs) is null && !Slurm.IsRequested(result))
                throw new ScriptComposerException("--chunks goes with --jobs (or --slurm); alone it changes nothing. Add --jobs N.");
        }
        if (result.GetValue(WorkDir) is not null && chunk is null && !Slurm.IsRequested(result))
        {
            // A batch keeps each row's result in a work dir only when its rows run in groups (a chunk, a Slurm task).
            if (result.GetValue(Batch) is not null)
                throw new ScriptComposerException(
                    "--work-dir with --batch goes with --chunk I/N or --slurm, where each row's result is kept there; rendered here (alone or with --jobs), the rows keep nothing in it, so it would change nothing. Leave out --work-dir.");
            if (result.GetValue(Jobs) is null)
                throw new ScriptComposerException("--work-dir goes with --chunk I/N or --jobs N (or --slurm); alone it changes nothing.");
        }
    }

    /// <summary>Runs the chunks this command asks for; returns the outputs left for this process to render whole.</summary>
    public IReadOnlyList<ScriptOutput> Run(ParseResult result, RenderRequest request, ScriptEvaluation evaluation, IReadOnlyList<ScriptOutput> outputs,
        BackendKind backend, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        if (outputs.OfType<VideoOutput>().FirstOrDefault(o => o.IsNull) is { } discarded)
            throw new ScriptComposerException(
                $"-o {VideoOutput.NullPath} renders {discarded.Clip.Width}x{discarded.Clip.Height} frames without writing them, so there are no chunks to join. Leave out --jobs, --chunk and --slurm to time a render this way.");
        if (Slurm.IsRequested(result))
        {
            var count = result.GetValue(Chunks)
                ?? throw new ScriptComposerException("--slurm needs --chunks N: how many array tasks to cut each video into (such as --chunks 8; a few per GPU or node balances best).");
            var chunked = ChunkTask.Chunked(outputs);
            var (workDir, made) = SlurmWorkDir(result, chunked.Count > 0 ? chunked[0].Output.Path : outputs[0].Path, request);
            var total = chunked.Sum(c => Dsl.Rendering.RenderJob.Frames(c.Output, request.Range) is var (first, end, _) ? end - first : 0);
            Cluster.SlurmRender.Run(request with { Chunks = count }, workDir, made, [.. outputs.Select(o => o.Path)],
                [.. evaluation.InputFiles, .. outputs.SelectMany(o => o.Clip.InputFiles())], total, "frames", Slurm.Settings(result), stdout, stderr, cancellation);
            return [];
        }
        if (result.GetValue(Chunk) is { } chunk)
        {
            ChunkTask.Run(request, evaluation, outputs, ChunkIndex.Parse(chunk), Path.GetFullPath(result.GetValue(WorkDir)!), backend,
                result.GetValue(Worker) || result.GetValue(ProgressLines), stdout, stderr, cancellation);
            return [];
        }
        return LocalJobs.Run(request, evaluation, outputs, result.GetValue(Jobs)!.Value, result.GetValue(Chunks), result.GetValue(WorkDir), stdout, stderr, cancellation);
    }
}
