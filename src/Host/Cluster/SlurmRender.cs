using System.Globalization;
using ScriptComposer.Dsl;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Host.Chunks;

namespace ScriptComposer.Host.Cluster;

/// <summary>
/// <c>sc render SCRIPT --slurm</c>: writes the job scripts into the work dir, submits the chunk array job
/// (<c>sbatch --array=0-(N-1)</c>) and a join job that depends on it, and follows both to the end with one progress bar,
/// reporting each task that failed or needed a retry with its log. A batch submits one task per group of rows, and its join
/// (which runs whatever became of the tasks) reports the rows.
/// </summary>
internal static class SlurmRender
{
    private static readonly TimeSpan PollInterval = TimeSpan.FromSeconds(1);

    /// <summary>
    /// Submits and (unless --no-wait) follows; returns the exit code. <paramref name="total"/> is the frames (or rows) of all
    /// chunks; <paramref name="inputs"/> are the files the script reads, none of which the job scripts or logs may replace.
    /// </summary>
    public static int Run(RenderRequest request, string workDir, bool madeWorkDir, IReadOnlyList<string> outputs, IEnumerable<string> inputs, long total, string unit,
        SlurmSettings settings, TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var batch = request.Batch is not null;
        // Slurm reads the log paths it is given as patterns: %a is the task, %% a '%', and a backslash anywhere turns the patterns off.
        if (workDir.Contains('\\'))
            throw new ScriptComposerException(
                $"The Slurm work dir '{workDir}' holds a backslash, which Slurm reads as an escape in the log paths it is given, so the tasks could not write their logs. " +
                "Give a --work-dir whose path has none (the default is a folder beside the output, named after it).");
        if (!batch)
            Dsl.Rendering.Chunks.ChunkJoiner.CheckListable(workDir);
        var existed = Directory.Exists(workDir);
        var logs = Path.Combine(workDir, "logs");
        var scripts = Path.Combine(workDir, "slurm");
        var chunkScript = Path.Combine(scripts, "chunk.sh");
        var joinScript = Path.Combine(scripts, "join.sh");
        var jobsFile = Path.Combine(scripts, JobsFileName);
        WorkDirs.Prepare(workDir, outputs, request);
        RefuseWhileQueued(workDir, jobsFile);
        foreach (var folder in new[] { logs, scripts })
        {
            if (File.Exists(folder))
                throw new ScriptComposerException(
                    $"The work dir '{workDir}' holds a file '{folder}' where the Slurm render keeps a folder of its own. Move it away, or give --work-dir an empty folder.");
        }
        // A submission before this one left its logs, which would mislead the progress and the retry report: only files of
        // the names Slurm was told to write go, and only from a work dir sc wrote, never an input the script reads.
        var oldLogs = Directory.Exists(logs) ? Directory.EnumerateFiles(logs).Where(IsLogName).ToList() : [];
        WorkDirs.CheckReplaceable(workDir, [chunkScript, joinScript, jobsFile, .. oldLogs, .. Enumerable.Range(0, request.Chunks).Select(i => LogOf(logs, i)), Path.Combine(logs, JoinLogName)],
            [request.Script, .. request.Batch is { } table ? [table] : Array.Empty<string>(), .. inputs]);
        Directory.CreateDirectory(logs);
        Directory.CreateDirectory(scripts);
        foreach (var old in oldLogs) File.Delete(old);
        request.Write(workDir);
        WriteJobScript(chunkScript, SlurmJobScripts.Chunk(request, workDir, settings.Retries));
        WriteJobScript(joinScript, SlurmJobScripts.Join(request, workDir, removeWorkDir: madeWorkDir && settings.NoWait));

        string array;
        try
        {
            array = Slurm.Submit(
            [
                $"--array=0-{request.Chunks - 1}", "--job-name=sc-chunks", $"--output={SlurmPattern(logs)}/chunk-%a.out", "--requeue",
                .. settings.CommonOptions(), .. settings.GpusPerChunk is > 0 ? [$"--gres=gpu:{settings.GpusPerChunk}"] : Array.Empty<string>(),
            ], chunkScript);
        }
        catch
        {
            // Nothing was submitted: a work dir made for it now holds only the job scripts.
            if (madeWorkDir && !existed)
                TemporaryOwner.Remove(workDir);
            throw;
        }
        string join;
        try
        {
            join = Slurm.Submit(
            [
                $"--dependency={(batch ? "afterany" : "afterok")}:{array}", "--kill-on-invalid-dep=yes", "--job-name=sc-join",
                $"--output={SlurmPattern(logs)}/{JoinLogName}", .. settings.CommonOptions(),
            ], joinScript);
        }
        catch
        {
            Slurm.Cancel(array);
            if (madeWorkDir && !existed)
                TemporaryOwner.Remove(workDir);
            throw;
        }
        // So that a render submitted into this work dir while these jobs run is refused instead of taking them over.
        OutputFile.WriteAtomically(jobsFile, temporary => File.WriteAllText(temporary, $"{array} {join}\n"));
        if (cancellation.IsCancellationRequested)
            StopJobs(array, join, madeWorkDir && !existed ? workDir : null, cancellation);
        stdout.WriteLine($"Submitted array job {array} ({request.Chunks} chunk task{(request.Chunks == 1 ? "" : "s")}) and join job {join}; logs in {logs}.");
        if (settings.NoWait)
        {
            stdout.WriteLine($"Not waiting (--no-wait): follow them with squeue -j {array},{join}; the output is written when job {join} ends (its log: {Path.Combine(logs, JoinLogName)}).");
            return 0;
        }

        LocalJobs.WithProgress(stderr, $"slurm {array}", total, report =>
        {
            var failures = 0;
            while (true)
            {
                var (queued, error) = Slurm.AnyQueued(array, join);
                if (queued is null && failures == 0)
                    InterruptGrace.AfterChildStopped(cancellation);
                if (cancellation.IsCancellationRequested)
                    StopJobs(array, join, madeWorkDir && !existed ? workDir : null, cancellation);
                if (queued == false)
                    break;
                failures = queued is null ? failures + 1 : 0;
                if (failures >= MaxSqueueFailures)
                    throw new ScriptComposerException(
                        $"{error}\nsc stopped following jobs {array} and {join}, which may still be running: follow them with squeue -j {array},{join}, or cancel them with scancel {array} {join}.");
                if (cancellation.WaitHandle.WaitOne(PollInterval))
                    StopJobs(array, join, madeWorkDir && !existed ? workDir : null, cancellation);
                report(TaskProgress(logs, request.Chunks));
            }
            return [];
        }, unit);

        foreach (var line in Retried(logs, request.Chunks))
            stdout.WriteLine(line);
        var joined = Slurm.Show(join).FirstOrDefault();
        var joinLog = Path.Combine(logs, JoinLogName);
        var joinLines = File.Exists(joinLog) ? File.ReadAllLines(joinLog) : [];
        if (joined is not null && joined.GetValueOrDefault("JobState") == "COMPLETED")
        {
            foreach (var line in joinLines.Where(l => l.StartsWith("Wrote ", StringComparison.Ordinal) || l.StartsWith("Row ", StringComparison.Ordinal) || l.StartsWith("Rendered ", StringComparison.Ordinal)))
                stdout.WriteLine(line);
            if (madeWorkDir)
                Directory.Delete(workDir, recursive: true);
            return 0;
        }
        if (batch && joinLines.Length > 0)
        {
            // The join ran (after any task) and reported the rows: its report is the answer.
            foreach (var line in joinLines) (line.StartsWith("Row ", StringComparison.Ordinal) && line.Contains(" failed", StringComparison.Ordinal) || line.Contains("rows failed", StringComparison.Ordinal) ? stderr : stdout).WriteLine(line);
            stderr.WriteLine($"The tasks' logs are in {logs}.");
            return 1;
        }
        throw new ScriptComposerException(Failure(array, join, joined, logs, joinLines, request.Chunks, workDir));
    }

