using System.CommandLine;
using ScriptComposer.Dsl;

namespace ScriptComposer.Host.Cluster;

/// <summary>The options of <c>sc render --slurm</c>: the array job's shape and how sc follows it.</summary>
internal sealed class SlurmOptions
{
    public Option<bool> Slurm { get; } = new("--slurm")
    {
        Description = "Render on a Slurm cluster: an array job of --chunks tasks (each sc render --chunk I/N) and a join job that waits for it; sc follows them to the end (or see --no-wait). The work dir must be on storage every node sees.",
    };

    public Option<string?> Partition { get; } = new("--partition") { Description = "With --slurm: the partition to run in (sbatch --partition)." };

    public Option<int?> GpusPerChunk { get; } = new("--gpus-per-chunk")
    {
        Description = "With --slurm: GPUs for each chunk task (sbatch --gres=gpu:G).",
        CustomParser = result => Commands.CommonOptions.WholeNumber(result, "--gpus-per-chunk", "1"),
    };

    public Option<string?> Time { get; } = new("--time") { Description = "With --slurm: the time limit of each task and of the join (sbatch --time, such as 30:00)." };

    public Option<bool> NoWait { get; } = new("--no-wait") { Description = "With --slurm: submit, print the job ids and return, instead of following the jobs to the end." };

    public Option<int> Retries { get; } = new("--retries")
    {
        Description = "With --slurm: how many times a failed chunk task is tried again before the render fails (default 2).",
        DefaultValueFactory = _ => 2,
        CustomParser = result => Commands.CommonOptions.WholeNumber(result, "--retries", "2") ?? 2,
    };

    public void AddTo(Command command)
    {
        command.Add(Slurm);
        command.Add(Partition);
        command.Add(GpusPerChunk);
        command.Add(Time);
        command.Add(NoWait);
        command.Add(Retries);
    }

    public bool IsRequested(ParseResult result) => result.GetValue(Slurm);

    public SlurmSettings Settings(ParseResult result)
    {
        var retries = result.GetValue(Retries);
        if (retries is < 0 or > 100)
            throw new ScriptComposerException($"--retries {retries} is not a number of retries; give 0 to 100, such as --retries 2.");
        if (result.GetValue(GpusPerChunk) is < 0 and var gpus)
            throw new ScriptComposerException($"--gpus-per-chunk {gpus} is impossible; give 0 or more.");
        return new SlurmSettings(result.GetValue(Partition), result.GetValue(GpusPerChunk), result.GetValue(Time), result.GetValue(NoWait), result.GetValue(Retries));
    }

    /// <summary>Refuses Slurm options given without --slurm, where they would change nothing.</summary>
    public void Check(ParseResult result)
    {
        if (result.GetValue(Slurm))
            return;
        foreach (var (name, given) in new[] { ("--partition", result.GetValue(Partition) is not null), ("--gpus-per-chunk", result.GetValue(GpusPerChunk) is not null),
                     ("--time", result.GetValue(Time) is not null), ("--no-wait", result.GetValue(NoWait)) })
        {
            if (given)
                throw new ScriptComposerException($"{name} goes with --slurm; without it the render runs here and {name} changes nothing.");
        }
    }
}
