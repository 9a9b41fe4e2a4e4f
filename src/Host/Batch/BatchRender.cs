using System.Diagnostics;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Dsl.Rendering;
using ScriptComposer.Dsl.Rendering.Chunks;
using ScriptComposer.Dsl.Scripting;
using ScriptComposer.Gpu;
using ScriptComposer.Host.Chunks;
using ScriptComposer.Host.Commands;
using ScriptComposer.Host.Scripting;

namespace ScriptComposer.Host.Batch;

/// <summary>
/// <c>sc render TEMPLATE --batch rows.csv</c>: one render of the script per row of the table, the row's columns as its
/// <c>Args</c>. Rows run one after the other here, as <c>--jobs N</c> worker processes, or in groups (<c>--chunk I/N</c>, one
/// group per Slurm task) that keep each row's result in the work dir. A row that fails is reported by its number and does not
/// stop the others; the exit code is 1 when any row failed.
/// </summary>
internal static class BatchRender
{
    public static int Run(ScriptHost host, RenderRequest request, int? jobs, ChunkIndex? group, string? workDir, bool verbose, bool progressLines,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var table = request.Batch!;
        var rows = BatchTable.Read(table);
        var folder = Path.GetDirectoryName(table)!;
        BatchTable.CheckOutputs(rows, request.OutputPattern, folder, table,
            namedBecause: group is not null ? "With --chunk (each group of rows in a process of its own)" : jobs is > 1 ? "With --jobs" : null);
        var clock = Stopwatch.StartNew();
        if (group is { } chunk)
            return RunGroup(host, request with { Chunks = chunk.Count }, rows, chunk, workDir!, verbose, progressLines, stdout, stderr, cancellation);

        // Every row's script runs first, to learn what each row writes: rows that would write the same file (through the script's
        // own Render path too) are refused before anything renders, and a row whose script fails is reported without rendering.
        var planned = PlanRows(host, request, rows, folder, verbose, cancellation);
        CheckRowOutputs(rows, planned, table);
        IReadOnlyList<(BatchRow Row, string Error)> failures;
        if (jobs is > 1)
        {
            failures = RunWorkers(request, rows, planned, jobs.Value, folder, stderr, cancellation);
        }
        else
        {
            var written = new Dictionary<string, BatchRow>(StringComparer.Ordinal);
            var list = new List<(BatchRow, string)>();
            foreach (var row in rows)
            {
                var result = planned[row.Number].Error is { } error
                    ? new BatchRowResult(row.Number, row.Line, false, [], error)
                    : RenderRow(host, request, row, folder, written, verbose, progressLines: false, stdout, cancellation);
                if (!result.Ok) list.Add((row, result.Error!));
            }
            failures = list;
        }
        return Report(rows.Count, failures, table, clock.Elapsed, stdout, stderr);
    }

    /// <summary>What a row's script declares it writes (each output's full path, and whether it is a picture pattern), or why it cannot run.</summary>
    private sealed record RowOutputs(IReadOnlyList<(string Path, bool Sequence)> Outputs, string? Error);

    /// <summary>
    /// Runs the script once for each row, with the row's values, and notes the outputs it declares (after <c>-o</c> or the
    /// <see cref="BatchTable.OutputColumn"/>); a row whose script fails gets its error, as <c>sc render</c> would print it.
    /// </summary>
    private static Dictionary<int, RowOutputs> PlanRows(ScriptHost host, RenderRequest request, IReadOnlyList<BatchRow> rows, string folder, bool verbose,
        CancellationToken cancellation)
    {
        var planned = new Dictionary<int, RowOutputs>();
        foreach (var row in rows)
        {
            if (row.Problem is { } problem)
            {
                planned[row.Number] = new RowOutputs([], $"error: {problem}.");
                continue;
            }
            ScriptEvaluation? evaluation = null;
            var error = new StringWriter();
            IReadOnlyList<(string, bool)> outputs = [];
            int code;
            try
            {
                code = ScCli.Guard(error, verbose, () =>
                {
                    evaluation = host.Evaluate(request.Script, ArgsOf(request, row), cancellation);
                    outputs = RenderCommand.Redirect(evaluation, BatchTable.OutputOf(row, request.OutputPattern, folder))
                        .Where(o => o is not VideoOutput { IsNull: true })
                        .Select(o => (Path.GetFullPath(o.Path), o is VideoOutput { Kind: OutputKind.ImageSequence }))
                        .ToList();
                    return 0;
                });
            }
            finally
            {
                evaluation?.Unload();
            }
            if (code == 130)
                throw new OperationCanceledException(cancellation);
            planned[row.Number] = new RowOutputs(outputs, code == 0 ? null : error.ToString().Trim());
        }
        return planned;
    }