    /// <summary>The frames (or rows) done by every task, from the last progress line of each task's log.</summary>
    private static long TaskProgress(string logs, int chunks)
    {
        long done = 0;
        for (var i = 0; i < chunks; i++)
        {
            var log = LogOf(logs, i);
            if (!File.Exists(log))
                continue;
            try
            {
                var last = File.ReadLines(log).Select(ProgressLine.Parse).LastOrDefault(p => p is not null);
                done += last?.Done ?? 0;
            }
            catch (IOException)
            {
            }
        }
        return done;
    }

    /// <summary>"chunk 2/4 failed once and succeeded when tried again; its log: ..." for every task that needed a retry.</summary>
    private static IEnumerable<string> Retried(string logs, int chunks)
    {
        for (var i = 0; i < chunks; i++)
        {
            var log = LogOf(logs, i);
            if (!File.Exists(log))
                continue;
            var lines = File.ReadAllLines(log);
            var failed = lines.Count(l => l.StartsWith(SlurmJobScripts.FailedAttempt, StringComparison.Ordinal));
            if (failed == 0)
                continue;
            var succeeded = !lines.Last(l => l.StartsWith("sc-slurm:", StringComparison.Ordinal)).StartsWith(SlurmJobScripts.FailedAttempt, StringComparison.Ordinal);
            var errors = lines.Where(l => l.StartsWith("error:", StringComparison.Ordinal) || l.Contains("): error", StringComparison.Ordinal)).Distinct().Take(3);
            yield return $"chunk {i}/{chunks} failed {(failed == 1 ? "once" : $"{failed} times")}{(succeeded ? " and succeeded when tried again" : "")}; its log: {log}" +
                         string.Concat(errors.Select(e => $"\n  {e}"));
        }
    }

