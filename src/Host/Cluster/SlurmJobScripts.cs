using System.Globalization;
using System.Text;
using ScriptComposer.Dsl.Media;
using ScriptComposer.Host.Chunks;

namespace ScriptComposer.Host.Cluster;

/// <summary>
/// The job scripts of a Slurm render, written into the work dir: each chunk task runs this same sc (by absolute paths, so
/// every node runs the build that submitted) on chunk <c>$SLURM_ARRAY_TASK_ID</c>, trying again up to the retry limit and
/// saying so in its log; the join runs <c>sc join</c> on the work dir.
/// </summary>
internal static class SlurmJobScripts
{
    /// <summary>What a task's log says when an attempt failed: the follower finds retries by it.</summary>
    public const string FailedAttempt = "sc-slurm: attempt failed";

    public static string Chunk(RenderRequest request, string workDir, int retries)
    {
        var command = string.Join(' ', ScLauncher.Command().Concat(request.RenderArguments()).Select(ShellQuote.Quote));
        var text = new StringBuilder();
        text.Append("#!/bin/sh\n");
        text.Append("# Written by sc render --slurm: one chunk of the render per array task, tried again when it fails.\n");
        text.Append("i=\"$SLURM_ARRAY_TASK_ID\"\n");
        text.Append(CultureInfo.InvariantCulture, $"n={request.Chunks}\n");
        text.Append(CultureInfo.InvariantCulture, $"tries={retries + 1}\n");
        text.Append("attempt=1\n");
        text.Append("while :; do\n");
        text.Append("  echo \"sc-slurm: chunk $i/$n, attempt $attempt of $tries, on $(hostname)\"\n");
        text.Append(CultureInfo.InvariantCulture, $"  {command} --chunk \"$i/$n\" --work-dir {ShellQuote.Quote(workDir)} --progress-lines\n");
        text.Append("  code=$?\n");
        text.Append("  [ \"$code\" -eq 0 ] && exit 0\n");
        text.Append(CultureInfo.InvariantCulture, $"  echo \"{FailedAttempt}: chunk $i/$n, attempt $attempt of $tries, exit code $code\"\n");
        text.Append("  [ \"$attempt\" -ge \"$tries\" ] && exit \"$code\"\n");
        text.Append("  attempt=$((attempt + 1))\n");
        text.Append("done\n");
        return text.ToString();
    }

    /// <summary>
    /// The join job's script; with <paramref name="removeWorkDir"/> (a work dir sc made, when nobody waits to read the join's
    /// log) it removes the work dir once the join succeeded, as a render followed to its end does.
    /// </summary>
    public static string Join(RenderRequest request, string workDir, bool removeWorkDir = false)
    {
        var command = string.Join(' ', ScLauncher.Command().Concat(["join", workDir, "--backend", request.Backend]).Select(ShellQuote.Quote));
        var text = "#!/bin/sh\n# Written by sc render --slurm: joins the chunks once every task is done.\n";
        return removeWorkDir
            ? text + $"{command} || exit $?\nrm -rf -- {ShellQuote.Quote(workDir)}\n"
            : text + $"exec {command}\n";
    }
}
