using System.Globalization;
using ScriptComposer.Dsl;
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

    /// <summary>Submits and (unless --no-wait) follows; returns the exit code. <paramref name="total"/> is the frames (or rows) of all chunks.</summary>
    public static int Run(RenderRequest request, string workDir, bool madeWorkDir, long total, string unit, SlurmSettings settings,
        TextWriter stdout, TextWriter stderr, CancellationToken cancellation)
    {
        var batch = request.Batch is not null;
        var logs = Path.Combine(workDir, "logs");
        var scripts = Path.Combine(workDir, "slurm");
        Directory.CreateDirectory(logs);
        Directory.CreateDirectory(scripts);
        foreach (var old in Directory.EnumerateFiles(logs)) File.Delete(old);
        request.Write(workDir);
        var chunkScript = Path.Combine(scripts, "chunk.sh");
        var joinScript = Path.Combine(scripts, "join.sh");
        File.WriteAllText(chunkScript, SlurmJobScripts.Chunk(request, workDir, settings.Retries));
        File.WriteAllText(joinScript, SlurmJobScripts.Join(request, workDir));

        var array = Slurm.Submit(
        [
            $"--array=0-{request.Chunks - 1}", "--job-name=sc-chunks", $"--output={Path.Combine(logs, "chunk-%a.out")}", "--requeue",
            .. settings.CommonOptions(), .. settings.GpusPerChunk is > 0 ? [$"--gres=gpu:{settings.GpusPerChunk}"] : Array.Empty<string>(),
        ], chunkScript);
        string join;
        try
        {
            join = Slurm.Submit(
            [
                $"--dependency={(batch ? "afterany" : "afterok")}:{array}", "--kill-on-invalid-dep=yes", "--job-name=sc-join",
                $"--output={Path.Combine(logs, "join.out")}", .. settings.CommonOptions(),
            ], joinScript);
        }
        catch
        {
            Slurm.Cancel(array);
            throw;
        }
        stdout.WriteLine($"Submitted array job {array} ({request.Chunks} chunk task{(request.Chunks == 1 ? "" : "s")}) and join job {join}; logs in {logs}.");
        if (settings.NoWait)
        {
            stdout.WriteLine($"Not waiting (--no-wait): follow them with squeue -j {array},{join}; the output is written when job {join} ends (its log: {Path.Combine(logs, "join.out")}).");
            return 0;
        }

        LocalJobs.WithProgress(stderr, $"slurm {array}", total, report =>
        {
            while (Slurm.AnyQueued(array, join))
            {
                if (cancellation.WaitHandle.WaitOne(PollInterval))
                {
                    Slurm.Cancel(array, join);
                    throw new OperationCanceledException(cancellation);
                }
                report(TaskProgress(logs, request.Chunks));
            }
            return [];
        }, unit);

        foreach (var line in Retried(logs, request.Chunks))
            stdout.WriteLine(line);
        var joined = Slurm.Show(join).FirstOrDefault();
        var joinLog = Path.Combine(logs, "join.out");
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
            text.Append(CultureInfo.InvariantCulture, $"\nThe join's log {Path.Combine(logs, "join.out")} ends:{Tail(Path.Combine(logs, "join.out"))}");
        text.Append(CultureInfo.InvariantCulture, $"\nThe chunks that were done are kept in {workDir}: submit the same render with --work-dir '{workDir}' to render only the rest.");
        return text.ToString();
    }

    private static string Tail(string log) =>
        File.Exists(log)
            ? string.Concat(File.ReadAllLines(log).Where(l => ProgressLine.Parse(l) is null).TakeLast(12).Select(l => $"\n  {l}"))
            : "\n  (no log)";

    private static string LogOf(string logs, int chunk) => Path.Combine(logs, string.Create(CultureInfo.InvariantCulture, $"chunk-{chunk}.out"));
}
