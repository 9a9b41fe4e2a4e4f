namespace ScriptComposer.Host.Cluster;

/// <summary>How a render's jobs are submitted to Slurm and followed.</summary>
internal sealed record SlurmSettings(string? Partition, int? GpusPerChunk, string? Time, bool NoWait, int Retries)
{
    /// <summary>The sbatch options every job of the render takes.</summary>
    public IEnumerable<string> CommonOptions()
    {
        if (Partition is not null) yield return $"--partition={Partition}";
        if (Time is not null) yield return $"--time={Time}";
    }
}