    /// <summary>
    /// Refuses two rows that would write the same file: the same path (or two spellings of one place), or a file one row's
    /// picture pattern names (<see cref="OutputNames"/>).
    /// </summary>
    private static void CheckRowOutputs(IReadOnlyList<BatchRow> rows, Dictionary<int, RowOutputs> planned, string table)
    {
        var places = new Dictionary<string, BatchRow>(StringComparer.Ordinal);
        var byFolder = new Dictionary<string, List<(BatchRow Row, string Path, bool Sequence)>>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            foreach (var (path, sequence) in planned[row.Number].Outputs.Distinct())
            {
                var place = FileIdentity.PlaceOf(path);
                if (places.TryGetValue(place, out var earlier) && earlier.Number != row.Number)
                    throw Clash(earlier, row, path, table);
                places.TryAdd(place, row);
                var neighbours = byFolder.TryGetValue(Path.GetDirectoryName(place)!, out var list) ? list : byFolder[Path.GetDirectoryName(place)!] = [];
                foreach (var other in neighbours)
                {
                    if (other.Row.Number != row.Number && (sequence || other.Sequence) && OutputNames.Shared(other.Path, other.Sequence, path, sequence) is { } shared)
                        throw Clash(other.Row, row, shared, table);
                }
                neighbours.Add((row, path, sequence));
            }
        }
    }

    private static ScriptComposerException Clash(BatchRow first, BatchRow second, string path, string table) => new(
        $"{first.Describe(table)} and {second.Describe(table)} would both write '{path}', so they are refused before anything renders. " +
        "Give each row its own output: -o 'out/{row}.mp4', an 'output' column, or Args in the script's Render path (such as $\"out/{Args[\"name\"]}.mp4\").");

    /// <summary>The script's <c>Args</c> for <paramref name="row"/>: the <c>--set</c> values, then the row's own columns, each named by its cell.</summary>
    private static ScriptArgs ArgsOf(RenderRequest request, BatchRow row)
    {
        var origins = row.Values.Keys.ToDictionary(key => key, key => $"column '{key}' of {row.Describe(request.Batch!)}", StringComparer.Ordinal);
        return new ScriptArgs(ValuesOf(request, row), origins);
    }

    private static Dictionary<string, string> ValuesOf(RenderRequest request, BatchRow row)
    {
        var values = new Dictionary<string, string>(request.Set, StringComparer.Ordinal);
        foreach (var (key, value) in row.Values) values[key] = value;
        return values;
    }

    /// <summary>Prints what became of the rows; returns the exit code (1 when any failed).</summary>
    internal static int Report(int rows, IReadOnlyList<(BatchRow Row, string Error)> failures, string table, TimeSpan elapsed, TextWriter stdout, TextWriter stderr)
    {
        stdout.WriteLine(FormattableString.Invariant($"Rendered {rows - failures.Count} of {rows} rows of {table}") +
            (elapsed > TimeSpan.Zero ? FormattableString.Invariant($" in {elapsed.TotalSeconds:0.00} s.") : "."));
        foreach (var (row, error) in failures.OrderBy(f => f.Row.Number))
            stderr.WriteLine($"{char.ToUpperInvariant(row.Describe(table)[0])}{row.Describe(table)[1..]} failed: {error.Replace("\n", "\n  ", StringComparison.Ordinal)}");
        if (failures.Count > 0)
            stderr.WriteLine($"{failures.Count} of {rows} rows failed (row{(failures.Count > 1 ? "s" : "")} {string.Join(", ", failures.Select(f => f.Row.Number).Order())}); the others were written.");
        return failures.Count > 0 ? 1 : 0;
    }

    /// <summary>
    /// Renders one row in this process; a failure is returned (its message as <c>sc render</c> would print it), not thrown.
    /// A <paramref name="previous"/> result that still holds for the row as it is now (the same script, values, inputs and
    /// outputs, each output as it was written) is returned as it is, without rendering.
    /// </summary>
    private static BatchRowResult RenderRow(ScriptHost host, RenderRequest request, BatchRow row, string folder, Dictionary<string, BatchRow>? written,
        bool verbose, bool progressLines, TextWriter stdout, CancellationToken cancellation, BatchRowResult? previous = null)
    {
        var table = request.Batch!;
        if (row.Problem is { } problem)
            return new BatchRowResult(row.Number, row.Line, false, [], $"error: {problem}.");
        ScriptEvaluation? evaluation = null;
        var error = new StringWriter();
        IReadOnlyList<ScriptOutput> outputs = [];
        RenderIdentity? identity = null;
        var reused = false;
        int code;
        try
        {
            code = ScCli.Guard(error, verbose, () =>
            {
                var values = ValuesOf(request, row);
                evaluation = host.Evaluate(request.Script, ArgsOf(request, row), cancellation);
                using var stopScript = evaluation.Guard.StopOn(cancellation);
                var named = BatchTable.OutputOf(row, request.OutputPattern, folder);
                outputs = RenderCommand.Redirect(evaluation, named);
                identity = RenderIdentities.Of(evaluation, request with { Set = values, Output = named, Batch = null, OutputPattern = null }, outputs);
                if (previous is not null && previous.HoldsFor(identity, outputs.Select(o => Path.GetFullPath(o.Path)).ToList()))
                {
                    reused = true;
                    return 0;
                }
                RenderJob.ValidateAll(outputs, evaluation.InputFiles);
                foreach (var o in outputs)
                {
                    if (written is not null && written.TryGetValue(FileIdentity.PlaceOf(o.Path), out var earlier))
                        throw new ScriptComposerException(
                            $"it would write '{o.Path}', which {earlier.Describe(table)} wrote. Give each row its own output: -o 'out/{{row}}.mp4', or use Args in the script's Render path.");
                }
                RenderCommand.RenderInProcess(outputs, request.Range, Enum.Parse<BackendKind>(request.Backend, ignoreCase: true), profile: false, verbose, stdout,
                    TextWriter.Null, cancellation, progressLines);
                return 0;
            });
        }
        finally
        {
            evaluation?.Unload();
        }
        if (code == 130)
            throw new OperationCanceledException(cancellation);
        if (code != 0)
            return new BatchRowResult(row.Number, row.Line, false, [], error.ToString().Trim());
        if (reused)
            return previous!;
        foreach (var o in outputs) written?.TryAdd(FileIdentity.PlaceOf(o.Path), row);
        var paths = outputs.Select(o => Path.GetFullPath(o.Path)).ToList();
        return new BatchRowResult(row.Number, row.Line, true, paths, null, identity,
            paths.Where(File.Exists).Distinct(StringComparer.Ordinal).ToDictionary(p => p, BatchRowResult.VersionOf, StringComparer.Ordinal));
    }

    private static IReadOnlyList<(BatchRow Row, string Error)> RunWorkers(RenderRequest request, IReadOnlyList<BatchRow> rows, Dictionary<int, RowOutputs> planned,
        int jobs, string folder, TextWriter stderr, CancellationToken cancellation)
    {
        var failures = new List<(BatchRow, string)>();
        var items = new List<WorkerPool.Item>();
        var byName = new Dictionary<string, BatchRow>(StringComparer.Ordinal);
        var outputOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var row in rows)
        {
            // Its script failed already (with the cell it could not use named): no worker would do better.
            if (planned[row.Number].Error is { } error)
            {
                failures.Add((row, error));
                continue;
            }
            var one = request with
            {
                Batch = null,
                OutputPattern = null,
                Output = BatchTable.OutputOf(row, request.OutputPattern, folder),
                Set = Merge(request.Set, row.Values),
            };
            var name = $"row {row.Number}";
            byName[name] = row;
            outputOf[name] = one.Output!;
            items.Add(new WorkerPool.Item(name, one.RenderArguments()));
        }
        var failed = LocalJobs.WithProgress(stderr, Path.GetFileName(request.Batch!), rows.Count,
            report => new WorkerPool(jobs).Run(items, stopOnFailure: false, p => report((long)(p.Items + failures.Count)), cancellation), unit: "rows");
        LocalJobs.ThrowIfFailed([.. failed.Where(f => f.ExitCode == 130)], null, cancellation);
        foreach (var f in failed)
        {
            // A worker killed outright (SIGKILL, the OOM killer) could not remove what it was writing; its process is gone now.
            var output = outputOf[f.Item.Name];
            OutputFile.RemoveStalePartials(output, sequence: OutputFormats.KindOf(output) == OutputKind.ImageSequence);
            failures.Add((byName[f.Item.Name], WorkerPool.Reason(f)));
        }
        return failures;
    }

    /// <summary>
    /// Renders group <paramref name="group"/> of the rows (one Slurm task's share) into <paramref name="workDir"/>, keeping
    /// each row's result there; rows already done are skipped. Returns 1 when a row of the group failed.
    /// </summary>
    private static int RunGroup(ScriptHost host, RenderRequest request, IReadOnlyList<BatchRow> rows, ChunkIndex group, string workDir, bool verbose,
        bool progressLines, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        WorkDirs.Prepare(workDir, rows.Select(r => BatchTable.OutputOf(r, request.OutputPattern, Path.GetDirectoryName(request.Batch!)!)).OfType<string>(), request);
        request.Write(workDir);
        var (first, end) = group.FramesOf(0, rows.Count);
        var lines = progressLines ? new ProgressLine(stdout, end - first) : null;
        lines?.Report(0);
        var failed = 0;
        for (var i = (int)first; i < end; i++)
        {
            var row = rows[i];
            var previous = BatchRowResult.Read(workDir, row.Number);
            var result = RenderRow(host, request, row, Path.GetDirectoryName(request.Batch!)!, null, verbose, progressLines: false, stdout, cancellation,
                previous is { IsDone: true } ? previous : null);
            if (ReferenceEquals(result, previous))
            {
                stdout.WriteLine($"Row {row.Number}: already done in {workDir}");
            }
            else
            {
                result.Write(workDir);
                if (!result.Ok)
                {
                    failed++;
                    stderr.WriteLine($"{row.Describe(request.Batch!)} failed: {result.Error}");
                }
            }
            lines?.Report(i + 1 - first);
        }
        return failed > 0 ? 1 : 0;
    }

    /// <summary>The report of a batch's work dir (<c>sc join DIR</c>): each row's result, or that it has none.</summary>
    public static int ReportWorkDir(RenderRequest request, string workDir, TextWriter stdout, TextWriter stderr)
    {
        var rows = BatchTable.Read(request.Batch!);
        var failures = new List<(BatchRow, string)>();
        foreach (var row in rows)
        {
            var result = BatchRowResult.Read(workDir, row.Number);
            if (result is null)
                failures.Add((row, $"it has no result in '{workDir}' (its task did not run, or was stopped before the row ended)."));
            else if (!result.Ok)
                failures.Add((row, result.Error ?? "failed"));
            else if (!result.IsDone)
                failures.Add((row, $"a file it wrote is gone ({string.Join(", ", result.Outputs.Where(o => !File.Exists(o)))})."));
            else
                foreach (var o in result.Outputs) stdout.WriteLine($"Row {row.Number}: {o}");
        }
        return Report(rows.Count, failures, request.Batch!, TimeSpan.Zero, stdout, stderr);
    }

    private static IReadOnlyDictionary<string, string> Merge(IReadOnlyDictionary<string, string> set, IReadOnlyDictionary<string, string> row)
    {
        var values = new SortedDictionary<string, string>(set.ToDictionary(), StringComparer.Ordinal);
        foreach (var (key, value) in row) values[key] = value;
        return values;
    }
}