    private static string Failure(string array, string join, IReadOnlyDictionary<string, string>? joined, string logs, string[] joinLines, int chunks, string workDir)
    {
        var tasks = Slurm.Show(array);
        var failed = tasks.Where(t => t.GetValueOrDefault("JobState") is { } state && state != "COMPLETED").ToList();
        var text = new System.Text.StringBuilder($"The Slurm render did not finish (array job {array}, join job {join}");
        text.Append(joined is null ? ")." : $": the join is {joined.GetValueOrDefault("JobState")}, exit code {joined.GetValueOrDefault("ExitCode")}).");
        foreach (var task in failed)
        {
            var id = task.GetValueOrDefault("ArrayTaskId") ?? "?";
            var log = int.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var index) ? LogOf(logs, index) : logs;
            text.Append(CultureInfo.InvariantCulture, $"\nchunk {id}/{chunks} is {task.GetValueOrDefault("JobState")} (exit code {task.GetValueOrDefault("ExitCode")}); its log {log} ends:");
            text.Append(Tail(log));
        }
        if (joinLines.Length > 0)
            text.Append(CultureInfo.InvariantCulture, $"\nThe join's log {Path.Combine(logs, JoinLogName)} ends:{Tail(Path.Combine(logs, JoinLogName))}");
        text.Append(CultureInfo.InvariantCulture, $"\nThe chunks that were done are kept in {workDir}: submit the same render with --work-dir {ShellQuote.Quote(workDir)} to render only the rest.");
        return text.ToString();
    }

    private static string Tail(string log) =>
        File.Exists(log)
            ? string.Concat(File.ReadAllLines(log).Where(l => ProgressLine.Parse(l) is null).TakeLast(12).Select(l => $"\n  {l}"))
            : "\n  (no log)";

    /// <summary>How many times in a row squeue may fail before sc stops following the jobs.</summary>
    private const int MaxSqueueFailures = 10;

    /// <summary>Cancels both jobs, removes the work dir sc made for them, and ends with the cancellation.</summary>
    private static void StopJobs(string array, string join, string? madeWorkDir, CancellationToken cancellation)
    {
        Slurm.Cancel(array, join);
        if (madeWorkDir is not null)
            TemporaryOwner.Remove(madeWorkDir);
        throw new OperationCanceledException(cancellation);
    }

    /// <summary>A path as a Slurm file name pattern that means just that path: each '%' doubled.</summary>
    internal static string SlurmPattern(string path) => path.Replace("%", "%%", StringComparison.Ordinal);

    private const string JoinLogName = "join.out";

    /// <summary>The file in the work dir's slurm folder that holds the ids of the jobs last submitted from it: "ARRAY JOIN".</summary>
    private const string JobsFileName = "jobs";

    /// <summary>Refuses a work dir whose last submitted jobs (its <paramref name="jobsFile"/>) are still queued or running, or of which squeue cannot say.</summary>
    private static void RefuseWhileQueued(string workDir, string jobsFile)
    {
        if (!File.Exists(jobsFile))
            return;
        var jobs = File.ReadAllText(jobsFile).Split((char[])[' ', '\n'], StringSplitOptions.RemoveEmptyEntries).Where(id => id.All(char.IsAsciiDigit)).ToArray();
        if (jobs.Length == 0)
            return;
        var (queued, error) = Slurm.AnyQueued(jobs);
        if (queued == false)
            return;
        var previous = RenderRequest.Read(workDir);
        throw new ScriptComposerException(
            (queued == true
                ? $"The work dir '{workDir}' belongs to a Slurm render that is still queued or running (jobs {string.Join(", ", jobs)}: sc render {previous.Description}), "
                : $"sc cannot tell whether the Slurm render that last used the work dir '{workDir}' (jobs {string.Join(", ", jobs)}: sc render {previous.Description}) has ended ({error}), ") +
            $"and this render would take over its chunks and logs. Wait for it to end (squeue -j {string.Join(',', jobs)}), cancel it (scancel {string.Join(' ', jobs)}) and submit again, " +
            "or give this render a --work-dir of its own.");
    }

    private static string LogOf(string logs, int chunk) => Path.Combine(logs, string.Create(CultureInfo.InvariantCulture, $"chunk-{chunk}.out"));

    /// <summary>Whether <paramref name="path"/> has the name of a log sc tells Slurm to write: chunk-N.out or join.out.</summary>
    private static bool IsLogName(string path) =>
        Path.GetFileName(path) is var name && (name == JoinLogName || (name.StartsWith("chunk-", StringComparison.Ordinal) && name.EndsWith(".out", StringComparison.Ordinal)
            && name["chunk-".Length..^".out".Length] is { Length: > 0 } number && number.All(char.IsAsciiDigit)));

    private static void WriteJobScript(string path, string text) =>
        OutputFile.WriteAtomically(path, temporary => File.WriteAllText(temporary, text));
}
