using System.ComponentModel;
using System.Diagnostics;
using ScriptComposer.Dsl;

namespace ScriptComposer.Host.Cluster;

/// <summary>Slurm's commands (sbatch, squeue, scontrol, scancel), each run with its arguments as a list and its output read whole.</summary>
internal static class Slurm
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(60);

    /// <summary>Runs <paramref name="tool"/>; throws with its words when it fails and <paramref name="check"/> is set.</summary>
    public static (int Code, string Stdout, string Stderr) Run(string tool, IEnumerable<string> arguments, bool check = true)
    {
        var info = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in arguments) info.ArgumentList.Add(a);
        Process process;
        try
        {
            process = Process.Start(info) ?? throw new ScriptComposerException($"{tool} could not be started.");
        }
        catch (Win32Exception e)
        {
            throw new ScriptComposerException(
                $"{tool} could not be started ({e.Message}): --slurm needs Slurm's commands (sbatch, squeue, scontrol, scancel) on PATH. Run sc on the cluster's login node, or install Slurm's client (Debian: apt-get install slurm-client).", e);
        }
        using (process)
        {
            var stderr = process.StandardError.ReadToEndAsync();
            var stdout = process.StandardOutput.ReadToEnd();
            if (!process.WaitForExit(Timeout))
            {
                process.Kill(entireProcessTree: true);
                throw new ScriptComposerException($"{tool} did not answer within {Timeout.TotalSeconds:0} s; is slurmctld running (sinfo says)?");
            }
            var result = (process.ExitCode, stdout, stderr.GetAwaiter().GetResult());
            if (check && result.ExitCode != 0)
                throw new ScriptComposerException($"{tool} {string.Join(' ', info.ArgumentList)} failed (exit code {result.ExitCode}): {result.Item3.Trim()}");
            return result;
        }
    }

    /// <summary>Submits a job script; returns the job id (sbatch --parsable).</summary>
    public static string Submit(IEnumerable<string> options, string jobScript)
    {
        var (_, stdout, _) = Run("sbatch", ["--parsable", .. options, jobScript]);
        var id = stdout.Trim().Split(';')[0];
        return id.Length > 0 && id.All(char.IsAsciiDigit) ? id : throw new ScriptComposerException($"sbatch answered '{stdout.Trim()}', not a job id.");
    }

    /// <summary>
    /// Whether any task of the jobs is still queued or running; null when squeue could not say (it failed for another
    /// reason than jobs it no longer knows, or a Ctrl+C in the terminal stopped it too), with its words.
    /// </summary>
    public static (bool? Queued, string Error) AnyQueued(params string[] jobs)
    {
        var (code, stdout, stderr) = Run("squeue", ["-h", "-j", string.Join(',', jobs), "-o", "%i %T"], check: false);
        if (code == 0)
            return (stdout.Trim().Length > 0, "");
        // Jobs that ended long enough ago are forgotten by the controller: nothing of them is queued.
        return stderr.Contains("Invalid job id", StringComparison.OrdinalIgnoreCase) ? (false, "") : (null, $"squeue failed (exit code {code}): {stderr.Trim()}");
    }

    /// <summary>Each record of a job (one per array task) as its key=value fields (scontrol -o show job).</summary>
    public static IReadOnlyList<IReadOnlyDictionary<string, string>> Show(string job)
    {
        var (code, stdout, _) = Run("scontrol", ["-o", "show", "job", job], check: false);
        if (code != 0)
            return [];
        return stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => (IReadOnlyDictionary<string, string>)line.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Select(field => field.Split('=', 2))
                .Where(kv => kv.Length == 2)
                .GroupBy(kv => kv[0])
                .ToDictionary(g => g.Key, g => g.First()[1]))
            .ToList();
    }

    public static void Cancel(params string[] jobs) => Run("scancel", jobs, check: false);
}
